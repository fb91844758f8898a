import { describe, expect, it } from 'vitest';
import {
  blockActionsPayload,
  interactionBody,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../../../src/dev/sandbox/interaction-payloads';
import type { StoredMessage, StoredView } from '../../../../src/dev/stand-ins/slack-web-api';

const team = { id: 'T0CHARTER', domain: 'charter-ops-local', appId: 'A0CHARTEROPS' };
const user = { id: 'U0CAPTAIN1', name: 'Ana Ruiz' };

const view: StoredView = {
  id: 'V0001',
  hash: '1.abc',
  team_id: team.id,
  app_id: team.appId,
  bot_id: 'B0',
  type: 'modal',
  callback_id: 'charter_booking_modal',
  private_metadata: '{"mode":"create"}',
  blocks: [],
  state: { values: {} },
  root_view_id: 'V0001',
  previous_view_id: null,
  user_id: 'U0CAPTAIN1',
};

describe('requests the sandbox sends to the app', () => {
  it('posts a slash command as Slack’s form fields', () => {
    const form = new URLSearchParams(
      slashCommandBody({
        team,
        user,
        channel: { id: 'C0CHARTEROPS', name: 'charter-ops' },
        command: '/charter',
        text: 'edit sunset-sail',
        responseUrl: 'http://127.0.0.1:1/response/r1',
        triggerId: '1.U0CAPTAIN1.ab',
      }),
    );
    expect(Object.fromEntries(form)).toMatchObject({
      command: '/charter',
      text: 'edit sunset-sail',
      user_id: 'U0CAPTAIN1',
      channel_id: 'C0CHARTEROPS',
      team_id: 'T0CHARTER',
      api_app_id: 'A0CHARTEROPS',
      response_url: 'http://127.0.0.1:1/response/r1',
      trigger_id: '1.U0CAPTAIN1.ab',
    });
  });

  it('sends a view submission with the view the app built and the person’s input as state', () => {
    const state = { booking_title: { title: { type: 'plain_text_input', value: 'Sunset Sail' } } };
    const body = interactionBody(viewSubmissionPayload({ team, user, view, state, triggerId: 't' }));
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}');

    expect(payload.type).toBe('view_submission');
    expect(payload.user.id).toBe('U0CAPTAIN1');
    expect(payload.view).toMatchObject({
      id: 'V0001',
      hash: '1.abc',
      callback_id: 'charter_booking_modal',
      private_metadata: '{"mode":"create"}',
      state: { values: state },
    });
    expect(payload.view.user_id).toBeUndefined();
  });

  it('sends a button press on a message with its container, channel, message and response_url', () => {
    const message: StoredMessage = {
      type: 'message',
      channel: 'C0CHARTEROPS',
      ts: '1700000000.000100',
      text: 'Sunset Sail',
      blocks: [],
      user: 'U0CHARTERBOT',
      bot_id: 'B0',
    };
    const payload = blockActionsPayload({
      team,
      user,
      source: { kind: 'message', channel: { id: 'C0CHARTEROPS', name: 'charter-ops' }, message },
      action: {
        type: 'button',
        action_id: 'charter_captain_confirm',
        block_id: 'thread_captain_actions',
        value: 'bk-1',
      },
      triggerId: 't',
      responseUrl: 'http://127.0.0.1:1/response/a1',
    });

    expect(payload).toMatchObject({
      type: 'block_actions',
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: 'C0CHARTEROPS',
        is_ephemeral: false,
      },
      channel: { id: 'C0CHARTEROPS' },
      message: { ts: '1700000000.000100', text: 'Sunset Sail' },
      response_url: 'http://127.0.0.1:1/response/a1',
      actions: [{ action_id: 'charter_captain_confirm', block_id: 'thread_captain_actions', value: 'bk-1' }],
    });
    expect((payload.message as Record<string, unknown>).channel).toBeUndefined();
  });

  it('leaves the message out of a press on an ephemeral message, as Slack does', () => {
    const payload = blockActionsPayload({
      team,
      user,
      source: { kind: 'ephemeral', channel: { id: 'C0CHARTEROPS', name: 'charter-ops' }, messageTs: '1.2' },
      action: { type: 'button', action_id: 'charter_cancel_confirmed', block_id: 'b' },
      triggerId: 't',
      responseUrl: 'http://127.0.0.1:1/response/a2',
    });
    expect(payload.container).toMatchObject({ is_ephemeral: true, message_ts: '1.2' });
    expect(payload.message).toBeUndefined();
  });
});
