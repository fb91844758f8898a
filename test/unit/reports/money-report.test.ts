import { describe, expect, it } from 'vitest';
import { buildMoneyReport, monthPeriod } from '../../../src/reports';
import { A, B, C, D, DECEMBER_BOOKINGS, E } from './fixture-month';

const december = monthPeriod(2026, 12);

describe('the December report (hand-computed in fixture-month.ts)', () => {
  const report = buildMoneyReport(DECEMBER_BOOKINGS, december);

  it('totals the four charters held in December by their own time zone, in cents', () => {
    expect(report.totals).toEqual({
      charters: 4,
      guests: 6 + 4 + 8 + 2,
      revenueCents: 630000,
      depositCents: 310000,
      captainFeeCents: 70000,
      crewPayCents: 40325,
      portCostsCents: 12550,
      marginCents: 507125,
    });
  });

  it('lists the charters by local start and keeps the cancelled one apart', () => {
    expect(report.charters.map((c) => c.bookingId)).toEqual([A.id, B.id, C.id, E.id]);
    expect(report.cancelled.map((c) => c.bookingId)).toEqual([D.id]);
  });

  it('counts a completed charter by the captain’s head count, not the booked party', () => {
    const c = report.charters.find((l) => l.bookingId === C.id);
    expect(c).toMatchObject({ guests: 8, headCounted: true, crewPayCents: 13975, marginCents: 190025 });
  });

  it('puts a 22:00 charter on Dec 31 in Los Angeles in December although it is January in UTC', () => {
    expect(E.startsAt.startsWith('2027-01-01')).toBe(true);
    expect(report.charters.some((l) => l.bookingId === E.id)).toBe(true);
    const january = buildMoneyReport(DECEMBER_BOOKINGS, monthPeriod(2027, 1));
    expect(january.charters.map((l) => l.bookingId)).toEqual(['g-jan-01-nz']);
  });

  it('pays the crew of the booking as edited (Cleo), not as first booked (Ben)', () => {
    const b = report.charters.find((l) => l.bookingId === B.id);
    expect(b).toMatchObject({ crewPayCents: 7000, marginCents: 65450 });
  });

  it('counts each person once: the captain with a fee in the fees, everyone else in crew pay', () => {
    const t = report.totals;
    expect(t.revenueCents - t.crewPayCents - t.captainFeeCents - t.portCostsCents).toBe(t.marginCents);
    // E has no fee, so its captain's 97.50 is crew pay; A's captain is paid the fee, Ben's 96.00 is crew pay.
    expect(report.charters.find((l) => l.bookingId === E.id)).toMatchObject({
      captainFeeCents: 0,
      crewPayCents: 9750,
      marginCents: 110250,
    });
    expect(report.charters.find((l) => l.bookingId === A.id)).toMatchObject({
      captainFeeCents: 25000,
      crewPayCents: 9600,
      marginCents: 141400,
    });
  });

  it('splits the totals by brand and by boat, each adding up to the whole', () => {
    expect(report.byBrand).toEqual([
      {
        key: 'queenofsandiego.com',
        totals: {
          charters: 2,
          guests: 6,
          revenueCents: 210000,
          depositCents: 20000,
          captainFeeCents: 15000,
          crewPayCents: 16750,
          portCostsCents: 2550,
          marginCents: 175700,
        },
      },
      {
        key: 'sailjada.com',
        totals: {
          charters: 2,
          guests: 14,
          revenueCents: 420000,
          depositCents: 290000,
          captainFeeCents: 55000,
          crewPayCents: 23575,
          portCostsCents: 10000,
          marginCents: 331425,
        },
      },
    ]);
    expect(report.byBoat.map((g) => [g.key, g.totals.charters, g.totals.marginCents])).toEqual([
      ['Jada', 3, 441675],
      ['Sea Star', 1, 65450],
    ]);
  });

  it('gives an empty period zero totals and no lines', () => {
    const empty = buildMoneyReport(DECEMBER_BOOKINGS, { from: '2026-06-01', to: '2026-06-30' });
    expect(empty.totals.charters).toBe(0);
    expect(empty.totals.marginCents).toBe(0);
    expect(empty.charters).toEqual([]);
  });
});
