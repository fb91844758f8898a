/** `/charter list`: the upcoming charters, soonest first, as an ephemeral answer (one query). */
import { opsView } from '../../../domain';
import { renderCharterList } from '../../blocks/charter-list';
import type { Subcommand } from './subcommand';

export const LIST_LIMIT = 20;

export const listChartersCommand: Subcommand = async ({ ack }, _rest, deps) => {
  const bookings = await deps.store.listUpcoming({ from: deps.now(), limit: LIST_LIMIT });
  await ack({
    response_type: 'ephemeral',
    ...renderCharterList(bookings.map((b) => ({ view: opsView(b) }))),
  });
};
