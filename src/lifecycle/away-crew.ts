/**
 * Booked while away (issue #19): when someone on a live charter has time off during it, the ops thread says
 * so, once per person and entry of time off each time it becomes true — when the charter is created with
 * them on it, when an edit adds them or moves the charter into their time off (or a run finds time off they
 * entered after being booked). Not again on every run: the step's result remembers which pairs were already
 * said (`away`), and each reply's key carries the revision it became true at, so a person taken off and put
 * back on is said again, and a run repeated after a crash finds its reply by key instead of posting twice.
 *
 * The reply names the days only, never the note (src/slack/blocks/away-notice.ts).
 */

import { type TimeOffReader, timeOffAround } from '../crew';
import { awayDuring, type Booking } from '../domain';
import type { ReplyOutcome, ThreadReplies } from '../pipeline';
import { renderBookedWhileAway } from '../slack';

/** `crewId:timeOffId`: one person's one entry of time off overlapping the charter. */
export type AwayPair = string;

export interface AwayOutcome {
  outcomes: ReplyOutcome[];
  /** The pairs true now and said in the thread (by this run or an earlier one): the next run's `previous`. */
  said: AwayPair[];
}

export async function announceAway(
  deps: { timeOff: TimeOffReader; thread: Pick<ThreadReplies, 'post'> },
  booking: Booking,
  previous: ReadonlySet<AwayPair>,
): Promise<AwayOutcome> {
  const entries = await timeOffAround(deps.timeOff, booking);
  const away = awayDuring(entries, booking);
  const outcomes: ReplyOutcome[] = [];
  const said: AwayPair[] = [];
  for (const assignment of booking.crew) {
    const entry = away.get(assignment.crewId);
    if (!entry) continue;
    const pair = `${assignment.crewId}:${entry.id}`;
    if (previous.has(pair)) {
      said.push(pair);
      continue;
    }
    const outcome = await deps.thread.post(
      booking.id,
      `away:${pair}:r${booking.revision}`,
      renderBookedWhileAway({ name: assignment.name, role: assignment.role, away: entry }),
    );
    outcomes.push(outcome);
    if (outcome !== 'no-thread') said.push(pair);
  }
  return { outcomes, said: said.sort() };
}
