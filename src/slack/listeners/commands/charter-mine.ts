/**
 * `/charter mine`: the asker's own upcoming assignments (crewView only), each with their answer and
 * Confirm / Decline, privately. For anyone on the roster (the authorization table); an operator who is not
 * on the roster is told so.
 */
import { crewView, DEFAULT_TIME_ZONE } from '../../../domain';
import { bookingsForPeriod, localDay, parsePeriod, type YourPay, yourPay } from '../../../reports';
import { accessOf } from '../../auth';
import { renderMine } from '../../blocks/crew-assignment';
import { renderNotice } from '../../blocks/notice';
import { upcomingAssignments } from '../../crew-assignments';
import type { SlackDeps } from '../../deps';
import type { Subcommand } from './subcommand';

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

export const charterMineCommand: Subcommand = async ({ ack, context }, _rest, deps) => {
  const { member } = accessOf(context);
  if (!member) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice('You are not on the crew roster, so there is nothing assigned to you.'),
    });
    return;
  }
  const [assignments, pay] = await Promise.all([
    upcomingAssignments(deps, member.id),
    payThisMonth(deps, member.id),
  ]);
  await ack({ response_type: 'ephemeral', ...renderMine(assignments, member.name, pay) });
};
