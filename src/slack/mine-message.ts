/**
 * The `/charter mine` message of one roster member: their upcoming assignments (crewView only) with their
 * answers, and their own pay this month. Built for the command, and again when they answer from it, to
 * redraw it in place (an ephemeral message is replaced through its response_url). Never anyone else's data.
 */
import { crewView, DEFAULT_TIME_ZONE } from '../domain';
import { bookingsForPeriod, localDay, parsePeriod, type YourPay, yourPay } from '../reports';
import { renderMine } from './blocks/crew-assignment';
import type { SlackMessage } from './blocks/primitives';
import { upcomingAssignments } from './crew-assignments';
import type { SlackDeps } from './deps';

/**
 * "Your pay this period" (this month, in the business's zone): only the charters this person is on, each
 * through crewView for them, summed by yourPay (which refuses anyone else's view).
 */
async function payThisMonth(deps: Pick<SlackDeps, 'store' | 'now'>, crewId: string): Promise<YourPay> {
  const period = parsePeriod([], localDay(deps.now(), DEFAULT_TIME_ZONE));
  const { bookings } = await bookingsForPeriod(deps.store, period);
  const views = bookings
    .filter((b) => b.crew.some((a) => a.crewId === crewId))
    .map((b) => crewView(b, crewId));
  return yourPay(views, crewId, period);
}

/** An answer just given from the message itself: that charter shows it where its buttons were. */
export interface JustAnswered {
  bookingId: string;
  at: Date;
}

export async function mineMessage(
  deps: Pick<SlackDeps, 'store' | 'now'>,
  member: { id: string; name: string },
  answered?: JustAnswered,
): Promise<SlackMessage> {
  const [assignments, pay] = await Promise.all([
    upcomingAssignments(deps, member.id),
    payThisMonth(deps, member.id),
  ]);
  const items = assignments.map((item) =>
    answered && item.view.bookingId === answered.bookingId ? { ...item, answeredAt: answered.at } : item,
  );
  return renderMine(items, member.name, pay);
}
