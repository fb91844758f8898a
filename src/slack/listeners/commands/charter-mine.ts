/**
 * `/charter mine`: the asker's own upcoming assignments (crewView only), each with their answer and
 * Confirm / Decline, privately. For anyone on the roster (the authorization table); an operator who is not
 * on the roster is told so.
 */
import { accessOf } from '../../auth';
import { renderNotice } from '../../blocks/notice';
import { mineMessage } from '../../mine-message';
import type { Subcommand } from './subcommand';

export const charterMineCommand: Subcommand = async ({ ack, context }, _rest, deps) => {
  const { member } = accessOf(context);
  if (!member) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice('You are not on the crew roster, so there is nothing assigned to you.'),
    });
    return;
  }
  await ack({ response_type: 'ephemeral', ...(await mineMessage(deps, member)) });
};
