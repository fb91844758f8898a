/**
 * The crew conversation's clock and its fallback: when each person must answer by, when they are reminded,
 * when the day-before roster goes out, and who is offered the place when someone declines. Pure rules; the
 * timers that act on them live in src/scheduler, the messages in the pipeline.
 */
import type { Booking, Role } from './booking';
import { overlaps } from './booking';
import type { Answer, CrewMember } from './crew';
import { zonedToUtc } from './time';

const HOUR = 3_600_000;

export interface DeadlinePolicy {
  /** How long a person has to answer after the invite. */
  answerWithinHours: number;
  /** The answer is due no later than this long before the charter starts. */
  latestBeforeStartHours: number;
  /** Local time of day, in the charter's zone, of the day-before roster email. */
  rosterLocalTime: string;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  answerWithinHours: 48,
  latestBeforeStartHours: 24,
  rosterLocalTime: '09:00',
};

/**
 * The moment an answer is due: `answerWithinHours` after the invite, but never later than
 * `latestBeforeStartHours` before the start. A charter booked at short notice gets half the time left.
 */
export function answerDeadline(invitedAt: Date, startsAt: Date, policy = DEFAULT_DEADLINE_POLICY): Date {
  const byInvite = invitedAt.getTime() + policy.answerWithinHours * HOUR;
  const byStart = startsAt.getTime() - policy.latestBeforeStartHours * HOUR;
  const due = Math.min(byInvite, byStart);
  if (due > invitedAt.getTime()) return new Date(due);
  return new Date(invitedAt.getTime() + Math.max(0, startsAt.getTime() - invitedAt.getTime()) / 2);
}

/** One reminder, halfway between the invite and the deadline. */
export function reminderTime(invitedAt: Date, deadline: Date): Date {
  return new Date(invitedAt.getTime() + (deadline.getTime() - invitedAt.getTime()) / 2);
}

/** The day-before roster email: the configured local time on the day before the charter, in its zone. */
export function rosterEmailTime(booking: Pick<Booking, 'schedule'>, policy = DEFAULT_DEADLINE_POLICY): Date {
  const [y, m, d] = booking.schedule.date.split('-').map(Number) as [number, number, number];
  const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return zonedToUtc(dayBefore, policy.rosterLocalTime, booking.schedule.timeZone);
}

/** Who has not answered: assigned, and no answer on record. */
export function awaitingAnswer(
  booking: Pick<Booking, 'crew'>,
  answers: ReadonlyMap<string, Answer>,
): string[] {
  return booking.crew.filter((a) => !answers.has(a.crewId)).map((a) => a.crewId);
}

/**
 * The next person to offer a place in `role` to: active, of that role, not on this charter, not someone who
 * already declined it, and not on another charter at an overlapping time. Ordered by name for a stable,
 * explainable pick.
 */
export function nextCandidate(input: {
  booking: Pick<Booking, 'id' | 'crew' | 'startsAt' | 'endsAt'>;
  role: Role;
  roster: readonly CrewMember[];
  otherBookings: readonly Pick<Booking, 'id' | 'crew' | 'startsAt' | 'endsAt' | 'status'>[];
  declinedBy: ReadonlySet<string>;
}): CrewMember | undefined {
  const onThis = new Set(input.booking.crew.map((a) => a.crewId));
  const busy = new Set(
    input.otherBookings
      .filter((b) => b.id !== input.booking.id && b.status !== 'cancelled' && overlaps(b, input.booking))
      .flatMap((b) => b.crew.map((a) => a.crewId)),
  );
  return [...input.roster]
    .filter((m) => m.active && m.defaultRole === input.role)
    .filter((m) => !onThis.has(m.id) && !input.declinedBy.has(m.id) && !busy.has(m.id))
    .sort((a, b) => a.name.localeCompare(b.name))[0];
}
