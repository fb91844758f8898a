/**
 * `/charter history <slug>`: every change to a charter (who, when, which fields, from → to) and every crew
 * answer, oldest first, ephemerally. Ops-only: history lines may name prices.
 */
import { opsView } from '../../../domain';
import { renderHistory } from '../../blocks/follow-up-messages';
import { COMMAND } from '../../ids';
import { charterFromArgument } from './charter-argument';
import type { Subcommand } from './subcommand';

export const charterHistoryCommand: Subcommand = async ({ ack }, rest, deps) => {
  const found = await charterFromArgument(ack, rest[0], deps, `\`${COMMAND} history <slug>\``);
  if (!found) return;
  const { booking } = found;
  const [history, answers] = await Promise.all([
    deps.store.listHistory(booking.id),
    deps.store.listAnswers(booking.id),
  ]);
  await ack({ response_type: 'ephemeral', ...renderHistory(opsView(booking), history, answers) });
};
