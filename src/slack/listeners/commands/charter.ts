/**
 * `/charter <subcommand>`: parses the text and hands over to one subcommand handler. Unknown subcommands
 * get the help, ephemerally. Every answer is acknowledged within Slack's 3 seconds; nothing downstream
 * (SCC, dashboard, S3, SES, CloudFront) is ever called from here.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
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

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type Subcommand = (args: CommandArgs, rest: string[], deps: SlackDeps) => Promise<void>;

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
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

const ALIASES: Readonly<Record<string, string>> = {
  create: 'new',
  book: 'new',
  ls: 'list',
  show: 'status',
  log: 'history',
  changes: 'history',
  me: 'mine',
  schedule: 'mine',
  '': 'help',
};

export function splitCommandText(text: string | undefined): string[] {
  return (text ?? '').trim().split(/\s+/).filter(Boolean);
}

/** The subcommand a command text runs, aliases resolved; anything unknown is answered by `help`. */
export function subcommandOf(text: string | undefined): string {
  const first = (splitCommandText(text)[0] ?? '').toLowerCase();
  const name = ALIASES[first] ?? first;
  return Object.hasOwn(SUBCOMMANDS, name) ? name : 'help';
}

/** Every subcommand name (the authorization table must have a rule for each). */
export const SUBCOMMAND_NAMES: readonly string[] = Object.keys(SUBCOMMANDS);

export function charterCommand(deps: SlackDeps) {
  return async (args: CommandArgs): Promise<void> => {
    const [first = '', ...rest] = splitCommandText(args.command.text);
    const name = ALIASES[first.toLowerCase()] ?? first.toLowerCase();
    const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
    let acked = false;
    const ack: CommandArgs['ack'] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      if (!subcommand) {
        const guess = closestWord(first, Object.keys(SUBCOMMANDS));
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
      logListenerError(deps.logger, error, `command ${name}`);
      const text = userMessageFor(error);
      if (!acked) await ack({ response_type: 'ephemeral', text });
      else await args.respond({ response_type: 'ephemeral', text }).catch(() => undefined);
    }
  };
}
