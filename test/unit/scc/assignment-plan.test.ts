import { describe, expect, it } from 'vitest';
import { planAssignments } from '../../../src/scc/assignment-plan';
import type { SccAssignmentState, SccCrewAssignment, SccEvent } from '../../../src/scc/event-schema';

const ana: SccCrewAssignment = {
  crewId: 'ana',
  name: 'Ana Ruiz',
  email: 'ana@crew.test',
  role: 'captain',
  hourly_rate: 6500,
};
const ben: SccCrewAssignment = {
  crewId: 'ben',
  name: 'Ben Okafor',
  email: 'ben@crew.test',
  role: 'crew',
  hourly_rate: 3200,
};
const cleo: SccCrewAssignment = {
  crewId: 'cleo',
  name: 'Cleo Marsh',
  email: 'cleo@crew.test',
  role: 'hostess',
  hourly_rate: 2800,
};

const base: SccEvent = {
  id: 'bk-1',
  bookingId: 'bk-1',
  revision: 1,
  status: 'scheduled',
  title: 'Sunset Sail',
  schedule: {
    date: '2026-12-05',
    startTime: '16:00',
    endTime: '19:00',
    timeZone: 'America/Los_Angeles',
    startsAt: '2026-12-06T00:00:00.000Z',
    endsAt: '2026-12-06T03:00:00.000Z',
  },
  boat: { id: 'jada', name: 'Jada' },
  meetingPoint: 'Dock C',
  domain: 'sailjada.com',
  notes: '',
  crew_assignments: [ana, ben],
  createdAt: '2026-11-24T17:00:00.000Z',
  updatedAt: '2026-11-24T17:00:00.000Z',
};

const state = (assignment: SccCrewAssignment, version = 1, active = true): SccAssignmentState => ({
  crewId: assignment.crewId,
  version,
  active,
  notice: 'invite',
  changes: [],
  assignment,
});
const stored = (...states: SccAssignmentState[]) => new Map(states.map((s) => [s.crewId, s]));
const everyoneNotified = () => true;
const summary = (states: SccAssignmentState[]) =>
  states.map((s) => ({ crewId: s.crewId, version: s.version, active: s.active, notice: s.notice }));

describe('planAssignments', () => {
  it('invites everyone on a new event at version 1', () => {
    expect(summary(planAssignments(undefined, base, new Map(), everyoneNotified))).toEqual([
      { crewId: 'ana', version: 1, active: true, notice: 'invite' },
      { crewId: 'ben', version: 1, active: true, notice: 'invite' },
    ]);
  });

  it('invites the added, tells the removed, and leaves the unchanged alone', () => {
    const after = { ...base, revision: 2, crew_assignments: [ana, cleo] };
    expect(summary(planAssignments(base, after, stored(state(ana), state(ben)), everyoneNotified))).toEqual([
      { crewId: 'cleo', version: 1, active: true, notice: 'invite' },
      { crewId: 'ben', version: 2, active: false, notice: 'removed' },
    ]);
  });

  it('sends a removed person nothing if nothing ever reached them', () => {
    const after = { ...base, crew_assignments: [ana] };
    const plan = planAssignments(base, after, stored(state(ana), state(ben)), (id) => id !== 'ben');
    expect(plan.find((s) => s.crewId === 'ben')?.notice).toBe('none');
  });

  it('re-invites someone added back, with a version above every link they held', () => {
    const after = { ...base, crew_assignments: [ana, ben] };
    const plan = planAssignments(base, after, stored(state(ana), state(ben, 2, false)), everyoneNotified);
    expect(summary(plan)).toEqual([{ crewId: 'ben', version: 3, active: true, notice: 'invite' }]);
  });

  it('sends everyone an update that says what changed when the time moves', () => {
    const after = {
      ...base,
      schedule: {
        ...base.schedule,
        startTime: '17:00',
        endTime: '20:00',
        startsAt: '2026-12-06T01:00:00.000Z',
        endsAt: '2026-12-06T04:00:00.000Z',
      },
    };
    const plan = planAssignments(base, after, stored(state(ana), state(ben)), everyoneNotified);
    expect(plan.map((s) => [s.crewId, s.version, s.notice])).toEqual([
      ['ana', 2, 'update'],
      ['ben', 2, 'update'],
    ]);
    expect(plan[0]?.changes).toEqual([
      'New time: Saturday, December 5, 5:00 PM – 8:00 PM PST (was Saturday, December 5, 4:00 PM – 7:00 PM PST)',
    ]);
  });

  it('tells one person about their own role and rate change only', () => {
    const after = {
      ...base,
      crew_assignments: [ana, { ...ben, role: 'hostess' as const, hourly_rate: 3500 }],
    };
    const plan = planAssignments(base, after, stored(state(ana), state(ben)), everyoneNotified);
    expect(plan).toHaveLength(1);
    expect(plan[0]?.changes).toEqual([
      'Your role is now Hostess (was Crew)',
      'Your rate is now $35.00/hour (was $32.00/hour)',
    ]);
  });

  it('tells the captain, and only the captain, when their captain fee changes', () => {
    const withFee = { ...base, crew_assignments: [{ ...ana, captain_fee: 25000 }, ben] };
    const after = { ...base, crew_assignments: [{ ...ana, captain_fee: 30000 }, ben] };
    const plan = planAssignments(
      withFee,
      after,
      stored(state({ ...ana, captain_fee: 25000 }), state(ben)),
      everyoneNotified,
    );
    expect(plan.map((s) => [s.crewId, s.notice])).toEqual([['ana', 'update']]);
    expect(plan[0]?.changes).toEqual(['Your captain fee is now $300.00 (was $250.00)']);
  });

  it('invites rather than updates someone whose first email never arrived', () => {
    const after = { ...base, meetingPoint: 'Shelter Island' };
    const plan = planAssignments(base, after, stored(state(ana), state(ben)), (id) => id === 'ana');
    expect(plan.map((s) => [s.crewId, s.notice])).toEqual([
      ['ana', 'update'],
      ['ben', 'invite'],
    ]);
  });

  it('invites a new address when a person’s email changes', () => {
    const after = { ...base, crew_assignments: [ana, { ...ben, email: 'ben.new@crew.test' }] };
    expect(summary(planAssignments(base, after, stored(state(ana), state(ben)), everyoneNotified))).toEqual([
      { crewId: 'ben', version: 2, active: true, notice: 'invite' },
    ]);
  });

  it('tells every active person about a cancellation, with a new version that retires their links', () => {
    const after: SccEvent = { ...base, status: 'cancelled' };
    const plan = planAssignments(
      base,
      after,
      stored(state(ana), state(ben, 4), state(cleo, 2, false)),
      everyoneNotified,
    );
    expect(summary(plan)).toEqual([
      { crewId: 'ana', version: 2, active: true, notice: 'cancelled' },
      { crewId: 'ben', version: 5, active: true, notice: 'cancelled' },
    ]);
  });
});
