/**
 * The SCC event: what the pipeline posts for a booking, checked strictly. Every object rejects keys it does
 * not know, so a price, cost or internal note can never ride along (the business's earlier system leaked
 * revenue through event notes). `notes` are crew-safe notes only: the booking's guest notes.
 */
import { z } from 'zod';
import { EmailSchema, isValidTimeZone, PhoneSchema, ROLES, type Role, scheduleInstants } from '../domain';

const unknownKeys = (where: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `Unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${issue.keys?.join(', ')} in ${where}: SCC events carry no prices, costs or other extra fields.`
      : undefined,
});

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

/** Ids end up in URLs, table keys and S3 prefixes: letters, digits, dash and underscore only. */
const idPattern = (label: string) =>
  z.string({ error: `${label} is required.` }).regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    error: `${label} uses letters, digits, dashes and underscores (at most 64).`,
  });

export const SccCrewAssignmentSchema = z
  .strictObject(
    {
      crewId: idPattern('crewId'),
      name: text('Crew name', 120),
      email: EmailSchema,
      role: z.enum(ROLES, { error: 'Role must be captain, crew or hostess.' }),
      /** Cents per hour: the person's own rate, shown only to them. */
      hourly_rate: z
        .number({ error: 'hourly_rate must be a number of cents.' })
        .int({ error: 'hourly_rate must be a whole number of cents.' })
        .nonnegative({ error: 'hourly_rate cannot be negative.' })
        .max(1_000_000, { error: 'hourly_rate is implausibly large.' }),
      /**
       * The roster's phone, sent for the captain only: the crew of this charter see it on their page (through
       * crewView) to reach the captain on the day. Never on a guest surface.
       */
      phone: PhoneSchema.optional(),
      /**
       * Cents: the booking's captain fee, sent on the captain's assignment only when the booking has one. It is
       * that captain's pay for the charter (instead of hours × rate, issue #18 item 6) and, like the rate, is
       * shown only to them (crewView shows each person their own pay).
       */
      captain_fee: z
        .number({ error: 'captain_fee must be a number of cents.' })
        .int({ error: 'captain_fee must be a whole number of cents.' })
        .positive({ error: 'captain_fee is sent only when there is a fee.' })
        .max(100_000_000, { error: 'captain_fee is implausibly large.' })
        .optional(),
    },
    unknownKeys('a crew assignment'),
  )
  .refine((a) => a.captain_fee === undefined || a.role === 'captain', {
    path: ['captain_fee'],
    error: 'captain_fee goes on the captain’s assignment only.',
  });
export type SccCrewAssignment = z.output<typeof SccCrewAssignmentSchema>;

export const SccScheduleSchema = z.strictObject(
  {
    date: z.iso.date({ error: 'schedule.date must be a calendar date (YYYY-MM-DD).' }),
    startTime: z.iso.time({ precision: -1, error: 'schedule.startTime must be HH:MM.' }),
    endTime: z.iso.time({ precision: -1, error: 'schedule.endTime must be HH:MM.' }),
    timeZone: z.string().refine(isValidTimeZone, {
      error: 'schedule.timeZone must be an IANA zone such as America/Los_Angeles.',
    }),
    startsAt: z.iso.datetime({ error: 'schedule.startsAt must be an ISO date-time in UTC.' }),
    endsAt: z.iso.datetime({ error: 'schedule.endsAt must be an ISO date-time in UTC.' }),
  },
  unknownKeys('schedule'),
);

export const SccEventInputSchema = z
  .strictObject(
    {
      bookingId: idPattern('bookingId'),
      revision: z
        .number({ error: 'revision is required.' })
        .int()
        .positive({ error: 'revision must be 1 or more.' }),
      title: text('Title', 80),
      schedule: SccScheduleSchema,
      boat: z.strictObject({ id: text('Boat id', 64), name: text('Boat name', 120) }, unknownKeys('boat')),
      meetingPoint: text('Meeting point', 200),
      domain: text('Brand domain', 253),
      /** Crew-safe notes: the booking's guest notes, never its internal notes. */
      notes: z.string().trim().max(2000, { error: 'Notes must be at most 2000 characters.' }).default(''),
      crew_assignments: z
        .array(SccCrewAssignmentSchema)
        .max(30, { error: 'At most 30 crew can be assigned.' }),
      /** Optional extras the crew page shows when given: party size and the guest page's slug. */
      partySize: z.number().int().min(0).max(500).optional(),
      slug: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .max(80)
        .optional(),
    },
    unknownKeys('the event'),
  )
  .superRefine((event, ctx) => {
    const ids = event.crew_assignments.map((a) => a.crewId);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['crew_assignments', i, 'crewId'],
          message: `${id} is assigned twice.`,
        });
      }
    });
    const { schedule } = event;
    // Other issues (a bad zone, a malformed date) are reported by the fields themselves.
    if (ctx.value === undefined || !isValidTimeZone(schedule.timeZone) || ctx.issues.length > 0) return;
    const expected = scheduleInstants({ ...schedule });
    if (expected.minutes <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'endTime'],
        message: 'End time must be after the start time.',
      });
    } else if (
      Date.parse(schedule.startsAt) !== Date.parse(expected.startsAt) ||
      Date.parse(schedule.endsAt) !== Date.parse(expected.endsAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'startsAt'],
        message: `schedule.startsAt/endsAt do not match ${schedule.date} ${schedule.startTime}–${schedule.endTime} in ${schedule.timeZone}.`,
      });
    }
  });
export type SccEventInput = z.output<typeof SccEventInputSchema>;

export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const;
export type SccEventStatus = (typeof EVENT_STATUSES)[number];

/** The stored event: the input as last received plus what SCC itself keeps. Its id is the booking id. */
export interface SccEvent extends SccEventInput {
  id: string;
  status: SccEventStatus;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  cancelReason?: string;
}

/** What a crew member is owed for their current assignment version. */
export type NoticeKind = 'invite' | 'update' | 'removed' | 'cancelled' | 'none';

/**
 * One person's place on an event, kept even after removal: `version` signs their links (bumping it revokes
 * every older link) and each version owes at most one email, of kind `notice`.
 */
export interface SccAssignmentState {
  crewId: string;
  version: number;
  active: boolean;
  notice: NoticeKind;
  /** Sentences for an update email ("The start time moved to …"). */
  changes: string[];
  /** Snapshot for emailing someone no longer on the event. */
  assignment: SccCrewAssignment;
}

export function roleLabel(role: Role): string {
  return { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' }[role];
}
