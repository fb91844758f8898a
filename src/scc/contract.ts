/**
 * SCC's wire contract: every body the pipeline, the crew lifecycle and other callers send to ShipCaptainCrew,
 * and every body SCC answers with. SCC parses what it receives with these schemas (src/scc/routes/); the
 * clients in src/clients/ name these types (type-only, erased at run time: the dependency rule
 * clients-speak-listed-contracts lists this file and no other of src/scc/). Nothing else defines these shapes.
 *
 * Every request object rejects keys it does not know, so a price, cost or internal note can never ride along
 * (the business's earlier system leaked revenue through event notes). An event's `notes` are crew-safe notes
 * only: the booking's guest notes.
 *
 *   POST /events, PUT /events/{id}       SccEventInputSchema              → SccEventDetails (201 created, 200)
 *   GET /events/{id}, DELETE …           —                                → SccEventDetails
 *   POST /events/{id}/reminders          ReminderRequestSchema            → FollowUpOutcome (202 while busy)
 *   POST /events/{id}/roster             RosterRequestSchema              → { outcomes: FollowUpOutcome[] }
 *   POST /guest-mail/{bookingId}         GuestMailRequestSchema           → GuestMailOutcome (202 while busy)
 *   GET /crew-feeds/{crewId}, POST …/revoke                               → SccCrewFeed
 *   errors                               { error, message, fields? } (src/http, errorToHttp)
 */
import { z } from 'zod';
import {
  type Confirmation,
  EmailSchema,
  GUEST_MAIL_KINDS,
  type GuestMailKind,
  isValidTimeZone,
  PhoneSchema,
  ROLES,
  scheduleInstants,
} from '../domain';

// ---- Events: POST /events, PUT /events/{id} ----

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

// ---- Event replies: every write and GET /events/{id} ----

/** The kinds of email SCC sends a crew member. */
export type CrewEmailKind =
  | 'invite'
  | 'update'
  | 'removed'
  | 'cancelled'
  | 'reminder'
  | 'roster'
  /** The person's current link again, asked for from a replaced link's page (fresh-link.ts). */
  | 'fresh-link';

/** Where one email stands (as SCC records it). */
export type EmailState = 'pending' | 'sent' | 'rejected' | 'failed';

export type DeliveryState = EmailState | 'in-progress' | 'none';

/**
 * One person's email owed by a write. "in-progress": another request is sending it (its sender may have
 * crashed; SCC frees the claim after a while), so the caller asks again; "rejected": SES refused the address.
 */
export interface DeliveryOutcome {
  crewId: string;
  version: number;
  kind: CrewEmailKind | 'none';
  state: DeliveryState;
  /** Set on a permanent rejection or a failure, a sentence for the ops thread. */
  problem?: string;
}

export interface CrewStatus {
  crewId: string;
  name: string;
  email: string;
  role: string;
  hourly_rate: number;
  active: boolean;
  linkVersion: number;
  answer: { answer: Confirmation['answer']; at: string; reason?: string; revision: number } | null;
  notification: { kind: string; state: string; sentAt?: string; attempts: number } | null;
  deliveryProblem: { email: string; reason: string; at: string } | null;
}

/** The event as SCC has it, each person's answer and email, and (after a write) the emails that write owed. */
export interface SccEventDetails extends SccEvent {
  crew: CrewStatus[];
  /** Permanent SES rejections, one per person, for the booking's thread. */
  deliveryProblems: { crewId: string; name: string; email: string; reason: string; at: string }[];
  notifications?: DeliveryOutcome[];
}

// ---- Crew follow-ups: POST /events/{id}/reminders, POST /events/{id}/roster ----

const crewIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
  error: 'crewId uses letters, digits, dashes and underscores (at most 64).',
});
/** A once-only key: the same key sends nothing twice. */
const keySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, {
  error: 'key uses letters, digits, dots, colons, dashes and underscores (at most 100).',
});

/** POST /events/{id}/reminders */
export const ReminderRequestSchema = z.strictObject({
  crewId: crewIdSchema,
  /** One reminder per key and assignment version: "auto-r3" (the timer's), "manual-<request id>". */
  key: keySchema,
  /** When the answer is due; the email says so. */
  answerBy: z.iso.datetime({ error: 'answerBy must be an ISO date-time in UTC.' }).optional(),
});
export type ReminderRequest = z.output<typeof ReminderRequestSchema>;

/** POST /events/{id}/roster */
export const RosterRequestSchema = z.strictObject({
  /** One roster per key and assignment version: the roster's scheduled time, so a moved charter gets a new one. */
  key: keySchema,
  /** Who confirmed, as the reconciler sees it; SCC sends only to those whose latest answer is a confirmation. */
  crewIds: z.array(crewIdSchema).max(30, { error: 'At most 30 crew.' }),
});
export type RosterRequest = z.output<typeof RosterRequestSchema>;

export type FollowUpState =
  | 'sent'
  | 'already-sent'
  /** Another request is sending it right now: ask again later. */
  | 'in-progress'
  | 'rejected'
  | 'failed'
  /** Not sent, and not owed: not on the event any more, or (roster) not confirmed. */
  | 'skipped';

export interface FollowUpOutcome {
  crewId: string;
  state: FollowUpState;
  /** A sentence for the ops thread when something was not sent. */
  reason?: string;
}

// ---- Guest mail: POST /guest-mail/{bookingId} ----

/** POST /guest-mail/{bookingId} */
export const GuestMailRequestSchema = z.strictObject({
  kind: z.enum(GUEST_MAIL_KINDS, {
    error: `kind is one of ${GUEST_MAIL_KINDS.join(', ')}.`,
  }),
  /** One email per (booking, kind, key): "confirmation", "change-r4", "day-before-<start>". */
  key: keySchema,
  /** A change notice: what the guest was told before (the pipeline's record), compared with the booking now. */
  told: z
    .strictObject({
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      timeZone: z.string().max(64).refine(isValidTimeZone, { error: 'timeZone must be an IANA zone.' }),
      boatName: z.string().min(1).max(120),
      meetingPoint: z.string().min(1).max(200),
    })
    .optional(),
});
export type GuestMailRequest = z.output<typeof GuestMailRequestSchema>;

export type GuestMailState =
  | 'sent'
  | 'already-sent'
  /** Another request is sending it right now: ask again later. */
  | 'in-progress'
  | 'rejected'
  | 'failed'
  /** The guest used the unsubscribe link: nothing more is sent for this booking. */
  | 'unsubscribed'
  /** An operator turned guest mail off for this booking. */
  | 'off'
  /** Not owed any more: the charter is not in the state this email is about, or nothing changed. */
  | 'skipped';

export interface GuestMailOutcome {
  kind: GuestMailKind;
  key: string;
  state: GuestMailState;
  /** A sentence for ops when something was not sent. */
  reason?: string;
}

// ---- Crew calendar feeds: GET /crew-feeds/{crewId}, POST /crew-feeds/{crewId}/revoke ----

/** A person's private calendar URL and the version that signs it (a revoke bumps it). */
export interface SccCrewFeed {
  crewId: string;
  version: number;
  url: string;
}
