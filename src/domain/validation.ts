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
  type CrewAssignment,
  GuestSchema,
  type Schedule,
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

/**
 * Every rule on every submit: a person fixes the whole form in one go instead of meeting the past date only
 * after the blank guest name is fixed. The schema's messages come first; the rules across fields then run on
 * every part that is well-formed on its own (a schedule that parses, a party size that is a number), so one
 * broken field never hides another's problem. One message per field, as a form shows them.
 */
export function validateBookingInput(
  input: BookingInput | unknown,
  context: ValidationContext,
): ValidationResult {
  const parsed = BookingInputSchema.safeParse(input);
  const shapeErrors = parsed.success ? [] : zodIssuesToFieldErrors(parsed.error.issues);
  const facts = parsed.success ? factsOf(parsed.data) : salvageFacts(input);
  const errors = onePerField([...shapeErrors, ...bookingRuleErrors(facts, context)]);
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const { startsAt, endsAt } = scheduleInstants(parsed.data.schedule);
  return { ok: true, value: parsed.data, startsAt, endsAt };
}

/** The parts of a booking the rules across fields look at; absent where that part is not well-formed. */
interface BookingFacts {
  schedule?: Schedule;
  boatId?: string;
  partySize?: number;
  domain?: string;
  priceCents?: number;
  depositCents?: number;
  crew?: CrewAssignment[];
}

function factsOf(value: ValidBookingInput): BookingFacts {
  return {
    schedule: value.schedule,
    boatId: value.boatId,
    partySize: value.guest.partySize,
    domain: value.domain,
    priceCents: value.priceCents,
    depositCents: value.depositCents,
    crew: value.crew,
  };
}

/** Each part parsed on its own, with the same schema pieces as the whole. */
function salvageFacts(input: unknown): BookingFacts {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const guest = (typeof raw.guest === 'object' && raw.guest !== null ? raw.guest : {}) as Record<
    string,
    unknown
  >;
  const shape = BookingInputSchema.shape;
  const part = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const facts: BookingFacts = {};
  const assign = <K extends keyof BookingFacts>(key: K, value: BookingFacts[K] | undefined) => {
    if (value !== undefined) facts[key] = value;
  };
  assign('schedule', part(shape.schedule, raw.schedule));
  assign('boatId', part(shape.boatId, raw.boatId));
  assign('partySize', part(GuestSchema.shape.partySize, guest.partySize));
  assign('domain', part(shape.domain, raw.domain));
  assign('priceCents', part(shape.priceCents, raw.priceCents));
  assign('depositCents', part(shape.depositCents, raw.depositCents));
  assign('crew', part(shape.crew, raw.crew));
  return facts;
}

function bookingRuleErrors(facts: BookingFacts, context: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  if (facts.schedule) {
    const { startsAt, minutes } = scheduleInstants(facts.schedule);
    if (minutes <= 0) add('schedule.endTime', 'End time must be after the start time.');
    const startUnchanged = context.existing?.startsAt === startsAt;
    if (!startUnchanged && Date.parse(startsAt) <= context.now.getTime()) {
      add('schedule.date', 'That date and time has already passed. Pick a time in the future.');
    }
  }

  if (facts.boatId !== undefined) {
    const boat = context.boats.find((b) => b.id === facts.boatId);
    if (!boat) add('boatId', 'Pick one of the boats in the list.');
    else if (facts.partySize !== undefined && facts.partySize > boat.capacity) {
      add(
        'guest.partySize',
        `${boat.name} takes at most ${boat.capacity} guests; this party is ${facts.partySize}.`,
      );
    }
  }

  if (facts.domain !== undefined && !context.domains.includes(facts.domain)) {
    add('domain', `Unknown brand domain. Use one of: ${context.domains.join(', ')}.`);
  }

  if (
    facts.depositCents !== undefined &&
    facts.priceCents !== undefined &&
    facts.depositCents > facts.priceCents
  )
    add('depositCents', 'The deposit cannot be more than the charter price.');

  if (facts.crew) {
    const captains = facts.crew.filter((a) => a.role === 'captain');
    if (captains.length === 0) add('crew.captain', 'Assign a captain.');
    if (captains.length > 1) add('crew.captain', 'Assign exactly one captain.');

    const ids = facts.crew.map((a) => a.crewId);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) {
      const names = [...new Set(twice)].map((id) => facts.crew?.find((a) => a.crewId === id)?.name ?? id);
      add('crew', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} assigned more than once.`);
    }
  }
  return errors;
}

function onePerField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.field)) return false;
    seen.add(e.field);
    return true;
  });
}
