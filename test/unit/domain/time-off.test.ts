import { describe, expect, it } from 'vitest';
import {
  awayDuring,
  type CrewMember,
  chartersWhileAway,
  formatAwayRange,
  isAway,
  nextCandidate,
  rankCandidates,
  timeOffProblems,
} from '../../../src/domain';
import { aBooking, TEST_CREW } from '../../helpers/fixtures';

const TODAY = '2026-12-02';
const messages = (input: { from: string; to: string; note?: string }) =>
  timeOffProblems({ note: '', ...input }, TODAY).map((p) => `${p.field}: ${p.message}`);

describe('time off: what a valid entry is', () => {
  it('accepts a range starting today or later, and a single day', () => {
    expect(messages({ from: '2026-12-20', to: '2026-12-27', note: 'family wedding' })).toEqual([]);
    expect(messages({ from: TODAY, to: TODAY })).toEqual([]);
  });

  it('says what is wrong: the last day before the first, a past date, not a date, too long, a long note', () => {
    expect(messages({ from: '2026-12-27', to: '2026-12-20' })).toEqual([
      'to: The last day (2026-12-20) is before the first (2026-12-27).',
    ]);
    expect(messages({ from: '2026-12-01', to: '2026-12-03' })).toEqual([
      'from: 2026-12-01 is in the past: time off starts today or later.',
    ]);
    expect(messages({ from: '2026-02-30', to: 'soon' })).toEqual([
      'from: “2026-02-30” is not a date (YYYY-MM-DD).',
      'to: “soon” is not a date (YYYY-MM-DD).',
    ]);
    expect(messages({ from: '2026-12-20', to: '2027-12-21' })).toEqual([
      'to: Time off can be at most 366 days at once.',
    ]);
    expect(messages({ from: '2029-01-01', to: '2029-01-02' })).toEqual([
      'from: Time off can be entered up to two years ahead.',
    ]);
    expect(messages({ from: '2026-12-20', to: '2026-12-20', note: 'x'.repeat(201) })).toEqual([
      'note: The note must be at most 200 characters.',
    ]);
  });
});

describe('time off: isAway, whole days in the business zone (Los Angeles)', () => {
  const charter = (startsAt: string, endsAt: string) => ({ startsAt, endsAt });
  const entry = { from: '2026-12-20', to: '2026-12-27' };

  it('covers from midnight of the first day to midnight after the last, local time', () => {
    // 2026-12-20 00:00 PST = 08:00Z; 2026-12-28 00:00 PST = 2026-12-28T08:00Z.
    expect(isAway(entry, charter('2026-12-20T08:00:00Z', '2026-12-20T11:00:00Z'))).toBe(true);
    expect(isAway(entry, charter('2026-12-28T05:00:00Z', '2026-12-28T07:59:00Z'))).toBe(true);
  });

  it('a charter ending at the first midnight, or starting at the midnight after, does not touch it', () => {
    expect(isAway(entry, charter('2026-12-20T05:00:00Z', '2026-12-20T08:00:00Z'))).toBe(false);
    expect(isAway(entry, charter('2026-12-28T08:00:00Z', '2026-12-28T11:00:00Z'))).toBe(false);
  });

  it('a charter across midnight into the first day counts', () => {
    expect(isAway(entry, charter('2026-12-20T06:00:00Z', '2026-12-20T09:00:00Z'))).toBe(true);
  });

  it('awayDuring gives each person their first overlapping entry', () => {
    const entries = [
      { crewId: 'ben-okafor', from: '2026-12-06', to: '2026-12-09' },
      { crewId: 'ben-okafor', from: '2026-12-04', to: '2026-12-05' },
      { crewId: 'cleo-marsh', from: '2026-12-06', to: '2026-12-06' },
    ];
    const away = awayDuring(entries, aBooking()); // Dec 5, 16:00–19:00 in LA
    expect([...away.entries()]).toEqual([['ben-okafor', entries[1]]]);
  });
});

describe('time off: how it is said', () => {
  it('reads as a person would write it', () => {
    expect(formatAwayRange({ from: '2026-12-20', to: '2026-12-27' })).toBe('Dec 20–27');
    expect(formatAwayRange({ from: '2026-12-30', to: '2027-01-02' })).toBe('Dec 30–Jan 2');
    expect(formatAwayRange({ from: '2026-12-20', to: '2026-12-20' })).toBe('Dec 20');
    expect(formatAwayRange({ from: '2026-12-30', to: '2027-01-02' }, true)).toBe('Dec 30, 2026–Jan 2, 2027');
    expect(formatAwayRange({ from: '2026-12-20', to: '2026-12-27' }, true)).toBe('Dec 20–27, 2026');
  });
});

describe('who could take a place: ranked, and the cascade skips people who are away', () => {
  const roster: CrewMember[] = [
    ...TEST_CREW,
    { ...TEST_CREW[1]!, id: 'dia-ng', name: 'Dia Ng', email: 'dia@crew.test' },
    { ...TEST_CREW[1]!, id: 'eli-park', name: 'Eli Park', email: 'eli@crew.test' },
    { ...TEST_CREW[1]!, id: 'gus-busy', name: 'Gus Busy', email: 'gus@crew.test' },
  ];
  const booking = aBooking(); // Ana (captain) and Ben (crew) on it
  const clash = aBooking({
    id: 'bk-other',
    title: 'Harbor Cruise',
    crew: [{ crewId: 'gus-busy', name: 'Gus Busy', role: 'crew', hourlyRateCents: 1 }],
  });
  const timeOff = [{ crewId: 'dia-ng', from: '2026-12-05', to: '2026-12-06' }];
  const input = {
    booking,
    role: 'crew' as const,
    roster,
    otherBookings: [clash],
    declinedBy: new Set<string>(),
  };

  it('the cascade proposes the first free deckhand who is not away (Dia is away, so Eli)', () => {
    expect(nextCandidate(input)?.id).toBe('dia-ng');
    expect(nextCandidate({ ...input, timeOff })?.id).toBe('eli-park');
  });

  it('nobody free of that role: the cascade proposes no one (not someone away, busy or of another role)', () => {
    const onlyAway = [{ crewId: 'eli-park', from: '2026-12-01', to: '2026-12-31' }, ...timeOff];
    expect(nextCandidate({ ...input, timeOff: onlyAway })).toBeUndefined();
  });

  it('Replace… ranks free people of the role, then free others, then the busy and away, each saying why', () => {
    const ranked = rankCandidates({ ...input, timeOff });
    expect(ranked.map((c) => [c.member.id, c.sameRole, c.busyWith?.title, c.away?.from])).toEqual([
      ['eli-park', true, undefined, undefined],
      ['cleo-marsh', false, undefined, undefined],
      ['dia-ng', true, undefined, '2026-12-05'],
      ['gus-busy', true, 'Harbor Cruise', undefined],
    ]);
  });

  it('nobody already on the charter or who declined it is offered', () => {
    const ranked = rankCandidates({ ...input, declinedBy: new Set(['eli-park']) });
    const ids = ranked.map((c) => c.member.id);
    expect(ids).not.toContain('ana-ruiz');
    expect(ids).not.toContain('ben-okafor');
    expect(ids).not.toContain('eli-park');
  });
});

describe('chartersWhileAway', () => {
  const charter = (title: string, date: string, status = 'confirmed', crewId = 'ben-okafor') => ({
    title,
    status,
    // 16:00–19:00 in Los Angeles (the business zone), that day.
    startsAt: new Date(`${date}T16:00:00-08:00`).toISOString(),
    endsAt: new Date(`${date}T19:00:00-08:00`).toISOString(),
    schedule: { date },
    crew: [{ crewId }],
  });

  it('lists the live charters the person is on during the time off, soonest first', () => {
    const list = chartersWhileAway({ from: '2026-12-20', to: '2026-12-27' }, 'ben-okafor', [
      charter('Late', '2026-12-27'),
      charter('Early', '2026-12-20', 'pending'),
      charter('Cancelled', '2026-12-22', 'cancelled'),
      charter('Completed', '2026-12-21', 'completed'),
      charter('Not his', '2026-12-23', 'confirmed', 'cleo-marsh'),
      charter('Before', '2026-12-19'),
      charter('After', '2026-12-28'),
    ]);
    expect(list.map((c) => c.title)).toEqual(['Early', 'Late']);
  });
});
