/**
 * The booking: the single source of truth for a charter. Pure schemas and types, no I/O.
 * Everything a booking holds is internal; only the projections (projections.ts) decide what leaves.
 */
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone, minutesBetween, zonedToUtc } from './time';

export const ROLES = ['captain', 'crew', 'hostess'] as const;
export type Role = (typeof ROLES)[number];

export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const cents = (label: string) =>
  z
    .number({ error: `${label} must be an amount.` })
    .int({ error: `${label} must be a whole number of cents.` })
    .nonnegative({ error: `${label} cannot be negative.` })
    .max(100_000_000_00, { error: `${label} is implausibly large.` });

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .default('');

export const EmailSchema = z
  .string({ error: 'Email is required.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,20}$/, {
    error: 'Enter a phone number with 7 to 20 digits, like +1 619 555 0100.',
  });

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'A slug uses lower-case letters, digits and single dashes, like sunset-sail-smith-2026-12-05.',
  })
  .max(80, { error: 'A slug must be at most 80 characters.' });

export const CrewAssignmentSchema = z.object({
  crewId: requiredText('Crew member', 64),
  /** Display name at the time of assignment; projections reduce it to a first name. */
  name: requiredText('Crew name', 120),
  role: z.enum(ROLES, { error: 'Role must be captain, crew or hostess.' }),
  hourlyRateCents: cents('Hourly rate'),
  /**
   * The Slack account that answers for this person on this charter, recorded when they were assigned: a
   * later change of the roster's Slack id does not hand someone else their place (issue #13).
   */
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, { error: 'A Slack user id looks like U0123ABCD.' })
    .optional(),
});
export type CrewAssignment = z.infer<typeof CrewAssignmentSchema>;

export const GuestSchema = z.object({
  name: requiredText('Guest name', 120),
  email: EmailSchema,
  phone: PhoneSchema.optional(),
  partySize: z
    .number({ error: 'Party size must be a number.' })
    .int({ error: 'Party size must be a whole number.' })
    .min(1, { error: 'Party size must be at least 1.' })
    .max(500, { error: 'Party size must be at most 500.' }),
});
export type Guest = z.infer<typeof GuestSchema>;

export const ScheduleSchema = z.object({
  date: z.iso.date({ error: 'Date must be a calendar date (YYYY-MM-DD).' }),
  startTime: z.iso.time({ precision: -1, error: 'Start time must be HH:MM.' }),
  endTime: z.iso.time({ precision: -1, error: 'End time must be HH:MM.' }),
  timeZone: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, { error: 'Time zone must be an IANA zone such as America/Los_Angeles.' }),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const BoatRefSchema = z.object({ id: requiredText('Boat', 64), name: requiredText('Boat name', 120) });

/** What an operator submits: the modal, the API, a test. */
export const BookingInputSchema = z.object({
  title: requiredText('Charter name', 80),
  guest: GuestSchema,
  schedule: ScheduleSchema,
  boatId: requiredText('Boat', 64),
  domain: requiredText('Brand domain', 253),
  slug: SlugSchema.optional(),
  meetingPoint: requiredText('Meeting point', 200),
  guestNotes: optionalText('Guest notes', 2000),
  // 3000: what Slack's multi-line input takes (plain_text_input max_length), so the edit form can hold it.
  internalNotes: optionalText('Internal notes', 3000),
  priceCents: cents('Charter price'),
  depositCents: cents('Deposit'),
  captainFeeCents: cents('Captain fee'),
  portCostsCents: cents('Port costs'),
  crew: z.array(CrewAssignmentSchema).max(30, { error: 'At most 30 crew can be assigned.' }),
  /** Whether the guest hears from the brand by email (some guests booked by phone want nothing). */
  guestMail: z.boolean().default(true),
});
export type BookingInput = z.input<typeof BookingInputSchema>;
export type ValidBookingInput = z.output<typeof BookingInputSchema>;

export const BookingSchema = BookingInputSchema.omit({ boatId: true, slug: true }).extend({
  id: z.string().min(1),
  slug: SlugSchema,
  boat: BoatRefSchema,
  status: z.enum(BOOKING_STATUSES),
  revision: z.number().int().positive(),
  /** UTC instants derived from the schedule; stored so queries and timers need no zone maths. */
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedBy: z.string(),
  /** Slugs this booking used before a rename; their pages redirect to the current one. */
  previousSlugs: z.array(SlugSchema).default([]),
  cancelledAt: z.iso.datetime().optional(),
  cancelReason: z.string().optional(),
});
export type Booking = z.output<typeof BookingSchema>;

export function scheduleInstants(schedule: Schedule): { startsAt: string; endsAt: string; minutes: number } {
  const start = zonedToUtc(schedule.date, schedule.startTime, schedule.timeZone);
  const minutes = minutesBetween(schedule.startTime, schedule.endTime);
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
    minutes,
  };
}

export function durationMinutes(booking: Pick<Booking, 'startsAt' | 'endsAt'>): number {
  return Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000);
}

export function captainOf(booking: Pick<Booking, 'crew'>): CrewAssignment | undefined {
  return booking.crew.find((a) => a.role === 'captain');
}

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

export function lastName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

/**
 * Hours between start and end × a rate, in whole cents, half a cent rounding up. Integer arithmetic
 * (rate × minutes is exact), so no float can shift a cent. Only assignmentPayCents decides whose pay this is.
 */
export function hourlyPayCents(hourlyRateCents: number, minutes: number): number {
  return Math.floor((hourlyRateCents * minutes + 30) / 60);
}

/** The booking fields a person's pay depends on. */
export type PaySource = Pick<Booking, 'startsAt' | 'endsAt' | 'captainFeeCents'> & {
  readonly crew: readonly Pick<CrewAssignment, 'crewId' | 'role' | 'hourlyRateCents'>[];
};

/**
 * Is this the captain whose pay is the booking's captain fee? The first captain on a booking with a fee
 * above zero: a charter with two captain rows still pays one fee, to the first.
 */
export function paidByCaptainFee(booking: PaySource, assignment: Pick<CrewAssignment, 'crewId'>): boolean {
  if (booking.captainFeeCents <= 0) return false;
  return booking.crew.find((a) => a.role === 'captain')?.crewId === assignment.crewId;
}

/**
 * One person's pay for one charter, the only pay rule (issues #18 item 6, #19 item 2): when the booking
 * has a captain fee (> 0), that fee is its captain's pay for the charter and their hourly rate is not
 * added; everyone else, and a captain on a booking with no fee, is paid the hours between start and end ×
 * their rate on that booking. The margin, the modal's estimate, the crew page, `/charter mine`, the
 * reports and payroll all come here.
 */
export function assignmentPayCents(
  booking: PaySource,
  assignment: Pick<CrewAssignment, 'crewId' | 'hourlyRateCents'>,
): number {
  if (paidByCaptainFee(booking, assignment)) return booking.captainFeeCents;
  return hourlyPayCents(assignment.hourlyRateCents, durationMinutes(booking));
}

/**
 * Hourly crew pay: the pay of everyone not paid by the captain fee (a captain with a fee is not counted
 * here; their pay is the captain fee, which is its own line). Crew pay + captain fee is every person's pay
 * counted once.
 */
export function crewPayCents(booking: PaySource): number {
  return booking.crew.reduce(
    (sum, a) => (paidByCaptainFee(booking, a) ? sum : sum + assignmentPayCents(booking, a)),
    0,
  );
}

/** What the business keeps: price − crew pay − captain fee − port costs. May be negative. */
export function marginCents(
  booking: Pick<
    Booking,
    'crew' | 'startsAt' | 'endsAt' | 'priceCents' | 'captainFeeCents' | 'portCostsCents'
  >,
): number {
  return booking.priceCents - crewPayCents(booking) - booking.captainFeeCents - booking.portCostsCents;
}

/** Two bookings overlap when their UTC intervals intersect (touching ends do not). */
export function overlaps(
  a: Pick<Booking, 'startsAt' | 'endsAt'>,
  b: Pick<Booking, 'startsAt' | 'endsAt'>,
): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

/** The booking as the form that would write it again: the starting point of every programmatic change. */
export function bookingInputOf(booking: Booking): ValidBookingInput {
  return {
    title: booking.title,
    guest: booking.guest,
    schedule: booking.schedule,
    boatId: booking.boat.id,
    domain: booking.domain,
    slug: booking.slug,
    meetingPoint: booking.meetingPoint,
    guestNotes: booking.guestNotes,
    internalNotes: booking.internalNotes,
    priceCents: booking.priceCents,
    depositCents: booking.depositCents,
    captainFeeCents: booking.captainFeeCents,
    portCostsCents: booking.portCostsCents,
    crew: booking.crew,
    guestMail: guestMailOn(booking),
  };
}

/** Guest mail is on unless an operator turned it off: items stored before the switch existed have no field. */
export function guestMailOn(booking: { readonly guestMail?: boolean | undefined }): boolean {
  return booking.guestMail !== false;
}
