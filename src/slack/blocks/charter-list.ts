/** `/charter list` (ephemeral) and the App Home: upcoming charters at a glance. Ops-only (OpsView). */
import type { HomeView, KnownBlock } from '@slack/types';
import type { OpsView } from '../../domain';
import { ACTION, COMMAND } from '../ids';
import { charterLabel, charterWhenShort, STATUS_LABEL } from './format';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  header,
  message,
  type SlackMessage,
  section,
} from './primitives';
import { type CrewBoardEntry, crewBoardSummary } from './status-thread';

export interface CharterRow {
  view: OpsView;
  /** Present where answers were read (App Home); the list leaves it out to stay one query. */
  crewBoard?: readonly CrewBoardEntry[];
}

function rowText(row: CharterRow): string {
  const { view } = row;
  const crew = row.crewBoard ? ` · crew ${crewBoardSummary(row.crewBoard)}` : '';
  return `${charterLabel(view)}\n${charterWhenShort(view)} · ${escapeMrkdwn(view.boat.name)} · ${escapeMrkdwn(view.guest.name)} (${view.guest.partySize})\n${STATUS_LABEL[view.status]}${crew}`;
}

export function renderCharterList(rows: readonly CharterRow[]): SlackMessage {
  if (rows.length === 0) {
    const text = `No upcoming charters. Book one with \`${COMMAND} new\`.`;
    return message(text, [section(text)]);
  }
  const blocks: KnownBlock[] = [section(`*Upcoming charters* (${rows.length})`)];
  for (const row of rows) blocks.push(section(rowText(row)));
  blocks.push(
    context([`\`${COMMAND} status <slug>\` for the details · \`${COMMAND} edit <slug>\` to change one`]),
  );
  return message(`Upcoming charters: ${rows.map((r) => r.view.slug).join(', ')}`, blocks);
}

export function renderAppHome(rows: readonly CharterRow[], now: Date): HomeView {
  const blocks: KnownBlock[] = [
    header('Next charters'),
    actions([button('New charter', ACTION.newCharter, 'new', { style: 'primary' })]),
    divider(),
  ];
  if (rows.length === 0)
    blocks.push(section(`Nothing booked yet. Press *New charter* or type \`${COMMAND} new\`.`));
  // A Home tab holds 100 blocks: the rows that fit, then how many more (and the footer) in the last two.
  const fit = rows.length + blocks.length + 1 <= 100 ? rows.length : 100 - blocks.length - 2;
  for (const row of rows.slice(0, fit)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: rowText(row) },
      accessory: button('Edit', ACTION.editCharter, row.view.id),
    });
  }
  if (fit < rows.length) blocks.push(context([`_…and ${rows.length - fit} more._`]));
  blocks.push(
    context([
      `Updated <!date^${Math.floor(now.getTime() / 1000)}^{date_short_pretty} {time}|${now.toISOString()}> · \`${COMMAND} help\` for every command`,
    ]),
  );
  return { type: 'home', blocks };
}
