/**
 * December 2026, by hand. Every figure the tests expect is worked out in the comments here, not by the
 * code under test. Rates: Ana (captain) $65.00/h, Ben (crew) $32.00/h or $32.25/h, Cleo (hostess) $28.00/h.
 *
 * The pay rule (issue #18 item 6): when a charter has a captain fee, that fee is the captain's pay and
 * their hourly rate is not added; with no fee the captain is paid hours × rate like everyone else. "Crew
 * pay" in the report is the hourly pay of everyone not paid by the fee; "captain fees" the fees; each
 * person is counted once, and margin = revenue − crew pay − captain fees − port costs.
 *
 * Totals for December (A, B, C, E; D cancelled; F and G in other months by their own zones):
 *   revenue  1800.00 + 900.00 + 2400.00 + 1200.00 = 6300.00
 *   deposits  500.00 + 200.00 + 2400.00 +    0.00 = 3100.00
 *   fees      250.00 + 150.00 +  300.00 +    0.00 =  700.00
 *   crew pay   96.00 +  70.00 +  139.75 +   97.50 =  403.25
 *   port       40.00 +  25.50 +   60.00 +    0.00 =  125.50
 *   margin   1414.00 + 654.50 + 1900.25 + 1102.50 = 5071.25  (= 6300.00 − 403.25 − 700.00 − 125.50)
 *   guests   6 + 4 + 8 (head count) + 2 = 20
 * By brand: queenofsandiego.com (B, E) revenue 2100.00, deposits 200.00, fees 150.00, crew pay 167.50,
 *   port 25.50, margin 654.50 + 1102.50 = 1757.00, guests 6; sailjada.com (A, C) revenue 4200.00, deposits
 *   2900.00, fees 550.00, crew pay 235.75, port 100.00, margin 1414.00 + 1900.25 = 3314.25, guests 14.
 * By boat: Jada (A, C, E) margin 1414.00 + 1900.25 + 1102.50 = 4416.75; Sea Star (B) 654.50.
 * Payroll: Ana 250.00 (A fee) + 150.00 (B fee) + 300.00 (C fee) + 97.50 (E, no fee: 1.5 × 65.00) = 797.50;
 *   Ben 96.00 (A) + 139.75 (C) = 235.75; Cleo 70.00 (B); total 797.50 + 235.75 + 70.00 = 1103.25
 *   (= crew pay 403.25 + fees 700.00).
 * Before the rule (every captain paid hours × rate AND the fee) the month read: fees 800.00 (E had a 100.00
 *   fee), crew pay 1042.42, margin 4332.08, payroll 1842.42 — Ana's hours were counted on top of her fees.
 */
import type { Booking } from '../../../src/domain';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

const ana = (rate = 6500) => ({
  crewId: 'ana-ruiz',
  name: 'Ana Ruiz',
  role: 'captain' as const,
  hourlyRateCents: rate,
});
const ben = (rate = 3200) => ({
  crewId: 'ben-okafor',
  name: 'Ben Okafor',
  role: 'crew' as const,
  hourlyRateCents: rate,
});
const cleo = () => ({
  crewId: 'cleo-marsh',
  name: 'Cleo Marsh',
  role: 'hostess' as const,
  hourlyRateCents: 2800,
});

function charter(
  id: string,
  input: Parameters<typeof aBookingInput>[0],
  extra: Partial<Booking> = {},
): Booking {
  const made = aBookingInput(input);
  return aBooking({ id, slug: id, ...extra }, made);
}

/**
 * A — Dec 5, 16:00–19:00 LA (3 h), sailjada.com, Jada, 6 guests booked.
 *   Ana is paid the 250.00 fee (not 3 × 65.00 = 195.00); crew pay: Ben 3 × 32.00 = 96.00
 *   margin: 1800.00 − 96.00 − 250.00 − 40.00 = 1414.00
 */
export const A = charter('a-dec-05', {
  schedule: { date: '2026-12-05', startTime: '16:00', endTime: '19:00', timeZone: 'America/Los_Angeles' },
  priceCents: 180000,
  depositCents: 50000,
  captainFeeCents: 25000,
  portCostsCents: 4000,
  guest: { partySize: 6 },
  crew: [ana(), ben()],
});

/**
 * B — Dec 12, 10:00–12:30 LA (2.5 h), queenofsandiego.com, Sea Star, 4 guests. Edited (revision 2): Ben
 * was replaced by Cleo, so Ben earns nothing here.
 *   Ana is paid the 150.00 fee (not 2.5 × 65.00 = 162.50); crew pay: Cleo 2.5 × 28.00 = 70.00
 *   margin: 900.00 − 70.00 − 150.00 − 25.50 = 654.50
 */
export const B = charter(
  'b-dec-12',
  {
    schedule: { date: '2026-12-12', startTime: '10:00', endTime: '12:30', timeZone: 'America/Los_Angeles' },
    domain: 'queenofsandiego.com',
    boatId: 'sea-star',
    priceCents: 90000,
    depositCents: 20000,
    captainFeeCents: 15000,
    portCostsCents: 2550,
    guest: { partySize: 4 },
    crew: [ana(), cleo()],
  },
  { revision: 2, boat: { id: 'sea-star', name: 'Sea Star' } },
);

/** B as first booked (revision 1), with Ben instead of Cleo: what the edit replaced. */
export const B_BEFORE_EDIT_CREW = [ana(), ben()];

/**
 * C — Dec 20, 09:00–13:20 LA (260 min), sailjada.com, Jada, completed: booked 10, captain counted 8.
 *   Ana is paid the 300.00 fee (not 6500 × 260 / 60 = 28166.67 → 281.67); crew pay: Ben 3225 × 260 / 60
 *   = 13975 cents → 139.75
 *   margin: 2400.00 − 139.75 − 300.00 − 60.00 = 1900.25
 */
export const C = charter(
  'c-dec-20',
  {
    schedule: { date: '2026-12-20', startTime: '09:00', endTime: '13:20', timeZone: 'America/Los_Angeles' },
    priceCents: 240000,
    depositCents: 240000,
    captainFeeCents: 30000,
    portCostsCents: 6000,
    guest: { partySize: 10 },
    crew: [ana(), ben(3225)],
  },
  {
    status: 'completed',
    completion: { headCount: 8, note: 'Calm seas', at: '2026-12-20T21:30:00.000Z', by: 'UCAPTAIN1' },
  } as Partial<Booking>,
);

/** D — Dec 8, cancelled: listed apart, in no total and no payroll. */
export const D = charter(
  'd-dec-08',
  {
    schedule: { date: '2026-12-08', startTime: '12:00', endTime: '15:00', timeZone: 'America/Los_Angeles' },
    priceCents: 150000,
    guest: { partySize: 12 },
    crew: [ana(), ben()],
  },
  { status: 'cancelled', cancelledAt: '2026-12-01T10:00:00.000Z', cancelReason: 'Weather' },
);

/**
 * E — Dec 31, 22:00–23:30 LA: already Jan 1 06:00 UTC, but December by its own zone. queenofsandiego.com,
 * Jada, 2 guests. No captain fee: Ana, the captain, is paid by the hour like everyone else.
 *   crew pay: Ana 1.5 × 65.00 = 97.50; margin: 1200.00 − 97.50 − 0 − 0 = 1102.50
 */
export const E = charter('e-dec-31', {
  schedule: { date: '2026-12-31', startTime: '22:00', endTime: '23:30', timeZone: 'America/Los_Angeles' },
  domain: 'queenofsandiego.com',
  priceCents: 120000,
  depositCents: 0,
  captainFeeCents: 0,
  portCostsCents: 0,
  guest: { partySize: 2 },
  crew: [ana()],
});

/** F — Nov 30, 23:00 LA (Dec 1 07:00 UTC): November by its own zone, so not in December. */
export const F = charter('f-nov-30', {
  schedule: { date: '2026-11-30', startTime: '23:00', endTime: '23:45', timeZone: 'America/Los_Angeles' },
  priceCents: 99900,
  crew: [ana(), ben()],
});

/** G — Jan 1 2027, 00:30 Auckland (Dec 31 11:30 UTC): January by its own zone. */
export const G = charter('g-jan-01-nz', {
  schedule: { date: '2027-01-01', startTime: '00:30', endTime: '02:00', timeZone: 'Pacific/Auckland' },
  priceCents: 77700,
  crew: [ana(), ben()],
});

export const DECEMBER_BOOKINGS: readonly Booking[] = [G, E, D, C, B, A, F];
