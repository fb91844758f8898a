/**
 * Issue #12: every Slack surface the app renders stays within Slack's documented limits at the extremes
 * (200 upcoming charters, 500 history entries, a roster of 150, the most crew a booking allows, every text
 * field at its maximum, emoji and right-to-left names), checked by the same strict contract the Web API
 * stand-in enforces. A surface over a limit is a message or modal that never reaches the person.
 */
import { describe, expect, it } from 'vitest';
import {
  checkMessageBlocks,
  checkView,
  isMessageTooLong,
  SLACK_LIMITS,
} from '../../../src/dev/stand-ins/slack-contract/block-kit-limits';
import type { Booking, Confirmation, CrewMember } from '../../../src/domain';
import { opsView } from '../../../src/domain';
import type { HistoryEntry } from '../../../src/domain/history';
import {
  buildBookingModal,
  buildNoticeModal,
  buildSavedModal,
} from '../../../src/slack/blocks/booking-modal';
import { renderCancelPrompt } from '../../../src/slack/blocks/cancel-prompt';
import { renderAppHome, renderCharterList } from '../../../src/slack/blocks/charter-list';
import { buildCrewModal, renderCrewList } from '../../../src/slack/blocks/crew';
import {
  buildCompleteModal,
  buildReplaceModal,
  renderCompleted,
  renderDeadlinePassed,
  renderDeclineProposal,
  renderHistory,
  renderPostCharterPrompt,
  renderReminderSent,
  renderRosterSent,
} from '../../../src/slack/blocks/follow-up-messages';
import { renderHelp } from '../../../src/slack/blocks/help';
import { renderNotice } from '../../../src/slack/blocks/notice';
import type { SlackMessage } from '../../../src/slack/blocks/primitives';
import {
  type CrewBoardEntry,
  renderRootMessage,
  renderThreadReply,
  type StepState,
  type ThreadEvent,
} from '../../../src/slack/blocks/status-thread';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

const RTL = 'מרים בת־שבע אל־חורי'; // Hebrew and Arabic-script names read right to left.
const EMOJI = '🛥️⚓️🌅👩🏽‍✈️';

/** A string of exactly `n` characters mixing emoji, RTL text and the three characters mrkdwn escapes. */
const UNIT = [...`${EMOJI} ${RTL} <&> `];
function longText(n: number): string {
  return Array.from({ length: n }, (_, i) => UNIT[i % UNIT.length]).join('');
}

function expectMessageWithinLimits(rendered: SlackMessage): void {
  expect(checkMessageBlocks(rendered.blocks)).toEqual([]);
  expect(isMessageTooLong(rendered.text)).toBe(false);
}

function expectViewWithinLimits(view: unknown): void {
  expect(checkView(view)).toEqual([]);
}

const ROLES = ['captain', 'crew', 'hostess'] as const;

/** 150 people, mostly deck crew, with long, emoji and right-to-left names. */
const ROSTER: CrewMember[] = Array.from({ length: 150 }, (_, i) => ({
  id: `crew-${String(i).padStart(3, '0')}-${'x'.repeat(40)}`,
  name:
    i % 3 === 0 ? `${RTL} ${i}` : i % 3 === 1 ? `${EMOJI} Sailor ${i} ${'Long'.repeat(20)}` : `Person ${i}`,
  email: `person${i}@crew.test`,
  defaultRole: i < 10 ? 'captain' : i < 20 ? 'hostess' : ROLES[1],
  defaultHourlyRateCents: 2500 + i,
  slackUserId: `U${String(i).padStart(8, '0')}`,
  active: true,
}));

/** A booking with every text field at its maximum length and the most crew the schema allows (30). */
function extremeBooking(overrides: Partial<Booking> = {}): Booking {
  const crew = ROSTER.slice(0, 30).map((m, i) => ({
    crewId: m.id.slice(0, 64),
    name: longText(120),
    role: i === 0 ? ('captain' as const) : i % 2 ? ('crew' as const) : ('hostess' as const),
    hourlyRateCents: 99_999_99,
  }));
  const input = aBookingInput({
    title: longText(80),
    guest: {
      name: longText(120),
      email: 'a.very.long.guest.address@example-guest-domain.test',
      partySize: 500,
    },
    meetingPoint: longText(200),
    guestNotes: longText(2000),
    internalNotes: longText(3000),
    priceCents: 100_000_000_00,
    crew,
  });
  return aBooking({ slug: `${'a'.repeat(69)}-2026-12-05`, ...overrides }, input);
}

function board(booking: Booking): CrewBoardEntry[] {
  return booking.crew.map((a, i) => ({
    crewId: a.crewId,
    name: a.name,
    role: a.role,
    answer: i % 3 === 0 ? 'confirmed' : i % 3 === 1 ? 'declined' : 'waiting',
    slackUserId: `U${String(i).padStart(8, '0')}`,
    reason: longText(500),
    at: '2026-11-24T17:00:00.000Z',
    via: 'crew-page',
    ...(i % 3 === 2 ? { reasked: 'confirmed' as const } : {}),
  }));
}

const STEPS: StepState[] = ['scc', 'calendar', 'guestPage', 'invalidation', 'slack'].map((name, i) => ({
  name,
  status: (['pending', 'running', 'done', 'failed', 'failed'] as const)[i] ?? 'pending',
  reason: longText(1000),
  attempts: 8,
  url: `https://example.test/${'p'.repeat(2000)}`,
}));

describe('every Slack surface at the extremes is within Slack’s limits', () => {
  const booking = extremeBooking();
  const view = opsView(booking);

  it('the root message with 30 crew, long names, emoji and RTL text', () => {
    expectMessageWithinLimits(renderRootMessage(view, STEPS, board(booking)));
    expectMessageWithinLimits(renderRootMessage(opsView(extremeBooking({ status: 'cancelled' })), STEPS, []));
  });

  it('every kind of thread reply', () => {
    const events: ThreadEvent[] = [
      { bookingId: booking.id, by: 'U0OPERATOR', kind: 'created' },
      ...STEPS.map((step) => ({ bookingId: booking.id, kind: 'step' as const, step, final: true })),
      ...board(booking).map((crew) => ({ bookingId: booking.id, kind: 'answer' as const, crew })),
      {
        bookingId: booking.id,
        kind: 'changed',
        revision: 999,
        changes: Array.from({ length: 40 }, (_, i) => ({
          field: `field${i}`,
          from: longText(3000),
          to: longText(3000),
        })),
      },
      {
        bookingId: booking.id,
        kind: 'changed',
        revision: 1000,
        changes: Array.from({ length: 25 }, () => ({
          field: 'crew' as const,
          before: Array.from({ length: 30 }, (_, i) => ({
            crewId: `b${i}`,
            name: longText(120),
            role: 'crew' as const,
          })),
          after: Array.from({ length: 30 }, (_, i) => ({
            crewId: `a${i}`,
            name: longText(120),
            role: 'hostess' as const,
          })),
        })),
      },
      { bookingId: booking.id, kind: 'status', status: 'confirmed' },
      { bookingId: booking.id, kind: 'cancelled', reason: longText(3000) },
      { bookingId: booking.id, kind: 'requested', what: 'retry', by: 'U0OPERATOR' },
      { bookingId: booking.id, kind: 'undeliverable', crewName: longText(120), problem: longText(3000) },
    ];
    for (const event of events) expectMessageWithinLimits(renderThreadReply(event));
  });

  it('the crew lifecycle replies', () => {
    const crew = {
      crewId: booking.crew[1]?.crewId ?? 'x',
      name: longText(120),
      role: 'crew' as const,
      slackUserId: 'U1',
    };
    const candidate = { crewId: 'c'.repeat(64), name: longText(120) };
    const bookingId = booking.id;
    expectMessageWithinLimits(
      renderReminderSent({
        bookingId,
        crew,
        answerBy: new Date(),
        timeZone: 'America/Los_Angeles',
        askedBy: 'U1',
      }),
    );
    expectMessageWithinLimits(renderDeadlinePassed({ bookingId, crew, candidate }));
    expectMessageWithinLimits(renderDeclineProposal({ bookingId, crew, reason: longText(500), candidate }));
    const everyone = booking.crew.map((a) => ({ crewId: a.crewId, name: a.name, role: a.role }));
    expectMessageWithinLimits(renderRosterSent({ sentTo: everyone, notConfirmed: everyone }));
    expectMessageWithinLimits(renderPostCharterPrompt({ bookingId, title: longText(80), captain: crew }));
    expectMessageWithinLimits(
      renderCompleted({
        completion: {
          by: 'U1',
          headCount: 500,
          note: longText(500),
          at: '2026-11-24T17:00:00.000Z',
        } as never,
        guestPageUrl: `https://sailjada.com/g/${booking.slug}`,
      }),
    );
  });

  it('the booking modal in create (loading, empty and 150-person roster) and edit', () => {
    const shape = {
      boats: [{ id: 'jada', name: longText(120), capacity: 49, homePort: longText(200) }],
      brands: [{ domain: 'queenofsandiego.com', brandName: longText(80) }],
    };
    for (const roster of ['loading', [], ROSTER] as const) {
      expectViewWithinLimits(
        buildBookingModal({ ...shape, metadata: { mode: 'create', channelId: 'C1' }, roster }),
      );
    }
    const values = {
      title: longText(80),
      guestName: longText(120),
      guestNotes: longText(2000),
      internalNotes: longText(3000),
      meetingPoint: longText(200),
      crewIds: ROSTER.slice(20, 120).map((m) => m.id),
      hostessIds: ROSTER.slice(10, 20).map((m) => m.id),
      captainId: ROSTER[0]?.id,
    };
    const estimate = {
      marginCents: -100_000_000_00,
      crewPayCents: 100_000_000_00,
      overlapping: Array.from({ length: 20 }, () => ({
        other: view,
        who: ROSTER.slice(0, 30).map((m) => m.name),
        boat: true,
      })),
    };
    expectViewWithinLimits(
      buildBookingModal({
        ...shape,
        metadata: { mode: 'edit', bookingId: booking.id, revision: 999_999, channelId: 'C1' },
        roster: ROSTER,
        values,
        estimate,
      } as never),
    );
  });

  it('the small modals: notice, saved, crew, replace (150 candidates), complete', () => {
    expectViewWithinLimits(buildNoticeModal(longText(100), longText(5000)));
    for (const kind of ['created', 'updated', 'duplicate'] as const)
      expectViewWithinLimits(buildSavedModal(view, kind));
    expectViewWithinLimits(buildCrewModal('C1'));
    const crew = { crewId: 'x', name: longText(120), role: 'captain' as const };
    const metadata = { bookingId: booking.id, crewId: 'x'.repeat(64), revision: 1, channelId: 'C1' };
    // Free, other roles, busy (a long title) and away: every group, long names and over 100 in one group.
    const candidates = ROSTER.map((member, i) => ({
      member,
      sameRole: i % 3 === 0,
      ...(i % 5 === 1 ? { busyWith: { id: 'bk-x', title: longText(200) } } : {}),
      ...(i % 7 === 2 ? { away: { from: '2026-12-30', to: '2027-01-02' } } : {}),
    }));
    expectViewWithinLimits(buildReplaceModal({ view, crew, candidates, metadata }));
    const crowd = Array.from({ length: 250 }, (_, i) => ({
      member: { ...ROSTER[0]!, id: `p-${i}`, name: `${longText(120)} ${i}` },
      sameRole: true,
    }));
    const many = buildReplaceModal({ view, crew, candidates: crowd, metadata });
    expectViewWithinLimits(many);
    const offered = JSON.stringify(many).match(/"value":"p-\d+"/g) ?? [];
    expect(new Set(offered).size).toBe(250);
    expectViewWithinLimits(buildReplaceModal({ view, crew, candidates: [], metadata }));
    expectViewWithinLimits(
      buildCompleteModal({ view, metadata: { bookingId: booking.id, channelId: 'C1' } }),
    );
  });

  it('/charter list with 200 upcoming charters says how many more, and the App Home with 200', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      view: opsView(extremeBooking({ id: `bk-${i}`, slug: `charter-${i}` })),
      crewBoard: board(booking),
    }));
    const list = renderCharterList(rows);
    expectMessageWithinLimits(list);
    expect(JSON.stringify(list.blocks)).toMatch(/and \d+ more/);
    const home = renderAppHome(rows, new Date('2026-11-24T17:00:00Z'));
    expectViewWithinLimits(home);
    expect(JSON.stringify(home.blocks)).toMatch(/and \d+ more/);
  });

  it('/charter history with 500 entries and 500 answers', () => {
    const history: HistoryEntry[] = Array.from({ length: 500 }, (_, i) => ({
      bookingId: booking.id,
      revision: i + 1,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      actor: 'U0OPERATOR',
      kind: 'updated',
      changes: [{ field: 'internalNotes', from: longText(3000), to: longText(3000) }],
    }));
    const answers: Confirmation[] = Array.from({ length: 500 }, (_, i) => ({
      bookingId: booking.id,
      crewId: booking.crew[i % 30]?.crewId ?? 'x',
      answer: i % 2 ? 'confirmed' : 'declined',
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + 1).toISOString(),
      via: 'slack',
      reason: longText(500),
      revision: 1,
    }));
    expectMessageWithinLimits(renderHistory({ ...view, title: longText(80) }, history, answers));
  });

  it('the roster of 150, help, notices and the cancel prompt', () => {
    expectMessageWithinLimits(renderCrewList(ROSTER));
    expectMessageWithinLimits(renderHelp(longText(3000)));
    expectMessageWithinLimits(renderNotice(longText(5000), longText(5000)));
    expectMessageWithinLimits(renderCancelPrompt(view));
  });

  it('selects with over 100 people use option groups of at most 100', () => {
    const modal = buildBookingModal({
      boats: [{ id: 'jada', name: 'Jada', capacity: 12, homePort: 'Dock C' }],
      brands: [{ domain: 'sailjada.com', brandName: 'Sail Jada' }],
      metadata: { mode: 'create' },
      roster: ROSTER,
    });
    const crewSelect = JSON.stringify(modal.blocks);
    expect(crewSelect).toContain('option_groups');
    // Nobody is left out: every person on the roster can be chosen as crew.
    for (const person of ROSTER) expect(crewSelect).toContain(person.id);
    expect(SLACK_LIMITS.selectOptions).toBe(100);
  });
});
