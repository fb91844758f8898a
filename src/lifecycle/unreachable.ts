/**
 * Which crew on a booking cannot be reached right now, from what SES reported (the delivery records of
 * src/mail) and the crew's asks and answers: the domain's unreachableCrew rule fed from the store. Used by
 * the lifecycle step (escalate now, no reminder) and the timer handler (a stale deadline stays quiet).
 */
import {
  type Booking,
  type Confirmation,
  countingAnswers,
  type HistoryEntry,
  lastAskedByCrew,
  type MailTrouble,
  unreachableCrew,
} from '../domain';
import type { DeliveryStore } from '../mail';

export type DeliveryReader = Pick<DeliveryStore, 'list'>;

/** The booking's mail trouble, oldest first; none without a delivery reader. */
export async function loadMailTrouble(
  deliveries: DeliveryReader | undefined,
  bookingId: string,
): Promise<MailTrouble[]> {
  if (!deliveries) return [];
  const list = await deliveries.list(bookingId);
  return list
    .map((d) => ({ crewId: d.crewId, kind: d.kind, at: d.at, problem: d.problem }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

export function unreachableOn(
  booking: Booking,
  confirmations: readonly Confirmation[],
  history: readonly HistoryEntry[],
  trouble: readonly MailTrouble[],
): Map<string, MailTrouble> {
  return unreachableCrew({
    crew: booking.crew,
    asked: lastAskedByCrew(booking, history),
    answered: countingAnswers(booking, confirmations, history),
    trouble,
  });
}
