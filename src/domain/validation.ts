/**
 * The booking rules a person would want enforced, each with a sentence that says what to fix. The result
 * names fields by dotted path so each surface (Slack modal, HTTP API) can put the message on the right input.
 */
import type { z } from 'zod';
import type { FieldError } from '../errors';
import {
  type Booking,
  type BookingInput,
  BookingInputSchema,
  scheduleInstants,
  type ValidBookingInput,
} from './booking';
import type { Boat } from './catalogue';

export interface ValidationContext {
  now: Date;
  boats: readonly Boat[];
  domains: readonly string[];
  /** The booking being edited, if any: an edit may keep a date that is already past. */
  existing?: Pick<Booking, 'startsAt'>;
}

export type ValidationResult =
  | { ok: true; value: ValidBookingInput; startsAt: string; endsAt: string }
  | { ok: false; errors: FieldError[] };

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue; // one message per field is what a form can show
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

export function validateBookingInput(
  input: BookingInput | unknown,
  context: ValidationContext,
): ValidationResult {
  const parsed = BookingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
  const value = parsed.data;
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  const { startsAt, endsAt, minutes } = scheduleInstants(value.schedule);
  if (minutes <= 0) add('schedule.endTime', 'End time must be after the start time.');
  const startUnchanged = context.existing?.startsAt === startsAt;
  if (!startUnchanged && Date.parse(startsAt) <= context.now.getTime()) {
    add('schedule.date', 'That date and time has already passed. Pick a time in the future.');
  }

  const boat = context.boats.find((b) => b.id === value.boatId);
  if (!boat) add('boatId', 'Pick one of the boats in the list.');
  else if (value.guest.partySize > boat.capacity) {
    add(
      'guest.partySize',
      `${boat.name} takes at most ${boat.capacity} guests; this party is ${value.guest.partySize}.`,
    );
  }

  if (!context.domains.includes(value.domain)) {
    add('domain', `Unknown brand domain. Use one of: ${context.domains.join(', ')}.`);
  }

  if (value.depositCents > value.priceCents)
    add('depositCents', 'The deposit cannot be more than the charter price.');

  const captains = value.crew.filter((a) => a.role === 'captain');
  if (captains.length === 0) add('crew.captain', 'Assign a captain.');
  if (captains.length > 1) add('crew.captain', 'Assign exactly one captain.');

  const ids = value.crew.map((a) => a.crewId);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) {
    const names = [...new Set(twice)].map((id) => value.crew.find((a) => a.crewId === id)?.name ?? id);
    add('crew', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} assigned more than once.`);
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value, startsAt, endsAt };
}
