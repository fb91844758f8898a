/**
 * `/charter status <slug>`: the charter's root status message (every step, the crew board) plus every answer
 * ever given, ephemerally, with the money and internal notes the channel never shows. Operators only (the
 * authorization table), from opsView.
 */
import { formatLocalTime, lastAskedByCrew, opsView } from '../../../domain';
import { ROLE_LABEL } from '../../blocks/format';
import { context, escapeMrkdwn } from '../../blocks/primitives';
import {
  buildCrewBoard,
  renderOperatorBlocks,
  renderRootMessage,
  stepsFromRecord,
} from '../../blocks/status-thread';
import { COMMAND } from '../../ids';
import { charterFromArgument } from './charter-argument';
import type { Subcommand } from './subcommand';

export const charterStatusCommand: Subcommand = async ({ ack }, rest, deps) => {
  const found = await charterFromArgument(ack, rest[0], deps, `\`${COMMAND} status <slug>\``);
  if (!found) return;
  const { booking } = found;
  const [confirmations, answers, roster, steps, changes] = await Promise.all([
    deps.store.listConfirmations(booking.id),
    deps.store.listAnswers(booking.id),
    deps.store.listCrew({ includeInactive: true }),
    deps.readSteps ? deps.readSteps(booking) : stepsFromRecord(booking),
    deps.store.listHistory(booking.id),
  ]);
  const view = opsView(booking);
  const board = buildCrewBoard(view, confirmations, roster, lastAskedByCrew(booking, changes));
  const root = renderRootMessage(view, steps, board);
  const names = new Map(booking.crew.map((a) => [a.crewId, a]));
  const history = answers.map((a) => {
    const who = names.get(a.crewId);
    const label = who ? `${ROLE_LABEL[who.role]} ${escapeMrkdwn(who.name)}` : escapeMrkdwn(a.crewId);
    const when = formatLocalTime(new Date(a.at), booking.schedule.timeZone);
    return `${a.answer === 'confirmed' ? '✅' : '❌'} ${label} ${a.answer} ${a.via === 'slack' ? 'in Slack' : 'on the crew page'} (${a.at.slice(0, 10)} ${when})`;
  });
  // The channel's root message carries no money; an operator's private answer adds it under the summary.
  const blocks = [...root.blocks];
  blocks.splice(2, 0, ...renderOperatorBlocks(view));
  if (history.length > 0) blocks.push(context([`*Every answer*\n${history.slice(-20).join('\n')}`]));
  await ack({ response_type: 'ephemeral', text: root.text, blocks });
};
