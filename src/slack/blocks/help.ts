/** `/charter help` and the answer to an unknown subcommand. */
import { COMMAND } from '../ids';
import { context, escapeMrkdwn, header, message, type SlackMessage, section, truncate } from './primitives';

const USAGE: readonly [string, string][] = [
  ['new', 'Book a charter: opens the booking form.'],
  ['edit <slug>', 'Change a charter: the same form, filled in.'],
  ['list', 'The upcoming charters, soonest first.'],
  ['status <slug>', 'Every step and every crew answer for one charter.'],
  ['history <slug>', 'Every change to a charter: who, when, what (from → to).'],
  ['cancel <slug>', 'Cancel a charter (asks first).'],
  ['crew add', 'Add a captain, crew member or hostess to the roster.'],
  ['crew edit <id>', 'Change someone’s details, Slack account or rate.'],
  ['crew list', 'Everyone on the roster.'],
  ['crew remove <id>', 'Take someone off the roster (past charters keep their name).'],
  ['mine', 'Your own upcoming charters (if you are on the crew roster), to confirm or decline.'],
  [
    'away [2026-12-20 2026-12-27 [note] | remove 2026-12-20]',
    'Your time off (or, for operators, `away <roster id> …` for anyone): the form marks you away then.',
  ],
  [
    'report [2026-12 | 2026-12-01 2026-12-15]',
    'Operators: money by brand, boat and charter; CSV files to your DM.',
  ],
  ['payroll <2026-12 | 2026-12-01 2026-12-15>', 'Operators: pay per person for a period; CSV to your DM.'],
  [
    'audit',
    'Operators: check every upcoming charter against SCC, the calendar, the guest page and its thread, and repair what drifted (also runs nightly).',
  ],
  ['help', 'This list.'],
];

export function renderHelp(unknown?: string): SlackMessage {
  const lines = USAGE.map(([usage, what]) => `\`${COMMAND} ${usage}\` — ${what}`);
  const intro = unknown
    ? `:thinking_face: I don't know \`${escapeMrkdwn(truncate(unknown, 60))}\`. Here is what \`${COMMAND}\` can do:`
    : `Here is what \`${COMMAND}\` can do:`;
  return message(`${intro} ${USAGE.map(([u]) => u).join(', ')}`, [
    ...(unknown ? [] : [header('Charter Ops')]),
    section(intro),
    section(lines.join('\n')),
    context([
      'A slug is the charter’s page name, like `sunset-sail-smith-2026-12-05`; `/charter list` shows them.',
    ]),
  ]);
}
