import { describe, expect, it } from 'vitest';
import { assignmentPayCents, crewView, hourlyPayCents, opsView } from '../../../src/domain';
import { buildMoneyReport, buildPayroll, monthPeriod, NO_CAPTAIN_ID, payrollFor } from '../../../src/reports';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { C, DECEMBER_BOOKINGS } from './fixture-month';

const december = monthPeriod(2026, 12);

describe('December payroll (hand-computed in fixture-month.ts)', () => {
  const payroll = buildPayroll(DECEMBER_BOOKINGS, december);
  const person = (id: string) => payroll.people.find((p) => p.crewId === id);

  it('pays Ana the captain fee where there is one, and hours × rate where there is none', () => {
    // A fee 250.00, B fee 150.00, C fee 300.00, E no fee: 1.5 × 65.00 = 97.50 → 797.50
    expect(person('ana-ruiz')?.totalCents).toBe(79750);
    expect(person('ana-ruiz')?.minutes).toBe(180 + 150 + 260 + 90);
    expect(person('ana-ruiz')?.lines.map((l) => l.payCents)).toEqual([25000, 15000, 30000, 9750]);
    // Her line shows the fee, not hours × rate + fee.
    expect(person('ana-ruiz')?.lines.map((l) => [l.bookingId, l.hourlyPayCents, l.captainFeeCents])).toEqual([
      ['a-dec-05', 0, 25000],
      ['b-dec-12', 0, 15000],
      ['c-dec-20', 0, 30000],
      ['e-dec-31', 9750, 0],
    ]);
  });

  it('pays Ben for A and C only: not the cancelled charter, not the one he was edited off', () => {
    expect(person('ben-okafor')?.lines.map((l) => [l.bookingId, l.payCents])).toEqual([
      ['a-dec-05', 9600],
      ['c-dec-20', 13975],
    ]);
    expect(person('ben-okafor')?.totalCents).toBe(23575);
  });

  it('pays Cleo for the charter she was edited onto', () => {
    expect(person('cleo-marsh')?.totalCents).toBe(7000);
  });

  it('adds up to the report’s crew pay plus captain fees, to the cent', () => {
    const report = buildMoneyReport(DECEMBER_BOOKINGS, december);
    // 797.50 + 235.75 + 70.00 = 1103.25 = crew pay 403.25 + captain fees 700.00
    expect(payroll.totalCents).toBe(110325);
    expect(payroll.totalCents).toBe(report.totals.crewPayCents + report.totals.captainFeeCents);
  });

  it('shows one person only their own lines', () => {
    const mine = payrollFor(DECEMBER_BOOKINGS, december, 'cleo-marsh');
    expect(mine.lines.map((l) => l.bookingId)).toEqual(['b-dec-12']);
    expect(mine.totalCents).toBe(7000);
    expect(payrollFor(DECEMBER_BOOKINGS, december, 'nobody').lines).toEqual([]);
  });

  it('lists a captain fee without a captain under its own name rather than losing it', () => {
    const noCaptain = aBooking(
      { id: 'no-captain' },
      aBookingInput({
        crew: [{ crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 }],
      }),
    );
    const result = buildPayroll([noCaptain], december);
    expect(result.people.find((p) => p.crewId === NO_CAPTAIN_ID)?.totalCents).toBe(25000);
    expect(result.totalCents).toBe(9600 + 25000);
  });
});

describe('crew pay is computed one way everywhere', () => {
  it('rounds half a cent up with integer arithmetic', () => {
    expect(hourlyPayCents(6500, 260)).toBe(28167); // 28166.67
    expect(hourlyPayCents(3, 10)).toBe(1); // 0.5 cent
    expect(hourlyPayCents(1, 20)).toBe(0); // 0.33 cent
    expect(hourlyPayCents(0, 600)).toBe(0);
  });

  it('gives the crew page, the ops view and payroll the same figure for the same person', () => {
    const ana = crewView(C, 'ana-ruiz').you.payCents;
    const ben = crewView(C, 'ben-okafor').you.payCents;
    const lines = buildPayroll([C], december).people;
    expect(ana).toBe(30000); // C's captain fee, not 281.67 of hours
    expect(ana).toBe(assignmentPayCents(C, C.crew[0] as (typeof C.crew)[number]));
    expect(lines.find((p) => p.crewId === 'ana-ruiz')?.lines[0]?.payCents).toBe(ana);
    expect(lines.find((p) => p.crewId === 'ben-okafor')?.lines[0]?.payCents).toBe(ben);
    // Crew pay is everyone but the fee-paid captain; with the fee, every person once.
    expect(opsView(C).crewPayCents).toBe(ben);
    expect(opsView(C).crewPayCents + C.captainFeeCents).toBe(ana + ben);
  });
});
