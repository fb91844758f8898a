/**
 * The canary: a booking whose every secret field carries an unmistakable value. Any outward artifact
 * rendered from it must contain none of them (expectNoCanary). Amounts are checked in every format a
 * renderer might print them: raw cents, dollars with and without separators and decimals.
 */
import { expect } from 'vitest';
import type { Booking } from '../../src/domain';
import { aBooking, aBookingInput } from './fixtures';

export const CANARY = {
  priceCents: 9_137_713, // $91,377.13
  depositCents: 4_242_417, // $42,424.17
  captainFeeCents: 777_123, // $7,771.23
  portCostsCents: 313_377, // $3,133.77
  ratesCents: [8_811, 7_622, 6_533] as const, // $88.11, $76.22, $65.33 per hour
  internalNotes: 'CANARY-INTERNAL-NOTE owes us money, VIP discount code ZX-CANARY-99',
  guestEmail: 'canary.guest@leak.test',
  guestPhone: '+1 999 555 0199',
  crewEmails: ['canary.captain@leak.test', 'canary.deck@leak.test', 'canary.host@leak.test'],
  /** The captain's roster phone: the crew of that charter may see it (issue #18), guests never. */
  captainPhone: '+1 999 555 0111',
};

/** The canary charter's form: every money field, internal note and guest contact detail set to a canary. */
export function canaryBookingInput(overrides: Parameters<typeof aBookingInput>[0] = {}) {
  return aBookingInput({
    guest: { name: 'Casey Canary', email: CANARY.guestEmail, phone: CANARY.guestPhone, partySize: 8 },
    internalNotes: CANARY.internalNotes,
    priceCents: CANARY.priceCents,
    depositCents: CANARY.depositCents,
    captainFeeCents: CANARY.captainFeeCents,
    portCostsCents: CANARY.portCostsCents,
    crew: [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: CANARY.ratesCents[0] },
      { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: CANARY.ratesCents[1] },
      { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: CANARY.ratesCents[2] },
    ],
    ...overrides,
  });
}

export function canaryBooking(): Booking {
  return aBooking({ id: 'bk-canary-0001', slug: 'sunset-sail-canary-2026-12-05' }, canaryBookingInput());
}

/** The canary charter runs 16:00–19:00: a person's pay is their rate times three. */
const CANARY_HOURS = 3;

function amountForms(cents: number): string[] {
  const dollars = (cents / 100).toFixed(2);
  const [whole] = dollars.split('.') as [string];
  const grouped = Number(whole).toLocaleString('en-US');
  const forms = [String(cents), dollars, `${grouped}.${dollars.slice(-2)}`];
  // Whole-dollar renderings are only distinctive for large amounts.
  if (cents >= 100_000) forms.push(grouped);
  return forms;
}

/** Every string that must never appear in an artifact for `audience`. */
export function forbiddenStrings(audience: 'guest' | 'crew', crewId?: string): string[] {
  const forbidden = [
    ...amountForms(CANARY.priceCents),
    ...amountForms(CANARY.depositCents),
    ...amountForms(CANARY.portCostsCents),
    'CANARY-INTERNAL-NOTE',
    'ZX-CANARY-99',
    CANARY.guestEmail,
    CANARY.guestPhone,
    ...CANARY.crewEmails,
  ];
  // The captain fee is the captain's own pay (issue #18 item 6): the canary captain (ana-ruiz) may see it,
  // nobody else ever does.
  if (!(audience === 'crew' && crewId === 'ana-ruiz')) forbidden.push(...amountForms(CANARY.captainFeeCents));
  if (audience === 'guest') forbidden.push(CANARY.captainPhone, CANARY.captainPhone.replace(/[^0-9+]/g, ''));
  const crewIds = ['ana-ruiz', 'ben-okafor', 'cleo-marsh'];
  CANARY.ratesCents.forEach((rate, i) => {
    // A crew member may see their own rate; nobody sees anyone else's.
    if (audience === 'crew' && crewIds[i] === crewId) return;
    forbidden.push(...amountForms(rate), ...amountForms(rate * CANARY_HOURS));
  });
  return forbidden;
}

/**
 * Whether `needle` occurs in `text` as itself: an amount is a number of its own, not a run of digits inside a
 * longer one (a Slack ts such as `1764707622.004211` holds "7622" by chance and leaks nothing).
 */
function occursIn(text: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^\d/.test(needle) ? '(?<!\\d)' : '';
  const after = /\d$/.test(needle) ? '(?!\\d)' : '';
  return new RegExp(`${before}${escaped}${after}`).test(text);
}

export function expectNoCanary(text: string, audience: 'guest' | 'crew', crewId?: string): void {
  const leaks = forbiddenStrings(audience, crewId).filter((needle) => occursIn(text, needle));
  expect(leaks, `leaked into a ${audience} artifact`).toEqual([]);
}
