/**
 * The booking modal's data, both ways: Slack's `view.state.values` → form values → a BookingInput the
 * domain validates, a Booking → form values for editing, domain field paths → the modal's block ids for
 * `response_action: errors`, and the live estimate (margin, overlapping charters). Pure: no Slack calls,
 * no store. Money is typed in dollars and becomes integer cents here, never floats.
 */
import {
  awayDuring,
  type Boat,
  type Booking,
  type BookingInput,
  type CrewAssignment,
  type CrewMember,
  crewPayCents,
  guestMailOn,
  marginCents,
  overlaps,
  paidByCaptainFee,
  parseDollarsToCents,
  type Role,
  scheduleInstants,
  type TimeOff,
} from '../domain';
import type { FieldError } from '../errors';
import { BOOKING_BLOCK, BOOKING_INPUT, GUEST_MAIL_ON } from './ids';

/** What the form holds, as typed: strings (or ids), not yet validated. */
export interface BookingFormValues {
  title?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  boatId?: string;
  domain?: string;
  partySize?: string;
  guestName?: string;
  guestEmail?: string;
  guestPhone?: string;
  meetingPoint?: string;
  captainId?: string;
  crewIds: string[];
  hostessIds: string[];
  price?: string;
  deposit?: string;
  captainFee?: string;
  portCosts?: string;
  guestNotes?: string;
  internalNotes?: string;
  /** Email the guest (confirmation, changes, the day before, photos); unset means on. */
  guestMail?: boolean;
}

/** What the modal remembers between open and submit (Slack's private_metadata, max 3000 characters). */
export interface BookingModalMetadata {
  mode: 'create' | 'edit';
  bookingId?: string;
  revision?: number;
  /** Where the command was typed, for a follow-up ephemeral message. */
  channelId?: string;
}

export function encodeMetadata(metadata: BookingModalMetadata): string {
  return JSON.stringify(metadata);
}

export function decodeMetadata(raw: string | undefined): BookingModalMetadata {
  try {
    const parsed = JSON.parse(raw || '{}') as Partial<BookingModalMetadata>;
    return {
      mode: parsed.mode === 'edit' ? 'edit' : 'create',
      ...(typeof parsed.bookingId === 'string' ? { bookingId: parsed.bookingId } : {}),
      ...(typeof parsed.revision === 'number' ? { revision: parsed.revision } : {}),
      ...(typeof parsed.channelId === 'string' ? { channelId: parsed.channelId } : {}),
    };
  } catch {
    return { mode: 'create' };
  }
}

// ── Slack state → values ───────────────────────────────────────────────────

interface StateValue {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
  selected_user?: string | null;
}

export type ViewStateValues = Record<string, Record<string, StateValue>>;

function read(values: ViewStateValues, block: string, action: string): StateValue | undefined {
  return values[block]?.[action];
}

function text(values: ViewStateValues, block: string, action: string): string | undefined {
  const v = read(values, block, action);
  const found = v?.value ?? v?.selected_date ?? v?.selected_time ?? v?.selected_option?.value ?? undefined;
  return found === null || found === undefined ? undefined : String(found);
}

function many(values: ViewStateValues, block: string, action: string): string[] {
  return (read(values, block, action)?.selected_options ?? [])
    .map((o) => o.value)
    .filter((v): v is string => typeof v === 'string');
}

export function formValuesFromState(values: ViewStateValues): BookingFormValues {
  const B = BOOKING_BLOCK;
  const I = BOOKING_INPUT;
  return {
    title: text(values, B.title, I.title),
    date: text(values, B.date, I.date),
    startTime: text(values, B.startTime, I.startTime),
    endTime: text(values, B.endTime, I.endTime),
    boatId: text(values, B.boat, I.boat),
    domain: text(values, B.domain, I.domain),
    partySize: text(values, B.partySize, I.partySize),
    guestName: text(values, B.guestName, I.guestName),
    guestEmail: text(values, B.guestEmail, I.guestEmail),
    guestPhone: text(values, B.guestPhone, I.guestPhone),
    meetingPoint: text(values, B.meetingPoint, I.meetingPoint),
    captainId: text(values, B.captain, I.captain),
    crewIds: many(values, B.crew, I.crew),
    hostessIds: many(values, B.hostesses, I.hostesses),
    price: text(values, B.price, I.price),
    deposit: text(values, B.deposit, I.deposit),
    captainFee: text(values, B.captainFee, I.captainFee),
    portCosts: text(values, B.portCosts, I.portCosts),
    guestNotes: text(values, B.guestNotes, I.guestNotes),
    internalNotes: text(values, B.internalNotes, I.internalNotes),
    ...guestMailFromState(values),
  };
}

/** The checkbox: ticked is on, unticked is off; a form without the block (an older modal) leaves it unset. */
function guestMailFromState(values: ViewStateValues): { guestMail?: boolean } {
  const state = read(values, BOOKING_BLOCK.guestMail, BOOKING_INPUT.guestMail);
  if (!state) return {};
  return { guestMail: (state.selected_options ?? []).some((o) => o.value === GUEST_MAIL_ON) };
}

// ── booking → values (edit) ────────────────────────────────────────────────

function dollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

export function formValuesFromBooking(booking: Booking): BookingFormValues {
  const ids = (role: Role) => booking.crew.filter((a) => a.role === role).map((a) => a.crewId);
  return {
    title: booking.title,
    date: booking.schedule.date,
    startTime: booking.schedule.startTime,
    endTime: booking.schedule.endTime,
    boatId: booking.boat.id,
    domain: booking.domain,
    partySize: String(booking.guest.partySize),
    guestName: booking.guest.name,
    guestEmail: booking.guest.email,
    ...(booking.guest.phone ? { guestPhone: booking.guest.phone } : {}),
    meetingPoint: booking.meetingPoint,
    ...(ids('captain')[0] ? { captainId: ids('captain')[0] } : {}),
    crewIds: ids('crew'),
    hostessIds: ids('hostess'),
    price: dollars(booking.priceCents),
    deposit: dollars(booking.depositCents),
    captainFee: dollars(booking.captainFeeCents),
    portCosts: dollars(booking.portCostsCents),
    guestNotes: booking.guestNotes,
    internalNotes: booking.internalNotes,
    guestMail: guestMailOn(booking),
  };
}

// ── values → BookingInput ──────────────────────────────────────────────────

export interface FormContext {
  roster: readonly CrewMember[];
  boats: readonly Boat[];
  /** The zone new charters are scheduled in (the brand's); an edit keeps the booking's own. */
  timeZone: string;
  /** When editing: people already on the charter keep the rate they were assigned at. */
  existing?: Pick<Booking, 'crew' | 'schedule' | 'slug' | 'guestMail'>;
}

export interface FormReading {
  /** Ready for validateBookingInput (which reports anything still wrong with it). */
  input: BookingInput;
  /** Problems only the form can see: an amount that is not a number, a person no longer on the roster. */
  errors: FieldError[];
}

const MONEY_FIELDS = [
  ['price', 'priceCents', 'Charter price'],
  ['deposit', 'depositCents', 'Deposit'],
  ['captainFee', 'captainFeeCents', 'Captain fee'],
  ['portCosts', 'portCostsCents', 'Port costs'],
] as const;

export function bookingInputFromForm(values: BookingFormValues, context: FormContext): FormReading {
  const errors: FieldError[] = [];
  const cents: Record<string, number> = {};
  for (const [formKey, inputKey, label] of MONEY_FIELDS) {
    const raw = values[formKey]?.trim() ?? '';
    if (raw === '') {
      cents[inputKey] = 0;
      continue;
    }
    const parsed = parseDollarsToCents(raw);
    if (parsed === undefined) {
      errors.push({ field: inputKey, message: `${label}: enter dollars, like 1800 or 1800.50.` });
      cents[inputKey] = 0;
    } else cents[inputKey] = parsed;
  }

  const partySize = values.partySize?.trim() ? Number(values.partySize) : Number.NaN;
  const boat = context.boats.find((b) => b.id === values.boatId);
  if (values.boatId && !boat) errors.push({ field: 'boatId', message: 'Pick one of the boats in the list.' });
  // Blank means the boat's home port. With an unknown boat there is none: a placeholder keeps the schema
  // quiet so the boat's own error is the one shown (the form error stops anything being written).
  const meetingPoint = values.meetingPoint?.trim() || boat?.homePort || (values.boatId ? '-' : '');

  const crew: CrewAssignment[] = [];
  const assign = (crewId: string | undefined, role: Role, field: string) => {
    if (!crewId) return;
    const kept = context.existing?.crew.find((a) => a.crewId === crewId);
    const member = context.roster.find((m) => m.id === crewId);
    if (!member && !kept) {
      errors.push({ field, message: 'That person is no longer on the crew roster. Pick someone else.' });
      return;
    }
    // Who answers for them in Slack is fixed when they are assigned; an edit keeps it.
    const slackUserId = kept ? kept.slackUserId : member?.slackUserId;
    crew.push({
      crewId,
      name: member?.name ?? kept!.name,
      role,
      hourlyRateCents:
        kept && kept.role === role ? kept.hourlyRateCents : (member?.defaultHourlyRateCents ?? 0),
      ...(slackUserId ? { slackUserId } : {}),
    });
  };
  assign(values.captainId, 'captain', 'crew.captain');
  for (const id of values.crewIds) assign(id, 'crew', 'crew.crew');
  for (const id of values.hostessIds) assign(id, 'hostess', 'crew.hostess');

  const phone = values.guestPhone?.trim();
  const input: BookingInput = {
    title: values.title ?? '',
    guest: {
      name: values.guestName ?? '',
      email: values.guestEmail ?? '',
      ...(phone ? { phone } : {}),
      partySize: Number.isFinite(partySize) ? partySize : Number.NaN,
    },
    schedule: {
      date: values.date ?? '',
      startTime: values.startTime ?? '',
      endTime: values.endTime ?? '',
      timeZone: context.existing?.schedule.timeZone ?? context.timeZone,
    },
    boatId: values.boatId ?? '',
    domain: values.domain ?? '',
    ...(context.existing ? { slug: context.existing.slug } : {}),
    meetingPoint,
    guestNotes: values.guestNotes ?? '',
    internalNotes: values.internalNotes ?? '',
    priceCents: cents.priceCents ?? 0,
    depositCents: cents.depositCents ?? 0,
    captainFeeCents: cents.captainFeeCents ?? 0,
    portCostsCents: cents.portCostsCents ?? 0,
    crew,
    // Unset (an older modal): keep what the booking had, on for a new one.
    guestMail: values.guestMail ?? (context.existing ? guestMailOn(context.existing) : true),
  };
  return { input, errors };
}

// ── errors → blocks ────────────────────────────────────────────────────────

const FIELD_TO_BLOCK: ReadonlyArray<[RegExp, string]> = [
  [/^title$/, BOOKING_BLOCK.title],
  [/^slug$/, BOOKING_BLOCK.title],
  [/^guest\.name$/, BOOKING_BLOCK.guestName],
  [/^guest\.email$/, BOOKING_BLOCK.guestEmail],
  [/^guest\.phone$/, BOOKING_BLOCK.guestPhone],
  [/^guest\.partySize$/, BOOKING_BLOCK.partySize],
  [/^guest$/, BOOKING_BLOCK.guestName],
  [/^schedule\.date$/, BOOKING_BLOCK.date],
  [/^schedule\.startTime$/, BOOKING_BLOCK.startTime],
  [/^schedule\.endTime$/, BOOKING_BLOCK.endTime],
  [/^schedule/, BOOKING_BLOCK.date],
  [/^boatId$/, BOOKING_BLOCK.boat],
  [/^domain$/, BOOKING_BLOCK.domain],
  [/^meetingPoint$/, BOOKING_BLOCK.meetingPoint],
  [/^guestNotes$/, BOOKING_BLOCK.guestNotes],
  [/^internalNotes$/, BOOKING_BLOCK.internalNotes],
  [/^priceCents$/, BOOKING_BLOCK.price],
  [/^depositCents$/, BOOKING_BLOCK.deposit],
  [/^captainFeeCents$/, BOOKING_BLOCK.captainFee],
  [/^portCostsCents$/, BOOKING_BLOCK.portCosts],
  [/^crew\.captain$/, BOOKING_BLOCK.captain],
  [/^crew\.hostess$/, BOOKING_BLOCK.hostesses],
  [/^crew/, BOOKING_BLOCK.crew],
];

/** Which block shows the message for a domain field path; unknown paths land on the title, never lost. */
export function blockForField(field: string): string {
  return FIELD_TO_BLOCK.find(([pattern]) => pattern.test(field))?.[1] ?? BOOKING_BLOCK.title;
}

/**
 * `response_action: errors` payload. An assignment error (`crew.2.hourlyRateCents`) goes on the block of
 * that person's role; several messages for one block are joined so none is dropped.
 */
export function fieldErrorsToBlocks(
  errors: readonly FieldError[],
  input?: Pick<BookingInput, 'crew'>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    let block = blockForField(error.field);
    const index = /^crew\.(\d+)\./.exec(error.field)?.[1];
    const role = index !== undefined ? input?.crew[Number(index)]?.role : undefined;
    if (role === 'captain') block = BOOKING_BLOCK.captain;
    if (role === 'hostess') block = BOOKING_BLOCK.hostesses;
    if (out[block]?.includes(error.message)) continue;
    out[block] = out[block] ? `${out[block]} ${error.message}` : error.message;
  }
  return out;
}

// ── estimate: margin and overlaps ──────────────────────────────────────────

export interface OverlapWarning {
  /** Who is double-booked (names), or the boat. */
  who: string[];
  boat: boolean;
  other: Pick<Booking, 'id' | 'title' | 'slug' | 'startsAt' | 'endsAt' | 'schedule'> &
    Partial<Pick<Booking, 'meetingPoint' | 'guest' | 'domain'>>;
}

/** Someone's time off during the form's times: the selects mark them, the submit asks about the chosen. */
export type AwayMark = Pick<TimeOff, 'crewId' | 'from' | 'to'>;

export interface Estimate {
  /** Undefined until date and times are filled in (pay depends on the duration). */
  marginCents?: number;
  /** Hourly pay of everyone not paid by the captain fee (the domain's crewPayCents). */
  crewPayCents?: number;
  captainFeeCents?: number;
  /** True when the chosen captain's pay is the captain fee (their hourly rate is not added). */
  captainPaidByFee?: boolean;
  overlapping: OverlapWarning[];
  /** Everyone on the roster who is away during the form's times (not only the chosen). */
  away?: AwayMark[];
}

/**
 * The margin, clashes and time off for what is in the form now. `others` are charters around the same time,
 * `timeOff` entries around that day (anyone's; only dates and crew ids are used, never the notes).
 */
export function estimateBooking(
  input: BookingInput,
  others: readonly Booking[],
  excludeBookingId?: string,
  timeOff: readonly AwayMark[] = [],
): Estimate {
  let startsAt: string;
  let endsAt: string;
  try {
    if (!input.schedule.date || !input.schedule.startTime || !input.schedule.endTime)
      return { overlapping: [] };
    ({ startsAt, endsAt } = scheduleInstants({
      ...input.schedule,
      timeZone: input.schedule.timeZone ?? 'America/Los_Angeles',
    }));
  } catch {
    return { overlapping: [] };
  }
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { overlapping: [] };
  const shape = {
    crew: input.crew,
    startsAt,
    endsAt,
    priceCents: input.priceCents,
    captainFeeCents: input.captainFeeCents,
    portCostsCents: input.portCostsCents,
  };
  const margin = marginCents(shape);
  const crewPay = crewPayCents(shape);
  const ids = new Set(input.crew.map((a) => a.crewId));
  const overlapping: OverlapWarning[] = [];
  for (const other of others) {
    if (other.id === excludeBookingId || other.status === 'cancelled') continue;
    if (!overlaps({ startsAt, endsAt }, other)) continue;
    const who = other.crew.filter((a) => ids.has(a.crewId)).map((a) => a.name);
    const boat = other.boat.id === input.boatId;
    if (who.length > 0 || boat) overlapping.push({ who, boat, other });
  }
  const away = [...awayDuring(timeOff, { startsAt, endsAt }).values()].map(({ crewId, from, to }) => ({
    crewId,
    from,
    to,
  }));
  const captain = input.crew.find((a) => a.role === 'captain');
  return {
    marginCents: margin,
    crewPayCents: crewPay,
    captainFeeCents: input.captainFeeCents,
    captainPaidByFee: captain !== undefined && paidByCaptainFee(shape, captain),
    overlapping,
    away,
  };
}
