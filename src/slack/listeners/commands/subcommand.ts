/**
 * What a `/charter` subcommand is, which ones exist, and how a command text names one. The dispatcher
 * (charter.ts) and the authorization middleware read the names from here; each subcommand module takes its
 * type from here. It imports no subcommand and no listener, so nothing here can close a cycle.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type Subcommand = (args: CommandArgs, rest: string[], deps: SlackDeps) => Promise<void>;

/** Every subcommand name (charter.ts must have a handler for each; the authorization table a rule). */
export const SUBCOMMAND_NAMES = [
  'new',
  'edit',
  'list',
  'status',
  'history',
  'cancel',
  'crew',
  'mine',
  'away',
  'report',
  'payroll',
  'audit',
  'help',
] as const;
export type SubcommandName = (typeof SUBCOMMAND_NAMES)[number];

const ALIASES: Readonly<Record<string, SubcommandName>> = {
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

/** The subcommand a word names, aliases resolved, case ignored; undefined when it names none. */
export function subcommandNamed(word: string): SubcommandName | undefined {
  const lower = word.toLowerCase();
  const name = Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : lower;
  return (SUBCOMMAND_NAMES as readonly string[]).includes(name ?? '') ? (name as SubcommandName) : undefined;
}

/** The subcommand a command text runs, aliases resolved; anything unknown is answered by `help`. */
export function subcommandOf(text: string | undefined): SubcommandName {
  return subcommandNamed(splitCommandText(text)[0] ?? '') ?? 'help';
}
