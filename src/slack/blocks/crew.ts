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

/** The crew modal's private metadata: `editing` names the member an explicit edit changes. */
export interface CrewModalMetadata {
  channelId?: string;
  editing?: string;
}

/**
 * "Add crew member", or with `existing` the explicit edit (`/charter crew edit <id>`), the only way to
 * change someone's Slack account or rate.
 */
export function buildCrewModal(channelId?: string, existing?: CrewMember): ModalView {
  const roles = (['captain', 'crew', 'hostess'] as const).map((r) => option(ROLE_LABEL[r], r));
  const initial = (value: string | undefined) => (value ? { initial_value: value } : {});
  const metadata: CrewModalMetadata = {
    ...(channelId ? { channelId } : {}),
    ...(existing ? { editing: existing.id } : {}),
  };
  return {
    type: 'modal',
    callback_id: CALLBACK.crewModal,
    title: plain(existing ? 'Edit crew member' : 'Add crew member', LIMIT.modalTitle),
    submit: plain(existing ? 'Save' : 'Add to roster', LIMIT.modalTitle),
    close: plain('Cancel', LIMIT.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: CREW_BLOCK.name,
        label: plain('Full name'),
        element: {
          type: 'plain_text_input',
          action_id: CREW_INPUT.name,
          max_length: 120,
          ...initial(existing?.name),
        },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.email,
        label: plain('Email'),
        hint: plain('Their magic links to the crew page go here.'),
        element: { type: 'email_text_input', action_id: CREW_INPUT.email, ...initial(existing?.email) },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.phone,
        label: plain('Phone'),
        optional: true,
        element: { type: 'plain_text_input', action_id: CREW_INPUT.phone, ...initial(existing?.phone) },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.role,
        label: plain('Usual role'),
        element: {
          type: 'static_select',
          action_id: CREW_INPUT.role,
          options: roles,
          initial_option: roles.find((r) => r.value === existing?.defaultRole) ?? roles[1],
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
          ...initial(existing ? (existing.defaultHourlyRateCents / 100).toFixed(2) : undefined),
        },
      },
      {
        type: 'input',
        block_id: CREW_BLOCK.slackUser,
        label: plain('Slack account'),
        optional: true,
        hint: plain('Who gets their charters as direct messages, and answers for them in Slack.'),
        element: {
          type: 'users_select',
          action_id: CREW_INPUT.slackUser,
          ...(existing?.slackUserId ? { initial_user: existing.slackUserId } : {}),
        },
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
