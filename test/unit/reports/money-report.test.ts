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
      captainFeeCents: 80000,
      crewPayCents: 104242,
      portCostsCents: 12550,
      marginCents: 433208,
    });
  });

  it('lists the charters by local start and keeps the cancelled one apart', () => {
    expect(report.charters.map((c) => c.bookingId)).toEqual([A.id, B.id, C.id, E.id]);
    expect(report.cancelled.map((c) => c.bookingId)).toEqual([D.id]);
  });

  it('counts a completed charter by the captain’s head count, not the booked party', () => {
    const c = report.charters.find((l) => l.bookingId === C.id);
    expect(c).toMatchObject({ guests: 8, headCounted: true, crewPayCents: 42142, marginCents: 161858 });
  });

  it('puts a 22:00 charter on Dec 31 in Los Angeles in December although it is January in UTC', () => {
    expect(E.startsAt.startsWith('2027-01-01')).toBe(true);
    expect(report.charters.some((l) => l.bookingId === E.id)).toBe(true);
    const january = buildMoneyReport(DECEMBER_BOOKINGS, monthPeriod(2027, 1));
    expect(january.charters.map((l) => l.bookingId)).toEqual(['g-jan-01-nz']);
  });

  it('pays the crew of the booking as edited (Cleo), not as first booked (Ben)', () => {
    const b = report.charters.find((l) => l.bookingId === B.id);
    expect(b).toMatchObject({ crewPayCents: 23250, marginCents: 49200 });
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
          captainFeeCents: 25000,
          crewPayCents: 33000,
          portCostsCents: 2550,
          marginCents: 149450,
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
          crewPayCents: 71242,
          portCostsCents: 10000,
          marginCents: 283758,
        },
      },
    ]);
    expect(report.byBoat.map((g) => [g.key, g.totals.charters, g.totals.marginCents])).toEqual([
      ['Jada', 3, 384008],
      ['Sea Star', 1, 49200],
    ]);
  });

  it('gives an empty period zero totals and no lines', () => {
    const empty = buildMoneyReport(DECEMBER_BOOKINGS, { from: '2026-06-01', to: '2026-06-30' });
    expect(empty.totals.charters).toBe(0);
    expect(empty.totals.marginCents).toBe(0);
    expect(empty.charters).toEqual([]);
  });
});
