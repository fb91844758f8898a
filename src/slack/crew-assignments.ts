/**
 * One roster member's upcoming assignments, as they may see them (crewView) with their answer that still
 * counts: for `/charter mine` and their App Home. Store reads only; never another person's data.
 */
import { type Booking, countingAnswers, crewView } from '../domain';
import type { Assignment } from './blocks/crew-assignment';
import type { SlackDeps } from './deps';

/** How far ahead the upcoming list reads (a member's own charters are picked out of these). */
const UPCOMING_SCAN = 100;

export async function upcomingAssignments(
  deps: Pick<SlackDeps, 'store' | 'now'>,
  crewId: string,
): Promise<Assignment[]> {
  const bookings = await deps.store.listUpcoming({ from: deps.now(), limit: UPCOMING_SCAN });
  const mine = bookings.filter(
    (b) => b.status !== 'cancelled' && b.crew.some((assignment) => assignment.crewId === crewId),
  );
  return Promise.all(mine.map((booking) => assignmentOf(deps, booking, crewId)));
}

export async function assignmentOf(
  deps: Pick<SlackDeps, 'store'>,
  booking: Booking,
  crewId: string,
): Promise<Assignment> {
  const [confirmations, history] = await Promise.all([
    deps.store.listConfirmations(booking.id),
    deps.store.listHistory(booking.id),
  ]);
  // An answer about the charter before a change of time, boat or their place no longer counts.
  const counting = countingAnswers(booking, confirmations, history).get(crewId);
  return {
    view: crewView(booking, crewId),
    answer: counting?.answer ?? 'waiting',
    ...(counting?.reason ? { reason: counting.reason } : {}),
  };
}
