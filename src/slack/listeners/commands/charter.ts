/**
 * `/charter <subcommand>`: parses the text and hands over to one subcommand handler. Unknown subcommands
 * get the help, ephemerally. Every answer is acknowledged within Slack's 3 seconds; nothing downstream
 * (SCC, dashboard, S3, SES, CloudFront) is ever called from here.
 */
import { renderHelp } from '../../blocks/help';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { closestWord } from '../../did-you-mean';
import { logListenerError, userMessageFor } from '../../errors';
import { COMMAND } from '../../ids';
import { auditCommand } from './charter-audit';
import { awayCommand } from './charter-away';
import { cancelCharterCommand } from './charter-cancel';
import { crewCommand } from './charter-crew';
import { charterHistoryCommand } from './charter-history';
import { listChartersCommand } from './charter-list';
import { charterMineCommand } from './charter-mine';
import { editCharterCommand, newCharterCommand } from './charter-new';
import { payrollCommand, reportCommand } from './charter-report';
import { charterStatusCommand } from './charter-status';
import {
  type CommandArgs,
  SUBCOMMAND_NAMES,
  type Subcommand,
  type SubcommandName,
  splitCommandText,
  subcommandNamed,
} from './subcommand';

/** The handler of each subcommand (the names, aliases and parsing live in subcommand.ts). */
const SUBCOMMANDS: Readonly<Record<SubcommandName, Subcommand>> = {
  new: newCharterCommand,
  edit: editCharterCommand,
  list: listChartersCommand,
  status: charterStatusCommand,
  history: charterHistoryCommand,
  cancel: cancelCharterCommand,
  crew: crewCommand,
  mine: charterMineCommand,
  away: awayCommand,
  report: reportCommand,
  payroll: payrollCommand,
  audit: auditCommand,
  help: async ({ ack }) => {
    await ack({ response_type: 'ephemeral', ...renderHelp() });
  },
};

export function charterCommand(deps: SlackDeps) {
  return async (args: CommandArgs): Promise<void> => {
    const [first = '', ...rest] = splitCommandText(args.command.text);
    const name = subcommandNamed(first);
    const subcommand = name ? SUBCOMMANDS[name] : undefined;
    let acked = false;
    const ack: CommandArgs['ack'] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      if (!subcommand) {
        const guess = closestWord(first, SUBCOMMAND_NAMES);
        if (guess) {
          const again = [guess, ...rest].join(' ');
          await ack({
            response_type: 'ephemeral',
            ...renderNotice(
              `:thinking_face: I don't know \`${escapeMrkdwn(first.slice(0, 60))}\`. Did you mean \`${COMMAND} ${escapeMrkdwn(again.slice(0, 120))}\`?`,
              `\`${COMMAND} help\` lists everything it can do.`,
            ),
          });
          return;
        }
        await ack({ response_type: 'ephemeral', ...renderHelp(first) });
        return;
      }
      await subcommand({ ...args, ack }, rest, deps);
    } catch (error) {
      logListenerError(deps.logger, error, `command ${name ?? first.toLowerCase()}`);
      const text = userMessageFor(error);
      if (!acked) await ack({ response_type: 'ephemeral', text });
      else await args.respond({ response_type: 'ephemeral', text }).catch(() => undefined);
    }
  };
}
