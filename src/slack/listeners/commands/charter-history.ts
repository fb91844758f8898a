/**
 * `/charter history <slug>`: every change to a charter (who, when, which fields, from → to) and every crew
 * answer, oldest first, ephemerally. Ops-only: history lines may name prices.
 */
import { opsView } from '../../../domain';
import { renderHistory } from '../../blocks/crew-lifecycle';
import { renderNotice } from '../../blocks/notice';
import { findCharter, parseSlugArgument } from '../../charters';
import { COMMAND } from '../../ids';
import type { Subcommand } from './charter';
import { notFound } from './charter-new';

export const charterHistoryCommand: Subcommand = async ({ ack }, rest, deps) => {
  const slug = parseSlugArgument(rest[0]);
  if (!slug) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(
        `Which charter? Use \`${COMMAND} history <slug>\`.`,
        `\`${COMMAND} list\` shows the slugs.`,
      ),
    });
    return;
  }
  const booking = await findCharter(deps, slug);
  if (!booking) {
    await ack({ response_type: 'ephemeral', ...notFound(slug) });
    return;
  }
  const [history, answers] = await Promise.all([
    deps.store.listHistory(booking.id),
    deps.store.listAnswers(booking.id),
  ]);
  await ack({ response_type: 'ephemeral', ...renderHistory(opsView(booking), history, answers) });
};
