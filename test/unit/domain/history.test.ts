import { describe, expect, it } from 'vitest';
import { diffBookings, needsCrewReconfirmation, summariseChanges } from '../../../src/domain';
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

  it('summarises changes in one line for the thread', () => {
    expect(summariseChanges([{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }])).toBe(
      'time 14:00–17:00 → 15:00–18:00',
    );
  });
});
