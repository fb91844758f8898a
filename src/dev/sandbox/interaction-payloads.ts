/**
 * The requests Slack sends an app, built the way Slack builds them: slash commands as a form body, and
 * interactions (block_actions, view_submission, view_closed, block_suggestion) as `payload=<json>`. Shapes
 * follow Slack's documented payloads closely enough that Bolt routes them to the same listeners it would
 * in a workspace. Development only.
 */
import type { StoredMessage, StoredView } from '../stand-ins/slack-web-api';

export interface SandboxTeam {
  id: string;
  domain: string;
  appId: string;
}

export interface SandboxUser {
  id: string;
  name: string;
}

export interface SlashCommandInput {
  team: SandboxTeam;
  user: SandboxUser;
  channel: { id: string; name: string };
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** A slash command as Slack posts it: application/x-www-form-urlencoded. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams({
    token: 'sandbox-verification-token',
    team_id: input.team.id,
    team_domain: input.team.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: input.team.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

/** An interaction as Slack posts it: a form body with one `payload` field holding JSON. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** What the browser reports about the element a person used (already in Slack's `actions[]` shape). */
export type ActionInput = Record<string, unknown> & { action_id: string; block_id: string; type: string };

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export type ActionSource =
  | { kind: 'message'; channel: { id: string; name: string }; message: StoredMessage }
  | {
      kind: 'ephemeral';
      channel: { id: string; name: string };
      messageTs: string;
      threadTs?: string;
    }
  | { kind: 'view'; view: StoredView; state: StateValues };

function base(team: SandboxTeam, user: SandboxUser) {
  return {
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: team.appId,
    token: 'sandbox-verification-token',
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** The view as Slack includes it in a payload: everything the app set, plus the user's input state. */
export function viewPayload(view: StoredView, state: StateValues): Record<string, unknown> {
  const { user_id: _owner, ...rest } = view;
  return { ...rest, state: { values: state } };
}

export function blockActionsPayload(input: {
  team: SandboxTeam;
  user: SandboxUser;
  source: ActionSource;
  action: ActionInput;
  triggerId: string;
  responseUrl?: string;
}): Record<string, unknown> {
  const { source } = input;
  const action = { ...input.action, action_ts: (Date.now() / 1000).toFixed(6) };
  const common = { type: 'block_actions', ...base(input.team, input.user), trigger_id: input.triggerId };
  if (source.kind === 'view') {
    return {
      ...common,
      container: { type: 'view', view_id: source.view.id },
      view: viewPayload(source.view, source.state),
      actions: [action],
    };
  }
  const messageTs = source.kind === 'message' ? source.message.ts : source.messageTs;
  const threadTs = source.kind === 'message' ? source.message.thread_ts : source.threadTs;
  const payload: Record<string, unknown> = {
    ...common,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: source.channel.id,
      is_ephemeral: source.kind === 'ephemeral',
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    channel: source.channel,
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [action],
  };
  // Slack leaves the message out for ephemeral ones: the app never stored them.
  if (source.kind === 'message') {
    const { channel: _channel, ...message } = source.message;
    payload.message = { ...message, app_id: input.team.appId, team: input.team.id };
  }
  return payload;
}

export function viewSubmissionPayload(input: {
  team: SandboxTeam;
  user: SandboxUser;
  view: StoredView;
  state: StateValues;
  triggerId: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...base(input.team, input.user),
    trigger_id: input.triggerId,
    view: viewPayload(input.view, input.state),
    response_urls: [],
  };
}

export function viewClosedPayload(input: {
  team: SandboxTeam;
  user: SandboxUser;
  view: StoredView;
  state: StateValues;
}): Record<string, unknown> {
  return {
    type: 'view_closed',
    ...base(input.team, input.user),
    view: viewPayload(input.view, input.state),
    is_cleared: false,
  };
}

export function blockSuggestionPayload(input: {
  team: SandboxTeam;
  user: SandboxUser;
  view: StoredView;
  state: StateValues;
  actionId: string;
  blockId: string;
  value: string;
}): Record<string, unknown> {
  return {
    type: 'block_suggestion',
    ...base(input.team, input.user),
    container: { type: 'view', view_id: input.view.id },
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    view: viewPayload(input.view, input.state),
  };
}
