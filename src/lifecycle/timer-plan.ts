/**
 * The timers a booking should have right now, computed from the booking, its history and the crew's
 * answers: per person still to answer a reminder and an answer deadline, the day-before roster, and the
 * post-charter prompt. Pure and total: the reconciler schedules what is planned, and a firing timer asks
 * the same function whether it is still wanted (so a stale or duplicated firing does nothing wrong).
 */
import {
  answerDeadline,
  type Booking,
  type Confirmation,
  countingAnswers,
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  guestMailOn,
  type HistoryEntry,
  lastAskedByCrew,
  reminderTime,
  rosterEmailTime,
} from '../domain';
import { type Timer, type TimerKind, timerName } from '../scheduler';

export interface PlannedTimer extends Timer {
  /** For reminders and deadlines: the revision the person was last asked at (their deadline counts from it). */
  askedRevision?: number;
  /** For reminders: when the answer is due. */
  deadline?: Date;
}

export interface PlanInput {
  booking: Booking;
  history: readonly HistoryEntry[];
  confirmations: readonly Confirmation[];
  policy?: DeadlinePolicy;
  /**
   * People whose invitation bounced or was reported as spam (domain: unreachableCrew): their deadline is now,
   * and the lifecycle step escalates it at once, so they get no reminder and no deadline timer.
   */
  unreachable?: { has(crewId: string): boolean };
}

export function planTimers(input: PlanInput): PlannedTimer[] {
  const { booking } = input;
  if (booking.status === 'cancelled' || booking.status === 'completed') return [];
  const policy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  const startsAt = new Date(booking.startsAt);
  const answered = countingAnswers(booking, input.confirmations, input.history);
  const asked = lastAskedByCrew(booking, input.history);
  const timer = (kind: TimerKind, at: Date, crewId?: string): PlannedTimer => {
    const payload = {
      kind,
      bookingId: booking.id,
      revision: booking.revision,
      ...(crewId ? { crewId } : {}),
    };
    return { name: timerName(payload), at, payload };
  };

  const timers: PlannedTimer[] = [];
  for (const assignment of booking.crew) {
    if (answered.has(assignment.crewId) || input.unreachable?.has(assignment.crewId)) continue;
    const since = asked.get(assignment.crewId);
    if (!since) continue;
    const deadline = answerDeadline(new Date(since.at), startsAt, policy);
    timers.push({
      ...timer('reminder', reminderTime(new Date(since.at), deadline), assignment.crewId),
      askedRevision: since.revision,
      deadline,
    });
    timers.push({ ...timer('deadline', deadline, assignment.crewId), askedRevision: since.revision });
  }
  timers.push(timer('roster', rosterEmailTime(booking, policy)));
  // The guest's day-before email goes out with the crew's roster (the guest may have opted out: SCC checks).
  if (guestMailOn(booking)) timers.push(timer('guest-day-before', rosterEmailTime(booking, policy)));
  timers.push(timer('post-charter', new Date(booking.endsAt)));
  return timers;
}

/** Every name a timer of this booking could have had, for people on it now or before (to clean up). */
export function timerNamesFor(bookingId: string, crewIds: Iterable<string>): string[] {
  const names = [
    timerName({ kind: 'roster', bookingId }),
    timerName({ kind: 'post-charter', bookingId }),
    timerName({ kind: 'guest-day-before', bookingId }),
  ];
  for (const crewId of crewIds) {
    names.push(timerName({ kind: 'reminder', bookingId, crewId }));
    names.push(timerName({ kind: 'deadline', bookingId, crewId }));
  }
  return names;
}
