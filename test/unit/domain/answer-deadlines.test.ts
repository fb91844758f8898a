import { describe, expect, it } from 'vitest';
import {
  answerDeadline,
  awaitingAnswer,
  type CrewMember,
  nextCandidate,
  reminderTime,
  rosterEmailTime,
} from '../../../src/domain';
import { aBooking, TEST_CREW } from '../../helpers/fixtures';

const at = (iso: string) => new Date(iso);

describe('answer deadlines', () => {
  it('gives 48 hours to answer when the charter is far away', () => {
    expect(answerDeadline(at('2026-12-01T10:00:00Z'), at('2026-12-20T00:00:00Z')).toISOString()).toBe(
      '2026-12-03T10:00:00.000Z',
    );
  });

  it('is never later than 24 hours before the start', () => {
    expect(answerDeadline(at('2026-12-01T10:00:00Z'), at('2026-12-03T00:00:00Z')).toISOString()).toBe(
      '2026-12-02T00:00:00.000Z',
    );
  });

  it('gives half the remaining time for a charter booked at short notice', () => {
    expect(answerDeadline(at('2026-12-01T10:00:00Z'), at('2026-12-01T20:00:00Z')).toISOString()).toBe(
      '2026-12-01T15:00:00.000Z',
    );
  });

  it('reminds once, halfway to the deadline', () => {
    expect(reminderTime(at('2026-12-01T10:00:00Z'), at('2026-12-03T10:00:00Z')).toISOString()).toBe(
      '2026-12-02T10:00:00.000Z',
    );
  });
});

describe('day-before roster email', () => {
  it('goes out at 09:00 in the charter zone the day before', () => {
    // 2026-12-05 charter → 2026-12-04 09:00 PST = 17:00 UTC
    expect(rosterEmailTime(aBooking()).toISOString()).toBe('2026-12-04T17:00:00.000Z');
  });

  it('handles the first of the month', () => {
    const booking = aBooking({ schedule: { ...aBooking().schedule, date: '2027-01-01' } });
    expect(rosterEmailTime(booking).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });
});

describe('who has not answered', () => {
  it('lists assigned people with no answer on record', () => {
    expect(awaitingAnswer(aBooking(), new Map([['ana-ruiz', 'confirmed']]))).toEqual(['ben-okafor']);
  });
});

describe('decline cascade', () => {
  const deckhands: CrewMember[] = [
    ...TEST_CREW,
    { ...TEST_CREW[1]!, id: 'dia-ng', name: 'Dia Ng', email: 'dia@crew.test' },
    { ...TEST_CREW[1]!, id: 'eli-park', name: 'Eli Park', email: 'eli@crew.test' },
    { ...TEST_CREW[1]!, id: 'fay-old', name: 'Fay Old', email: 'fay@crew.test', active: false },
  ];
  const booking = aBooking();

  it('offers the place to the first free person of the same role, by name', () => {
    const pick = nextCandidate({
      booking,
      role: 'crew',
      roster: deckhands,
      otherBookings: [],
      declinedBy: new Set(),
    });
    expect(pick?.id).toBe('dia-ng');
  });

  it('skips people who declined, are busy on an overlapping charter, or left the roster', () => {
    const clash = aBooking({
      id: 'bk-other',
      crew: [{ crewId: 'eli-park', name: 'Eli Park', role: 'crew', hourlyRateCents: 1 }],
    });
    const pick = nextCandidate({
      booking,
      role: 'crew',
      roster: deckhands,
      otherBookings: [clash],
      declinedBy: new Set(['dia-ng']),
    });
    expect(pick).toBeUndefined();
  });

  it('ignores cancelled charters when judging who is busy', () => {
    const cancelled = aBooking({
      id: 'bk-cancelled',
      status: 'cancelled',
      crew: [{ crewId: 'dia-ng', name: 'Dia Ng', role: 'crew', hourlyRateCents: 1 }],
    });
    const pick = nextCandidate({
      booking,
      role: 'crew',
      roster: deckhands,
      otherBookings: [cancelled],
      declinedBy: new Set(),
    });
    expect(pick?.id).toBe('dia-ng');
  });
});
