/**
 * `/charter mine`: the asker's own upcoming assignments (crewView only), each with their answer and
 * Confirm / Decline, privately. For anyone on the roster (the authorization table); an operator who is not
 * on the roster is told so.
 */
import { accessOf } from '../../auth';
import { renderMine } from '../../blocks/crew-assignment';
import { renderNotice } from '../../blocks/notice';
import { upcomingAssignments } from '../../crew-assignments';
import type { Subcommand } from './charter';

export const charterMineCommand: Subcommand = async ({ ack, context }, _rest, deps) => {
  const { member } = accessOf(context);
  if (!member) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice('You are not on the crew roster, so there is nothing assigned to you.'),
    });
    return;
  }
  const assignments = await upcomingAssignments(deps, member.id);
  await ack({ response_type: 'ephemeral', ...renderMine(assignments, member.name) });
};
