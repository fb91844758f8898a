import { describe, expect, it } from 'vitest';
import { diffBookings, isCrewChange, needsCrewReconfirmation, summariseChanges } from '../../../src/domain';
import { aBooking } from '../../helpers/fixtures';

describe('change history', () => {
  it('names each changed field with its old and new value', () => {
    const before = aBooking();
    const after = aBooking({ priceCents: 200000, meetingPoint: 'Broadway Pier' });
    expect(diffBookings(before, after)).toEqual([
      { field: 'meeting point', from: 'Harbor Island West Marina, Dock C', to: 'Broadway Pier' },
      { field: 'price', from: '$1,800.00', to: '$2,000.00' },
    ]);
  });

  it('reports nothing for an unchanged booking', () => {
    expect(diffBookings(aBooking(), aBooking({ revision: 7, updatedBy: 'UX' }))).toEqual([]);
  });

  it('asks the crew again when the time or the crew changes, not for a price change', () => {
    const timeMoved = diffBookings(
      aBooking(),
      aBooking({ schedule: { ...aBooking().schedule, startTime: '15:00' } }),
    );
    expect(needsCrewReconfirmation(timeMoved)).toBe(true);
    expect(needsCrewReconfirmation(diffBookings(aBooking(), aBooking({ priceCents: 1 })))).toBe(false);
    const crewChanged = diffBookings(aBooking(), aBooking({ crew: aBooking().crew.slice(0, 1) }));
    expect(needsCrewReconfirmation(crewChanged)).toBe(true);
  });

  it('keeps a crew change as the people before and after, by crew id, name and role (no rates)', () => {
    const before = aBooking();
    const after = aBooking({
      crew: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
        { crewId: 'cleo-marsh', name: 'Marsh, Cleo', role: 'hostess', hourlyRateCents: 2800 },
      ],
    });
    expect(diffBookings(before, after).find((c) => c.field === 'crew')).toEqual({
      field: 'crew',
      before: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' },
        { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' },
      ],
      after: [
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' },
        { crewId: 'cleo-marsh', name: 'Marsh, Cleo', role: 'hostess' },
      ],
    });
  });

  it('records no crew change when only the order of the crew changed', () => {
    const crew = aBooking().crew;
    const changes = diffBookings(aBooking(), aBooking({ crew: [...crew].reverse() }));
    expect(changes.map((c) => c.field)).not.toContain('crew');
  });

  it('records a role change as a crew change', () => {
    const crew = aBooking().crew.map((a) => (a.role === 'crew' ? { ...a, role: 'hostess' as const } : a));
    const change = diffBookings(aBooking(), aBooking({ crew })).find(isCrewChange);
    expect(change?.after).toContainEqual({ crewId: 'ben-okafor', name: 'Ben Okafor', role: 'hostess' });
  });

  it('summarises changes in one line for the thread', () => {
    expect(summariseChanges([{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }])).toBe(
      'time 14:00–17:00 → 15:00–18:00',
    );
  });

  it('summarises a crew change with the names it holds, made when shown', () => {
    expect(
      summariseChanges([
        { field: 'crew', before: [], after: [{ crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' }] },
      ]),
    ).toBe('crew nobody → Ana Ruiz (captain)');
  });
});
