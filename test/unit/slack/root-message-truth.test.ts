/**
 * Issue #18 items 3 and 9: the root message sums up the whole crew and names who (or what) changed it, the
 * thread has one reply per event a person cares about, and the wording list: no "Cancelled: Cancelled in
 * Slack", no decline said twice or ending in `.”.`, no "…are set up: done.", 12-hour times in change lines,
 * times in the charter's zone.
 */
import { describe, expect, it } from 'vitest';
import { type Confirmation, formatClock, type HistoryEntry, opsView } from '../../../src/domain';
import { guestPageUrlOf } from '../../../src/guest/paths';
import type { StepName, StepRecord } from '../../../src/pipeline/step-records';
import { plannedReplies } from '../../../src/pipeline/steps/slack-thread';
import {
  buildCrewBoard,
  crewStatusSummary,
  renderRootMessage,
  renderThreadReply,
  type StepState,
  updatedByLabel,
} from '../../../src/slack/blocks/status-thread';
import { aBooking, aBookingInput, TEST_CREW } from '../../helpers/fixtures';

const PAGE_URL = guestPageUrlOf((domain) => `http://localhost:3000/sites/${domain}`);
const ALL_DONE: StepState[] = ['scc', 'calendar', 'guestPage', 'invalidation'].map((name) => ({
  name,
  status: 'done',
}));

function withHostess() {
  const base = aBookingInput();
  return aBooking(
    {},
    aBookingInput({
      crew: [
        ...base.crew,
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
      ],
    }),
  );
}

function answer(crewId: string, given: Confirmation['answer'], reason?: string): Confirmation {
  return {
    bookingId: 'bk-test-0001',
    crewId,
    answer: given,
    at: `2026-11-25T1${crewId.length % 10}:00:00.000Z`,
    via: 'crew-page',
    revision: 1,
    ...(reason ? { reason } : {}),
  } as Confirmation;
}

function text(message: { blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

function record(name: StepName, status: StepRecord['status']): StepRecord {
  return {
    bookingId: 'bk-test-0001',
    name,
    status,
    revision: 1,
    attempts: 1,
    failures: status === 'failed' ? 1 : 0,
    result: {},
    updatedAt: '2026-11-24T17:00:00.000Z',
    version: 1,
  };
}

describe('the root message sums up the whole crew', () => {
  it('says "Confirmed · hostess declined, replacing" when the captain confirmed and the hostess declined', () => {
    const booking = withHostess();
    const view = opsView({ ...booking, status: 'confirmed' });
    const board = buildCrewBoard(
      view,
      [answer('ana-ruiz', 'confirmed'), answer('ben-okafor', 'confirmed'), answer('cleo-marsh', 'declined')],
      TEST_CREW,
    );

    const root = renderRootMessage(view, ALL_DONE, board);

    expect(text(root)).toContain('*Status*\\n:white_check_mark: Confirmed · hostess declined, replacing');
  });

  it('counts who has not answered yet, and does not count the captain twice while pending', () => {
    const view = opsView(withHostess());
    const board = buildCrewBoard(view, [], TEST_CREW);

    expect(crewStatusSummary('pending', board)).toBe(':hourglass_flowing_sand: Pending captain · 2 waiting');
    expect(crewStatusSummary('confirmed', board)).toBe(':white_check_mark: Confirmed · 3 waiting');
  });

  it('names the person when two people share the role that declined', () => {
    const base = aBookingInput();
    const booking = aBooking(
      {},
      aBookingInput({
        crew: [...base.crew, { crewId: 'dee-ng', name: 'Dee Ng', role: 'crew', hourlyRateCents: 3000 }],
      }),
    );
    const board = buildCrewBoard(opsView(booking), [answer('dee-ng', 'declined')], TEST_CREW);

    expect(crewStatusSummary('confirmed', board)).toContain('crew Dee declined, replacing');
  });

  it('a cancelled or completed charter is only that', () => {
    const board = buildCrewBoard(opsView(withHostess()), [answer('cleo-marsh', 'declined')], TEST_CREW);
    expect(crewStatusSummary('cancelled', board)).toBe(':no_entry: Cancelled');
    expect(crewStatusSummary('completed', board)).toBe(':checkered_flag: Completed');
  });
});

describe('"updated by" names a person or what happened', () => {
  it('a Slack user is a mention; the pipeline moving the status after an answer is "crew answer"', () => {
    expect(updatedByLabel('U0OPERATOR')).toBe('<@U0OPERATOR>');
    expect(updatedByLabel('pipeline')).toBe('crew answer');
    expect(updatedByLabel('timer')).toBe('timer');
    expect(updatedByLabel('audit')).toBe('audit');
  });

  it('the footer never says "pipeline" and gives the time in the charter’s zone, not the viewer’s', () => {
    const view = opsView(aBooking({ updatedBy: 'pipeline', updatedAt: '2026-11-24T22:02:00.000Z' }));
    const footer = text(renderRootMessage(view, ALL_DONE, []));

    expect(footer).toContain('updated by crew answer · Nov 24 2:02 PM PST');
    expect(footer).not.toContain('pipeline');
    expect(footer).not.toContain('<!date');
  });
});

describe('wording', () => {
  it('a cancel from Slack reads "Cancelled in Slack", never "Cancelled: Cancelled in Slack"', () => {
    const view = opsView(aBooking({ status: 'cancelled', cancelReason: 'Cancelled in Slack' }));
    const root = text(renderRootMessage(view, ALL_DONE, []));
    const reply = renderThreadReply({
      bookingId: 'b',
      kind: 'cancelled',
      reason: 'Cancelled in Slack',
      by: 'U1',
    });

    expect(root).toContain(':no_entry: Cancelled in Slack');
    expect(root).not.toMatch(/Cancelled: Cancelled/i);
    expect(reply.text).toBe(
      ':no_entry: Charter cancelled in Slack by <@U1>. Taking down the guest page and the crew event…',
    );
  });

  it('a reason stored before #14 ("Cancelled in Slack by <@U…>") shows no raw <@U…> and no second "by"', () => {
    const legacy = 'Cancelled in Slack by <@U0CREW0001>';
    const view = opsView(aBooking({ status: 'cancelled', cancelReason: legacy, updatedBy: 'U0CREW0001' }));
    const root = text(renderRootMessage(view, ALL_DONE, []));
    const reply = renderThreadReply({ bookingId: 'b', kind: 'cancelled', reason: legacy, by: 'U0CREW0001' });

    expect(root).not.toContain('&lt;@');
    expect(root).toContain(':no_entry: Cancelled in Slack');
    expect(reply.text).toBe(
      ':no_entry: Charter cancelled in Slack by <@U0CREW0001>. Taking down the guest page and the crew event…',
    );
  });

  it('another cancel reason is given as a reason', () => {
    const reply = renderThreadReply({ bookingId: 'b', kind: 'cancelled', reason: 'Weather', by: 'U1' });
    expect(reply.text).toContain('Charter cancelled by <@U1>: Weather.');
  });

  it('an answer with a reason ends inside its quotes, not with `.”.`', () => {
    const reply = renderThreadReply({
      bookingId: 'b',
      kind: 'answer',
      crew: { crewId: 'c', name: 'Cleo Marsh', role: 'hostess', answer: 'declined', reason: 'Sick.' },
    });
    expect(reply.text).not.toContain('.”.');
    expect(reply.text).toMatch(/“Sick\.”$/);
  });

  it('change lines use the same 12-hour times as everything else', () => {
    const reply = renderThreadReply({
      bookingId: 'b',
      kind: 'changed',
      revision: 2,
      changes: [{ field: 'time', from: '16:00–18:00', to: '09:30–12:00' }],
    });
    expect(reply.text).toContain('time moved 4:00 PM–6:00 PM → 9:30 AM–12:00 PM');
    expect(formatClock('00:05')).toBe('12:05 AM');
    expect(formatClock('soon')).toBe('soon');
  });
});

describe('one reply per event a person cares about', () => {
  const booking = withHostess();
  const view = opsView({ ...booking, status: 'confirmed', revision: 2 });
  const allSucceeded = new Map(
    (['scc-event', 'calendar-entry', 'guest-page', 'invalidation'] as const).map((n) => [
      n,
      { ...record(n, 'succeeded'), revision: 2 },
    ]),
  );
  const history: HistoryEntry[] = [
    {
      bookingId: booking.id,
      revision: 2,
      kind: 'status',
      actor: 'pipeline',
      at: '2026-11-25T18:00:05.000Z',
      changes: [{ field: 'status', from: 'pending', to: 'confirmed' }],
    } as HistoryEntry,
  ];

  it('the captain’s confirm is one reply: no "Status is now", no "out everywhere" / "set up" progress', () => {
    const replies = plannedReplies(
      view,
      allSucceeded,
      history,
      [answer('ana-ruiz', 'confirmed')],
      TEST_CREW,
      1,
      PAGE_URL,
    ).map((r) => r.message.text);

    expect(replies).toEqual([expect.stringContaining('Captain Ana Ruiz confirmed')]);
  });

  it('a decline is said once, by the lifecycle’s "who takes the place" reply, when the lifecycle runs', () => {
    const declined = [answer('cleo-marsh', 'declined', 'Sick')];
    const alone = plannedReplies(view, allSucceeded, [], declined, TEST_CREW, 2, PAGE_URL);
    const withLifecycle = plannedReplies(view, allSucceeded, [], declined, TEST_CREW, 2, PAGE_URL, [], {
      declinesAnsweredByLifecycle: true,
    });

    expect(alone.map((r) => r.message.text)).toEqual([expect.stringContaining('Cleo Marsh declined')]);
    expect(withLifecycle).toEqual([]);
  });

  it('a failed step still gets its reply with the Retry button', () => {
    const failed = new Map(allSucceeded);
    failed.set('scc-event', { ...record('scc-event', 'failed'), revision: 2 });
    const replies = plannedReplies(view, failed, [], [], TEST_CREW, 2, PAGE_URL);

    expect(replies.map((r) => r.key)).toEqual(['failed:2:scc-event:1']);
  });
});
