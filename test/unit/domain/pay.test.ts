/**
 * The pay rule (issues #18 item 6, #19 item 2): when a booking has a captain fee (> 0), that fee is the
 * captain's pay for the charter and their hourly rate is not added; with no fee the captain is paid hours ×
 * rate like everyone else. Crew are paid hours × rate either way. Every figure here is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  assignmentPayCents,
  type Booking,
  crewPayCents,
  crewView,
  marginCents,
  opsView,
  paidByCaptainFee,
} from '../../../src/domain';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

// 16:00–19:00: three hours. Ana (captain) 65.00/h, Ben (crew) 32.00/h, Cleo (hostess) 28.00/h.
const ana = { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' as const, hourlyRateCents: 6500 };
const ben = { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' as const, hourlyRateCents: 3200 };
const cleo = { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess' as const, hourlyRateCents: 2800 };

function booking(captainFeeCents: number, crew = [ana, ben, cleo]): Booking {
  return aBooking(
    {},
    aBookingInput({
      schedule: { date: '2026-12-05', startTime: '16:00', endTime: '19:00', timeZone: 'America/Los_Angeles' },
      priceCents: 180000,
      captainFeeCents,
      portCostsCents: 4000,
      crew,
    }),
  );
}

describe('a person’s pay on a booking', () => {
  it('pays a captain with a fee the fee, not hours × rate and not both', () => {
    const b = booking(25000);
    expect(assignmentPayCents(b, ana)).toBe(25000); // not 19500 (3 × 65.00), not 44500 (both)
    expect(paidByCaptainFee(b, ana)).toBe(true);
    expect(crewView(b, 'ana-ruiz').you).toMatchObject({ payCents: 25000, payBasis: 'captain-fee' });
  });

  it('pays a captain without a fee by the hour, like everyone else', () => {
    const b = booking(0);
    expect(assignmentPayCents(b, ana)).toBe(19500); // 3 × 65.00
    expect(paidByCaptainFee(b, ana)).toBe(false);
    expect(crewView(b, 'ana-ruiz').you).toMatchObject({ payCents: 19500, payBasis: 'hourly' });
  });

  it('leaves crew and hostess at hours × rate whether or not there is a fee', () => {
    for (const fee of [0, 25000]) {
      const b = booking(fee);
      expect(assignmentPayCents(b, ben)).toBe(9600); // 3 × 32.00
      expect(assignmentPayCents(b, cleo)).toBe(8400); // 3 × 28.00
      expect(crewView(b, 'ben-okafor').you).toMatchObject({ payCents: 9600, payBasis: 'hourly' });
    }
  });

  it('pays the fee to the first captain only when a booking lists two', () => {
    const second = { ...ana, crewId: 'dan-cole', name: 'Dan Cole' };
    const b = booking(25000, [ana, second, ben]);
    expect(assignmentPayCents(b, ana)).toBe(25000);
    expect(assignmentPayCents(b, second)).toBe(19500);
  });
});

describe('the booking’s costs count each person once', () => {
  it('with a fee: crew pay is everyone but the captain, and the margin takes the fee once', () => {
    const b = booking(25000);
    expect(crewPayCents(b)).toBe(9600 + 8400);
    // 1800.00 − 180.00 crew − 250.00 fee − 40.00 port = 1330.00 (the old formula said 1135.00)
    expect(marginCents(b)).toBe(133000);
    expect(opsView(b)).toMatchObject({ crewPayCents: 18000, marginCents: 133000 });
  });

  it('without a fee: the captain’s hours are crew pay', () => {
    const b = booking(0);
    expect(crewPayCents(b)).toBe(19500 + 9600 + 8400);
    // 1800.00 − 375.00 − 0 − 40.00 = 1385.00
    expect(marginCents(b)).toBe(138500);
  });

  it('still counts a fee when no captain is assigned (someone will be owed it)', () => {
    const b = booking(25000, [ben]);
    expect(crewPayCents(b)).toBe(9600);
    expect(marginCents(b)).toBe(180000 - 9600 - 25000 - 4000);
  });
});
