import { describe, expect, it } from 'vitest';
import { SccEventInputSchema } from '../../../src/scc/event-schema';

const valid = {
  bookingId: 'bk-test-0001',
  revision: 1,
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
  meetingPoint: 'Harbor Island West Marina, Dock C',
  domain: 'sailjada.com',
  notes: 'Bring a jacket.',
  crew_assignments: [
    { crewId: 'ana-ruiz', name: 'Ana Ruiz', email: 'ana@crew.test', role: 'captain', hourly_rate: 6500 },
  ],
};

function issues(input: unknown) {
  const result = SccEventInputSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('SccEventInputSchema', () => {
  it('accepts the pipeline’s payload', () => {
    expect(issues(valid)).toEqual([]);
  });

  it.each(['priceCents', 'depositCents', 'captainFeeCents', 'portCostsCents', 'internalNotes', 'revenue'])(
    'refuses a %s field at the top level, naming it',
    (key) => {
      expect(issues({ ...valid, [key]: 1 })).toEqual([
        { path: '', message: expect.stringContaining(`Unknown field ${key} in the event`) },
      ]);
    },
  );

  it('refuses extra fields inside the schedule, the boat and the assignments', () => {
    expect(issues({ ...valid, schedule: { ...valid.schedule, price: 1 } })[0]?.path).toBe('schedule');
    expect(issues({ ...valid, boat: { ...valid.boat, dayRate: 1 } })[0]?.path).toBe('boat');
    const crew = [{ ...valid.crew_assignments[0], margin: 1 }];
    expect(issues({ ...valid, crew_assignments: crew })[0]?.path).toBe('crew_assignments.0');
  });

  it('refuses the same person twice', () => {
    const twice = [valid.crew_assignments[0], valid.crew_assignments[0]];
    expect(issues({ ...valid, crew_assignments: twice })).toEqual([
      { path: 'crew_assignments.1.crewId', message: 'ana-ruiz is assigned twice.' },
    ]);
  });

  it('refuses UTC instants that do not match the local schedule', () => {
    const schedule = { ...valid.schedule, startsAt: '2026-12-05T16:00:00.000Z' };
    expect(issues({ ...valid, schedule })[0]?.path).toBe('schedule.startsAt');
  });

  it('refuses an end before the start and an unknown time zone', () => {
    expect(issues({ ...valid, schedule: { ...valid.schedule, endTime: '15:00' } })[0]?.path).toBe(
      'schedule.endTime',
    );
    expect(issues({ ...valid, schedule: { ...valid.schedule, timeZone: 'Mars/Olympus' } })[0]?.path).toBe(
      'schedule.timeZone',
    );
  });

  it('refuses ids that could break out of a URL or an S3 prefix', () => {
    expect(issues({ ...valid, bookingId: '../other' })[0]?.path).toBe('bookingId');
    const crew = [{ ...valid.crew_assignments[0], crewId: 'ana/../ben' }];
    expect(issues({ ...valid, crew_assignments: crew })[0]?.path).toBe('crew_assignments.0.crewId');
  });

  it('defaults notes to empty and takes rates as whole cents only', () => {
    const { notes: _notes, ...withoutNotes } = valid;
    expect(SccEventInputSchema.parse(withoutNotes).notes).toBe('');
    const crew = [{ ...valid.crew_assignments[0], hourly_rate: 65.5 }];
    expect(issues({ ...valid, crew_assignments: crew })[0]?.path).toBe('crew_assignments.0.hourly_rate');
  });

  it('takes a captain fee on the captain’s assignment only, in whole positive cents', () => {
    const captain = { ...valid.crew_assignments[0], captain_fee: 25000 };
    expect(issues({ ...valid, crew_assignments: [captain] })).toEqual([]);
    const deck = { ...captain, crewId: 'ben-okafor', role: 'crew' };
    expect(issues({ ...valid, crew_assignments: [deck] })[0]).toEqual({
      path: 'crew_assignments.0.captain_fee',
      message: 'captain_fee goes on the captain’s assignment only.',
    });
    for (const fee of [0, 250.5, -1]) {
      const bad = { ...captain, captain_fee: fee };
      expect(issues({ ...valid, crew_assignments: [bad] })[0]?.path).toBe('crew_assignments.0.captain_fee');
    }
  });
});
