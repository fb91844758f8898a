/**
 * The dashboard's calendar entry: what JADA's internal calendar shows about a charter and how far each
 * pipeline step has got. It carries no money: the schema is strict, so a price, rate or cost sent by mistake
 * is refused with a 400 instead of being stored. Pipelines build entries from guestView (see
 * calendarEntryFromGuestView), never from a raw booking.
 */
import { z } from 'zod';
import { type GuestView, isValidTimeZone, ROLES } from '../domain';

export const CALENDAR_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export const PROGRESS_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
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

export const CalendarEntryInputSchema = z
  .strictObject(
    {
      title: text('Title', 120).min(1, { error: 'Title is required.' }),
      start: instant('start'),
      end: instant('end'),
      timeZone: z
        .string()
        .default('America/Los_Angeles')
        .refine(isValidTimeZone, { error: 'timeZone must be an IANA zone such as America/Los_Angeles.' }),
      status: z
        .enum(CALENDAR_STATUSES, { error: `status must be one of ${CALENDAR_STATUSES.join(', ')}.` })
        .default('pending'),
      location: text('Location', 200).default(''),
      description: text('Description', 2000).default(''),
      bookingId: z.string().regex(ENTRY_ID, { error: 'bookingId must be a booking id.' }).optional(),
      domain: text('Domain', 253).optional(),
      boatName: text('Boat name', 120).optional(),
      partySize: z.number().int().min(1).max(500, { error: 'partySize must be 1 to 500.' }).optional(),
      crew: z.array(CalendarCrewSchema).max(30, { error: 'At most 30 crew.' }).default([]),
      url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL.' }).optional(),
      /** The booking revision this entry reflects; an older revision never overwrites a newer one. */
      revision: z.number().int().positive().optional(),
    },
    noExtraFields,
  )
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), {
    error: 'end must be after start.',
    path: ['end'],
  })
  .refine((e) => Date.parse(e.end) - Date.parse(e.start) <= MAX_ENTRY_DAYS * DAY_MS, {
    error: `An entry can last at most ${MAX_ENTRY_DAYS} days.`,
    path: ['end'],
  });

export type CalendarEntryInput = z.input<typeof CalendarEntryInputSchema>;
export type ValidCalendarEntryInput = z.output<typeof CalendarEntryInputSchema>;

export const ProgressUpdateSchema = z.strictObject(
  {
    status: z.enum(PROGRESS_STATUSES, { error: `status must be one of ${PROGRESS_STATUSES.join(', ')}.` }),
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

export type CalendarEntry = ValidCalendarEntryInput & {
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
  const lines = [`Hosted by ${view.hostFirstName}, party of ${view.partySize}.`];
  if (view.guestNotes.trim() !== '') lines.push('', view.guestNotes.trim());
  return {
    title: `${view.title} · ${view.boatName}`,
    start: view.startsAt,
    end: view.endsAt,
    timeZone: view.timeZone,
    status: view.status,
    location: view.meetingPoint,
    description: lines.join('\n').slice(0, 2000),
    bookingId: view.bookingId,
    domain: view.domain,
    boatName: view.boatName,
    partySize: view.partySize,
    crew: view.crew.map((c) => ({ firstName: c.firstName, role: c.role })),
    ...(options.pageUrl ? { url: options.pageUrl } : {}),
    revision: view.revision,
  };
}
