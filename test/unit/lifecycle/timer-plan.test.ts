import { describe, expect, it } from 'vitest';
import type { Confirmation, HistoryEntry } from '../../../src/domain';
import { planTimers, timerNamesFor } from '../../../src/lifecycle/timer-plan';
import { aBooking } from '../../helpers/fixtures';

// Charter: 2026-12-05 16:00–19:00 Los Angeles (00:00–03:00Z on the 6th), created 2026-11-24T17:00Z.
const booking = aBooking();
const created: HistoryEntry = {
  bookingId: booking.id,
  revision: 1,
  at: booking.createdAt,
  actor: 'UOPS',
  kind: 'created',
  changes: [],
};

function byName(timers: ReturnType<typeof planTimers>) {
  return Object.fromEntries(timers.map((t) => [t.name, t.at.toISOString()]));
}

describe('planTimers', () => {
  it('plans a reminder and a deadline per person, the roster and the post-charter prompt', () => {
    const timers = planTimers({ booking, history: [created], confirmations: [] });
    expect(byName(timers)).toEqual({
      'reminder.bk-test-0001.ana-ruiz': '2026-11-25T17:00:00.000Z',
      'deadline.bk-test-0001.ana-ruiz': '2026-11-26T17:00:00.000Z',
      'reminder.bk-test-0001.ben-okafor': '2026-11-25T17:00:00.000Z',
      'deadline.bk-test-0001.ben-okafor': '2026-11-26T17:00:00.000Z',
      'roster.bk-test-0001': '2026-12-04T17:00:00.000Z',
      // The guest's day-before email goes out with the crew's roster (issue #17).
      'guest-day-before.bk-test-0001': '2026-12-04T17:00:00.000Z',
      'post-charter.bk-test-0001': '2026-12-06T03:00:00.000Z',
    });
    const reminder = timers.find((t) => t.payload.kind === 'reminder');
    expect(reminder?.payload).toEqual({
      kind: 'reminder',
      bookingId: booking.id,
      revision: 1,
      crewId: 'ana-ruiz',
    });
    expect(reminder?.deadline?.toISOString()).toBe('2026-11-26T17:00:00.000Z');
  });

  it('plans nothing for whoever answered', () => {
    const answered: Confirmation = {
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: '2026-11-24T18:00:00.000Z',
      via: 'slack',
      revision: 1,
    };
    const names = planTimers({ booking, history: [created], confirmations: [answered] }).map((t) => t.name);
    expect(names.filter((n) => n.includes('ana-ruiz'))).toEqual([]);
  });

  it('counts a re-asked person’s deadline from the change, and moves the roster with the charter', () => {
    const moved = aBooking({
      revision: 2,
      schedule: { ...booking.schedule, date: '2026-12-06' },
      startsAt: '2026-12-07T00:00:00.000Z',
      endsAt: '2026-12-07T03:00:00.000Z',
    });
    const change: HistoryEntry = {
      ...created,
      revision: 2,
      kind: 'updated',
      at: '2026-11-28T12:00:00.000Z',
      changes: [{ field: 'date', from: '2026-12-05', to: '2026-12-06' }],
    };
    const confirmed: Confirmation = {
      bookingId: booking.id,
      crewId: 'ana-ruiz',
      answer: 'confirmed',
      at: '2026-11-25T18:00:00.000Z',
      via: 'slack',
      revision: 1,
    };
    const plan = byName(
      planTimers({ booking: moved, history: [created, change], confirmations: [confirmed] }),
    );
    expect(plan['deadline.bk-test-0001.ana-ruiz']).toBe('2026-11-30T12:00:00.000Z');
    expect(plan['roster.bk-test-0001']).toBe('2026-12-05T17:00:00.000Z');
    expect(plan['post-charter.bk-test-0001']).toBe('2026-12-07T03:00:00.000Z');
  });

  it('plans nothing for a cancelled or completed charter', () => {
    for (const status of ['cancelled', 'completed'] as const) {
      expect(planTimers({ booking: { ...booking, status }, history: [created], confirmations: [] })).toEqual(
        [],
      );
    }
  });

  it('names every timer a booking could have had, for clean-up', () => {
    expect(timerNamesFor('bk-1', ['a'])).toEqual([
      'roster.bk-1',
      'post-charter.bk-1',
      'guest-day-before.bk-1',
      'reminder.bk-1.a',
      'deadline.bk-1.a',
    ]);
  });
});

describe('planTimers with someone unreachable', () => {
  it('plans no reminder and no deadline for a person whose invitation bounced: the step escalates now', () => {
    const timers = planTimers({
      booking,
      history: [created],
      confirmations: [],
      unreachable: new Set(['ben-okafor']),
    });
    const names = timers.map((t) => t.name);
    expect(names).not.toContain('reminder.bk-test-0001.ben-okafor');
    expect(names).not.toContain('deadline.bk-test-0001.ben-okafor');
    expect(names).toContain('deadline.bk-test-0001.ana-ruiz');
  });
});
