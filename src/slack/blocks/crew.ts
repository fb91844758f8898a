/** The crew roster in Slack: the "add crew member" modal and `/charter crew list`. Ops-only (rates shown). */
import type { KnownBlock, ModalView } from '@slack/types';
import type { CrewMember } from '../../domain';
import { CALLBACK, COMMAND, CREW_BLOCK, CREW_INPUT } from '../ids';
import { money, ROLE_LABEL, userMention } from './format';
import {
  context,
  escapeMrkdwn,
  LIMIT,
  message,
  option,
  plain,
  type SlackMessage,
  section,
} from './primitives';

export function buildCrewModal(channelId?: string): ModalView {
  const roles = (['captain', 'crew', 'hostess'] as const).map((r) => option(ROLE_LABEL[r], r));
  return {
    type: 'modal',
    callback_id: CALLBACK.crewModal,
    title: plain('Add crew member', LIMIT.modalTitle),
    submit: plain('Add to roster', LIMIT.modalTitle),
    close: plain('Cancel', LIMIT.modalTitle),
    private_metadata: JSON.stringify({ channelId }),
    blocks: [
      {
        type: 'input',
        block_id: CREW_BLOCK.name,
        label: plain('Full name'),
        element: { type: 'plain_text_input', action_id: CREW_INPUT.name, max_length: 120 },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.email,
        label: plain('Email'),
        hint: plain('Their magic links to the crew page go here.'),
        element: { type: 'email_text_input', action_id: CREW_INPUT.email },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.phone,
        label: plain('Phone'),
        optional: true,
        element: { type: 'plain_text_input', action_id: CREW_INPUT.phone },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.role,
        label: plain('Usual role'),
        element: {
          type: 'static_select',
          action_id: CREW_INPUT.role,
          options: roles,
          initial_option: roles[1],
        },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.rate,
        label: plain('Hourly rate (USD)'),
        element: {
          type: 'number_input',
          action_id: CREW_INPUT.rate,
          is_decimal_allowed: true,
          min_value: '0',
        },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.slackUser,
        label: plain('Slack account'),
        optional: true,
        hint: plain('Lets a captain confirm charters with the buttons in the ops channel.'),
        element: { type: 'users_select', action_id: CREW_INPUT.slackUser },
      },
    ],
  };
}

export function renderCrewList(roster: readonly CrewMember[]): SlackMessage {
  if (roster.length === 0) {
    const text = `The crew roster is empty. Add someone with \`${COMMAND} crew add\`.`;
    return message(text, [section(text)]);
  }
  const lines = roster.map((m) => {
    const slack = m.slackUserId ? ` · ${userMention(m.slackUserId)}` : '';
    return `• *${escapeMrkdwn(m.name)}* \`${m.id}\` — ${ROLE_LABEL[m.defaultRole]} · ${money(m.defaultHourlyRateCents)}/h · ${escapeMrkdwn(m.email)}${slack}`;
  });
  const blocks: KnownBlock[] = [section(`*Crew roster* (${roster.length})`)];
  // A section holds 3000 characters: chunk the lines.
  let chunk: string[] = [];
  for (const line of lines) {
    if ([...chunk, line].join('\n').length > 2900) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  blocks.push(context([`\`${COMMAND} crew remove <id>\` takes someone off the roster.`]));
  return message(`Crew roster: ${roster.map((m) => escapeMrkdwn(m.name)).join(', ')}`, blocks);
}
