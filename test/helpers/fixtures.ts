/** Builders for valid test data; override only what a test is about. */
import type { Booking, BookingInput, CrewMember, ValidBookingInput } from '../../src/domain';
import { BookingInputSchema, scheduleInstants } from '../../src/domain';

export const FIXED_NOW = new Date('2026-11-24T17:00:00.000Z');

export const TEST_CREW: readonly CrewMember[] = [
  {
    id: 'ana-ruiz',
    name: 'Ana Ruiz',
    email: 'ana@crew.test',
    defaultRole: 'captain',
    defaultHourlyRateCents: 6500,
    slackUserId: 'UCAPTAIN1',
    active: true,
  },
  {
    id: 'ben-okafor',
    name: 'Ben Okafor',
    email: 'ben@crew.test',
    defaultRole: 'crew',
    defaultHourlyRateCents: 3200,
    active: true,
  },
  {
    id: 'cleo-marsh',
    name: 'Cleo Marsh',
    email: 'cleo@crew.test',
    defaultRole: 'hostess',
    defaultHourlyRateCents: 2800,
    active: true,
  },
];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function aBookingInput(overrides: DeepPartial<BookingInput> = {}): ValidBookingInput {
  const base: BookingInput = {
    title: 'Sunset Sail',
    guest: { name: 'Jordan Smith', email: 'jordan@guest.test', phone: '+1 619 555 0100', partySize: 6 },
    schedule: { date: '2026-12-05', startTime: '16:00', endTime: '19:00', timeZone: 'America/Los_Angeles' },
    boatId: 'jada',
    domain: 'sailjada.com',
    meetingPoint: 'Harbor Island West Marina, Dock C',
    guestNotes: 'Bring a jacket; it gets cool after sunset.',
    internalNotes: 'Repeat client, prefers the port side table.',
    priceCents: 180000,
    depositCents: 50000,
    captainFeeCents: 25000,
    portCostsCents: 4000,
    crew: [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
      { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 },
    ],
  };
  const merged = {
    ...base,
    ...overrides,
    guest: { ...base.guest, ...overrides.guest },
    schedule: { ...base.schedule, ...overrides.schedule },
    crew: (overrides.crew as BookingInput['crew'] | undefined) ?? base.crew,
  };
  return BookingInputSchema.parse(merged);
}

export function aBooking(
  overrides: Partial<Booking> = {},
  input: ValidBookingInput = aBookingInput(),
): Booking {
  const { startsAt, endsAt } = scheduleInstants(input.schedule);
  const { boatId: _boatId, slug, ...fields } = input;
  return {
    ...fields,
    id: 'bk-test-0001',
    slug: slug ?? 'sunset-sail-smith-2026-12-05',
    boat: { id: input.boatId, name: input.boatId === 'jada' ? 'Jada' : input.boatId },
    status: 'pending',
    revision: 1,
    startsAt,
    endsAt,
    createdAt: FIXED_NOW.toISOString(),
    updatedAt: FIXED_NOW.toISOString(),
    createdBy: 'UOPERATOR',
    updatedBy: 'UOPERATOR',
    previousSlugs: [],
    ...overrides,
  };
}
