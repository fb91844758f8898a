/**
 * The crew conversation's clock and its fallback: when each person must answer by, when they are reminded,
 * when the day-before roster goes out, and who is offered the place when someone declines. Pure rules; the
 * timers that act on them live in src/scheduler, the messages in the pipeline.
 */
import type { Booking, Role } from './booking';
import { overlaps } from './booking';
import type { Answer, CrewMember } from './crew';
import { zonedToUtc } from './time';
import { awayDuring, type TimeOff } from './time-off';

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

/** Someone who could take a place, and why they may not be the obvious pick. */
export interface RankedCandidate {
  member: CrewMember;
  /** Their usual role is the place's role. */
  sameRole: boolean;
  /** The charter they are on at an overlapping time, if any. */
  busyWith?: Pick<Booking, 'id' | 'title'>;
  /** Their time off during this charter, if any. */
  away?: Pick<TimeOff, 'from' | 'to'>;
}

export const isFree = (c: RankedCandidate): boolean => !c.busyWith && !c.away;

/**
 * Everyone who could take a place in `role` (the booking form lets anyone fill any role): active, not on
 * this charter, not someone who already declined it. Ranked: free people (not on another charter at an
 * overlapping time, not away) of that role first, then free people of other roles, then the busy or away of
 * that role, then the rest; by name within each.
 */
export function rankCandidates(input: {
  booking: Pick<Booking, 'id' | 'crew' | 'startsAt' | 'endsAt'>;
  role: Role;
  roster: readonly CrewMember[];
  otherBookings: readonly Pick<Booking, 'id' | 'title' | 'crew' | 'startsAt' | 'endsAt' | 'status'>[];
  declinedBy: ReadonlySet<string>;
  timeOff?: readonly Pick<TimeOff, 'crewId' | 'from' | 'to'>[];
}): RankedCandidate[] {
  const onThis = new Set(input.booking.crew.map((a) => a.crewId));
  const busy = new Map<string, Pick<Booking, 'id' | 'title'>>();
  for (const b of input.otherBookings) {
    if (b.id === input.booking.id || b.status === 'cancelled' || !overlaps(b, input.booking)) continue;
    for (const a of b.crew) if (!busy.has(a.crewId)) busy.set(a.crewId, { id: b.id, title: b.title });
  }
  const away = awayDuring(input.timeOff ?? [], input.booking);
  const rank = (c: RankedCandidate) => (isFree(c) ? 0 : 2) + (c.sameRole ? 0 : 1);
  return input.roster
    .filter((m) => m.active && !onThis.has(m.id) && !input.declinedBy.has(m.id))
    .map((member): RankedCandidate => {
      const busyWith = busy.get(member.id);
      const off = away.get(member.id);
      return {
        member,
        sameRole: member.defaultRole === input.role,
        ...(busyWith ? { busyWith } : {}),
        ...(off ? { away: { from: off.from, to: off.to } } : {}),
      };
    })
    .sort((a, b) => rank(a) - rank(b) || a.member.name.localeCompare(b.member.name));
}

/**
 * The next person to offer a place in `role` to, as the decline cascade proposes: the first of
 * rankCandidates who is free and usually takes that role (never someone busy, away or of another role).
 */
export function nextCandidate(input: Parameters<typeof rankCandidates>[0]): CrewMember | undefined {
  return rankCandidates(input).find((c) => c.sameRole && isFree(c))?.member;
}
