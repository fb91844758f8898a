/**
 * The dashboard's calendar entry: what JADA's internal calendar shows about a charter and how far each
 * pipeline step has got. It carries no money: the schema is strict, so a price, rate or cost sent by mistake
 * is refused with a 400 instead of being stored. Pipelines build entries from guestView (see
 * calendarEntryFromGuestView), never from a raw booking.
 */
import { z } from 'zod';
import { type GuestView, isValidTimeZone, ROLES } from '../domain';

export const CALENDAR_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
/** The pipeline's own step states (src/pipeline/step-records.ts), plus pending and skipped. */
export const PROGRESS_STATUSES = [
  'pending',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'skipped',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** A calendar event is at most this long; it also bounds the range query's look-back. */
export const MAX_ENTRY_DAYS = 14;
const DAY_MS = 86_400_000;

export const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const STEP_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` });

const instant = (label: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${label} must be an ISO 8601 date-time, like 2026-12-05T16:00:00-08:00.`,
    })
    .transform((value) => new Date(value).toISOString());

/** Refuses unknown fields by name, saying why: entries carry no money and nothing unexpected. */
const noExtraFields = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? `Unknown field(s): ${(issue as { keys: string[] }).keys.join(', ')}. Calendar entries carry no prices, rates or other extra fields.`
      : undefined,
};

export const CalendarCrewSchema = z.strictObject(
  {
    firstName: text('Crew first name', 80).min(1, { error: 'Crew first name is required.' }),
    role: z.enum(ROLES, { error: 'Role must be captain, crew or hostess.' }),
  },
  noExtraFields,
);

const progressStatus = z.enum(PROGRESS_STATUSES, {
  error: `A step status is one of ${PROGRESS_STATUSES.join(', ')}.`,
});

/**
 * What a client sends. Field names follow the booking and guestView (startsAt, meetingPoint, …) so the
 * pipeline can send a view's fields as they are.
 */
export const CalendarEntryInputSchema = z
  .strictObject(
    {
      title: text('Title', 120).min(1, { error: 'Title is required.' }),
      startsAt: instant('startsAt'),
      endsAt: instant('endsAt'),
      timeZone: z
        .string()
        .default('America/Los_Angeles')
        .refine(isValidTimeZone, { error: 'timeZone must be an IANA zone such as America/Los_Angeles.' }),
      /** The local wall-clock schedule as the operator typed it, for display. */
      date: z.iso.date({ error: 'date must be YYYY-MM-DD.' }).optional(),
      startTime: z.iso.time({ precision: -1, error: 'startTime must be HH:MM.' }).optional(),
      endTime: z.iso.time({ precision: -1, error: 'endTime must be HH:MM.' }).optional(),
      status: z
        .enum(CALENDAR_STATUSES, { error: `status must be one of ${CALENDAR_STATUSES.join(', ')}.` })
        .default('pending'),
      meetingPoint: text('meetingPoint', 200).default(''),
      description: text('description', 2000).default(''),
      bookingId: z.string().regex(ENTRY_ID, { error: 'bookingId must be a booking id.' }).optional(),
      domain: text('domain', 253).optional(),
      slug: text('slug', 80).optional(),
      boatName: text('boatName', 120).optional(),
      partySize: z.number().int().min(1).max(500, { error: 'partySize must be 1 to 500.' }).optional(),
      crew: z.array(CalendarCrewSchema).max(30, { error: 'At most 30 crew.' }).default([]),
      guestPageUrl: z.url({ protocol: /^https?$/, error: 'guestPageUrl must be an http(s) URL.' }).optional(),
      /** The booking revision this entry reflects; an older revision never overwrites a newer one. */
      revision: z.number().int().positive().optional(),
      /** A snapshot of every step's state; replaces the stored progress when sent, kept when omitted. */
      progress: z
        .record(
          z.string().regex(STEP_NAME, { error: 'A step name is letters, digits, - or _.' }),
          progressStatus,
        )
        .optional(),
    },
    noExtraFields,
  )
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), {
    error: 'endsAt must be after startsAt.',
    path: ['endsAt'],
  })
  .refine((e) => Date.parse(e.endsAt) - Date.parse(e.startsAt) <= MAX_ENTRY_DAYS * DAY_MS, {
    error: `An entry can last at most ${MAX_ENTRY_DAYS} days.`,
    path: ['endsAt'],
  });

export type CalendarEntryInput = z.input<typeof CalendarEntryInputSchema>;
export type ValidCalendarEntryInput = z.output<typeof CalendarEntryInputSchema>;

export const ProgressUpdateSchema = z.strictObject(
  {
    status: progressStatus,
    detail: text('detail', 500).optional(),
    at: instant('at').optional(),
  },
  noExtraFields,
);
export type ProgressUpdate = z.output<typeof ProgressUpdateSchema>;

export interface StepProgress {
  readonly status: ProgressStatus;
  readonly detail?: string;
  readonly at: string;
}

export type CalendarEntry = Omit<ValidCalendarEntryInput, 'progress'> & {
  readonly id: string;
  readonly progress: Readonly<Record<string, StepProgress>>;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/**
 * The entry for a charter, from what a guest may see and nothing more: no money, no contact details, no
 * internal notes. The pipeline PUTs it to /calendar/<bookingId>, so a retry updates instead of duplicating.
 */
export function calendarEntryFromGuestView(
  view: GuestView,
  options: { pageUrl?: string } = {},
): CalendarEntryInput {
  return {
    title: view.title,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    timeZone: view.timeZone,
    date: view.date,
    startTime: view.startTime,
    endTime: view.endTime,
    status: view.status,
    meetingPoint: view.meetingPoint,
    description: view.guestNotes.trim().slice(0, 2000),
    bookingId: view.bookingId,
    domain: view.domain,
    slug: view.slug,
    boatName: view.boatName,
    partySize: view.partySize,
    crew: view.crew.map((c) => ({ firstName: c.firstName, role: c.role })),
    ...(options.pageUrl ? { guestPageUrl: options.pageUrl } : {}),
    revision: view.revision,
  };
}
