import { describe, expect, it } from 'vitest';
import { opsView } from '../../../src/domain';
import {
  buildCrewBoard,
  type CrewBoardEntry,
  renderOperatorBlocks,
  renderRootMessage,
  renderThreadReply,
  type StepState,
  stepsFromRecord,
} from '../../../src/slack/blocks/status-thread';
import { ACTION } from '../../../src/slack/ids';
import { aBooking, aBookingInput, TEST_CREW } from '../../helpers/fixtures';

const steps: StepState[] = [
  { name: 'scc', status: 'done' },
  { name: 'calendar', status: 'failed', reason: 'Dashboard answered 503', attempts: 3 },
  { name: 'guestPage', status: 'running' },
  { name: 'invalidation', status: 'pending' },
];

function text(message: { blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

function actionIds(message: { blocks: unknown[] }): string[] {
  return [...text(message).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1]!);
}

describe('status thread', () => {
  const view = opsView(aBooking());
  const board = buildCrewBoard(
    view,
    [{ crewId: 'ana-ruiz', answer: 'confirmed', at: '2026-11-24T18:00:00.000Z', via: 'slack' }],
    TEST_CREW,
  );

  it('builds the crew board from assignments and latest answers, captain first', () => {
    expect(board).toEqual([
      expect.objectContaining({
        crewId: 'ana-ruiz',
        role: 'captain',
        answer: 'confirmed',
        slackUserId: 'UCAPTAIN1',
        via: 'slack',
      }),
      expect.objectContaining({ crewId: 'ben-okafor', role: 'crew', answer: 'waiting' }),
    ]);
  });

  it('the root message shows the summary, each step with its state and reason, and the crew board', () => {
    const root = renderRootMessage(view, steps, board);

    expect(text(root)).toContain('Sunset Sail');
    expect(text(root)).toContain('Crew event (ShipCaptainCrew): done');
    expect(text(root)).toContain('Dashboard calendar: failed (attempt 3) — Dashboard answered 503');
    expect(text(root)).toContain('Guest page: running');
    expect(text(root)).toContain('✅ Captain Ana Ruiz (<@UCAPTAIN1>): confirmed');
    expect(text(root)).toContain('⏳ Crew Ben Okafor: waiting');
    // Issue #13: the channel is read by crew too: no money, no guest contact, no internal notes.
    expect(text(root)).not.toMatch(/\$\d/);
    expect(text(root)).not.toContain(view.guest.email);
    expect(text(root)).not.toContain(':memo:');
    expect(text({ blocks: renderOperatorBlocks(view) })).toContain('$1,414.00'); // operators see the margin privately (the captain is paid the fee, not hourly)
    expect(root.text).toContain('Sunset Sail');
    expect(root.metadata).toEqual({
      event_type: 'charter_booking_thread',
      event_payload: { bookingId: view.id, revision: 1, slug: view.slug },
    });
  });

  it('offers Retry (only when a step failed), Republish and Cancel with confirm dialogs, and no captain buttons', () => {
    expect(actionIds(renderRootMessage(view, steps, board))).toEqual([
      ACTION.retrySteps,
      ACTION.republishGuestPage,
      ACTION.cancelCharter,
    ]);
    expect(actionIds(renderRootMessage(view, [{ name: 'scc', status: 'done' }], board))).not.toContain(
      ACTION.retrySteps,
    );
    expect(text(renderRootMessage(view, steps, board))).toContain(
      '"confirm":{"title":{"type":"plain_text","text":"Cancel this charter?"',
    );
  });

  it('a cancelled charter has no buttons and says why', () => {
    const cancelled = opsView(aBooking({ status: 'cancelled', cancelReason: 'Storm warning' }));
    const root = renderRootMessage(cancelled, steps, board);

    expect(actionIds(root)).toEqual([]);
    expect(text(root)).toContain('Cancelled: Storm warning');
  });

  it('escapes what people typed so it cannot become a mention or a link', () => {
    const sneaky = opsView(
      aBooking({}, aBookingInput({ title: 'Party <!channel> & <https://evil.test|x>' })),
    );
    const root = renderRootMessage(sneaky, [], []);

    const mrkdwn = [...text(root).matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    expect(mrkdwn.join('\n')).toContain('&lt;!channel&gt; &amp; &lt;https://evil.test|x&gt;');
    expect(mrkdwn.join('\n')).not.toContain('<!channel>');
    // The fallback text is mrkdwn too (it drives notifications).
    expect(root.text).not.toContain('<!channel>');
  });

  it('stays within Slack’s block limits with a long crew list', () => {
    const crew = Array.from({ length: 29 }, (_, i) => ({
      crewId: `c${i}`,
      name: `Crew Member ${i}`,
      role: 'crew' as const,
      hourlyRateCents: 1000,
    }));
    const big = opsView(
      aBooking(
        {},
        aBookingInput({
          crew: [{ crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 1 }, ...crew],
        }),
      ),
    );
    const root = renderRootMessage(big, steps, buildCrewBoard(big, []));

    expect(root.blocks.length).toBeLessThanOrEqual(50);
    for (const block of root.blocks as { text?: { text: string } }[])
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  });

  it('replies for each kind of event', () => {
    const crew: CrewBoardEntry = {
      crewId: 'ben-okafor',
      name: 'Ben Okafor',
      role: 'crew',
      answer: 'declined',
      via: 'crew-page',
      reason: 'Sick',
    };
    const replies = [
      renderThreadReply({ bookingId: 'b', kind: 'created', by: 'U1' }),
      renderThreadReply({
        bookingId: 'b',
        kind: 'step',
        step: { name: 'guestPage', status: 'done', url: 'https://x/g/y' },
      }),
      renderThreadReply({
        bookingId: 'b',
        kind: 'step',
        step: { name: 'scc', status: 'failed', reason: 'timeout' },
        final: true,
      }),
      renderThreadReply({ bookingId: 'b', kind: 'answer', crew }),
      renderThreadReply({
        bookingId: 'b',
        kind: 'changed',
        revision: 3,
        changes: [{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }],
      }),
      renderThreadReply({ bookingId: 'b', kind: 'cancelled', reason: 'Weather', by: 'U1' }),
      renderThreadReply({ bookingId: 'b', kind: 'requested', what: 'republish', by: 'U1' }),
    ].map((r) => r.text);

    expect(replies).toEqual([
      expect.stringContaining('Charter booked by <@U1>'),
      expect.stringContaining('Guest page: done'),
      expect.stringContaining('No retries left'),
      expect.stringContaining('Crew Ben Okafor declined on the crew page — “Sick”'),
      expect.stringContaining('Charter changed (revision 3)'),
      expect.stringContaining('Charter cancelled by <@U1>: Weather'),
      expect.stringContaining('<@U1> asked to republish the guest page'),
    ]);
    const failed = renderThreadReply({
      bookingId: 'bk-9',
      kind: 'step',
      step: { name: 'scc', status: 'failed' },
      final: true,
    });
    expect(text(failed)).toContain(`"action_id":"${ACTION.retrySteps}","value":"bk-9"`);
  });

  it('issue #13: a change of money, guest contact or internal notes says what changed, never the values', () => {
    const reply = renderThreadReply({
      bookingId: 'b',
      kind: 'changed',
      revision: 4,
      by: 'U0ANA',
      changes: [
        { field: 'price', from: '$5,000.00', to: '$1.00' },
        { field: 'crew rates', from: 'Ana Ruiz $65.00/h', to: 'Ana Ruiz $1.00/h' },
        { field: 'internal notes', from: '', to: 'owes us' },
        { field: 'guest', from: 'Jo <a@x.test>', to: 'Jo <b@x.test>' },
        { field: 'time', from: '14:00–17:00', to: '15:00–18:00' },
      ],
    });

    expect(reply.text).toContain('price changed; crew rates changed; internal notes changed; guest changed');
    expect(reply.text).toContain('time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM by <@U0ANA>');
    expect(text(reply)).not.toMatch(/\$\d|owes us|x\.test/);
  });

  it('a crew and date change reads as people say it, names escaped, made from the change’s data', () => {
    const ana = { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' as const };
    const reply = renderThreadReply({
      bookingId: 'b',
      kind: 'changed',
      revision: 5,
      by: 'U0OPS',
      changes: [
        { field: 'date', from: '2026-12-05', to: '2026-12-06' },
        {
          field: 'crew',
          before: [ana, { crewId: 'ben-okafor', name: 'Okafor, Ben', role: 'crew' }],
          after: [
            { ...ana, role: 'crew' },
            { crewId: 'dana-lee', name: '<!channel> *Dana*', role: 'captain' },
          ],
        },
      ],
    });

    expect(reply.text).toBe(
      ':pencil2: Charter changed (revision 5): date moved Sat, Dec 5 → Sun, Dec 6; crew: &lt;!channel&gt; *Dana* (captain) joined, Okafor, Ben (crew) left, Ana Ruiz now crew (was captain) by <@U0OPS>; crew re-notified.',
    );
  });

  it('reads the pipeline’s step records in display order, tolerating odd shapes', () => {
    const record = {
      steps: {
        slack: { status: 'done' },
        guestPage: { status: 'failed', attempts: 2, lastError: 'S3 down' },
        scc: { status: 'succeeded', result: { url: 'https://scc/e/1' } },
        weird: null,
      },
    };

    expect(stepsFromRecord(record)).toEqual([
      { name: 'scc', status: 'done', url: 'https://scc/e/1' },
      { name: 'guestPage', status: 'failed', attempts: 2, reason: 'S3 down' },
      { name: 'slack', status: 'done' },
      { name: 'weird', status: 'pending' },
    ]);
    expect(stepsFromRecord({})).toEqual([]);
  });
});
