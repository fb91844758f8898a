/**
 * The Slack sandbox's server side against a small app behind the real gateway: what the app receives
 * (signed like Slack, from the person chosen) and what each person then sees (modals, inline errors,
 * ephemeral replies, updated messages, notices).
 */
import { WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalGateway, startLocalGateway } from '../../../src/dev/gateway/local-gateway';
import { createSlackSandbox, type SlackSandbox } from '../../../src/dev/sandbox/slack-sandbox';
import { type SlackWebApiStandIn, startSlackWebApi } from '../../../src/dev/stand-ins/slack-web-api';
import { verifySlackSignature } from '../../../src/slack/signature';

const SECRET = 'sandbox-test-secret';
const TOKEN = 'xoxb-sandbox-test';
const CHANNEL = { id: 'C0OPS', name: 'charter-ops' };
const OPERATOR = 'U0OPERATOR';
const CAPTAIN = 'U0CAPTAIN1';

type Received = { kind: string; body: Record<string, unknown> };
interface InteractionPayload {
  type: string;
  user: { id: string };
  response_url?: string;
  view?: { state: { values: Record<string, Record<string, { value?: string | null }>> } };
}

const modalView = {
  type: 'modal',
  callback_id: 'test_modal',
  title: { type: 'plain_text', text: 'New charter' },
  submit: { type: 'plain_text', text: 'Create' },
  blocks: [
    {
      type: 'input',
      block_id: 'title_block',
      label: { type: 'plain_text', text: 'Charter name' },
      element: { type: 'plain_text_input', action_id: 'title' },
    },
  ],
};

/** What Bolt's respond() does: a JSON post to the response_url. */
const respond = (url: string, body: Record<string, unknown>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the Slack sandbox', () => {
  let standIn: SlackWebApiStandIn;
  let gateway: LocalGateway;
  let sandbox: SlackSandbox;
  let appStatus = 200;
  const received: Received[] = [];

  /** A tiny Slack app: verifies signatures as the real one does and answers a few requests. */
  async function app(event: APIGatewayProxyEventV2) {
    const raw = event.body ?? '';
    const check = verifySlackSignature({
      signingSecret: SECRET,
      rawBody: raw,
      timestamp: event.headers['x-slack-request-timestamp'],
      signature: event.headers['x-slack-signature'],
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!check.ok) return { statusCode: 401, body: 'bad signature' };
    if (appStatus !== 200) return { statusCode: appStatus, body: 'boom' };
    const form = Object.fromEntries(new URLSearchParams(raw));
    const client = new WebClient(TOKEN, { slackApiUrl: standIn.url });
    if (form.command) {
      received.push({ kind: 'command', body: form });
      if (form.text === 'new')
        await client.views.open({ trigger_id: form.trigger_id!, view: modalView as never });
      if (form.text === 'hello')
        return { statusCode: 200, body: JSON.stringify({ text: 'Hi, only you see this.' }) };
      if (form.text === 'later') {
        await respond(form.response_url!, { text: 'Later reply.' });
      }
      return { statusCode: 200, body: '' };
    }
    const payload = JSON.parse(form.payload ?? '{}') as InteractionPayload;
    received.push({ kind: payload.type, body: payload as unknown as Record<string, unknown> });
    if (payload.type === 'view_submission') {
      const title = payload.view?.state.values.title_block?.title?.value;
      if (!title) {
        return {
          statusCode: 200,
          body: JSON.stringify({
            response_action: 'errors',
            errors: { title_block: 'Give the charter a name.' },
          }),
        };
      }
      if (title === 'confirm') {
        return {
          statusCode: 200,
          body: JSON.stringify({
            response_action: 'update',
            view: { type: 'modal', title: { type: 'plain_text', text: 'Booked' }, blocks: [] },
          }),
        };
      }
      return { statusCode: 200, body: '' };
    }
    if (payload.type === 'block_actions' && payload.response_url) {
      await respond(payload.response_url, { replace_original: true, text: `Pressed by ${payload.user.id}` });
    }
    return { statusCode: 200, body: '' };
  }

  beforeAll(async () => {
    standIn = await startSlackWebApi({ tokens: [TOKEN] });
    gateway = await startLocalGateway({ port: 0, host: '127.0.0.1', fallback: async () => {} });
    gateway.mount({ name: 'slack', prefix: '/slack/events', lambda: app });
    sandbox = createSlackSandbox({
      standIn,
      people: [
        { id: OPERATOR, name: 'Morgan Reyes', title: 'Operator' },
        { id: CAPTAIN, name: 'Ana Ruiz', title: 'Captain' },
      ],
      opsChannel: CHANNEL,
      eventsUrl: () => `${gateway.url}/slack/events`,
      signingSecret: SECRET,
      botToken: TOKEN,
      team: { id: 'T0CHARTER', domain: 'charter-ops-local', appId: 'A0CHARTEROPS', name: 'Charter Ops' },
      app: {
        name: 'Charter Ops',
        commands: [{ command: '/charter', description: 'Charters' }],
        homeTab: true,
        messagesTab: false,
      },
      links: () => ({}),
      sites: () => ({}),
      log: () => {},
    });
    gateway.mount({ name: 'sandbox', prefix: '/slack-sandbox', page: (q, r, b) => sandbox.handle(q, r, b) });
  });

  afterAll(async () => {
    sandbox.close();
    await gateway.stop();
    await standIn.stop();
  });

  beforeEach(() => {
    appStatus = 200;
    received.length = 0;
  });

  const call = async (path: string, body: unknown) => {
    const answer = await fetch(`${gateway.url}/slack-sandbox/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await answer.json()) as Record<string, unknown>;
  };
  const state = async (user: string) =>
    (await (await fetch(`${gateway.url}/slack-sandbox/api/state?user=${user}`)).json()) as {
      modal: { id: string; view: { title: { text: string } }; errors: Record<string, string> }[];
      messages: Record<string, { text: string; ephemeral: boolean; author: { name: string } }[]>;
      notices: { text: string }[];
    };
  const command = (user: string, text: string) => call('/command', { user, channel: CHANNEL.id, text });

  it('sends a slash command signed and as the chosen person, and shows that person the modal it opens', async () => {
    await command(CAPTAIN, '/charter new');

    expect(received[0]?.body).toMatchObject({
      command: '/charter',
      text: 'new',
      user_id: CAPTAIN,
      channel_id: CHANNEL.id,
    });
    expect((await state(CAPTAIN)).modal[0]?.view.title.text).toBe('New charter');
    expect((await state(OPERATOR)).modal).toEqual([]);
  });

  it('shows the app’s response_action errors inline, then closes the modal on success', async () => {
    await command(OPERATOR, '/charter new');
    const viewId = (await state(OPERATOR)).modal[0]!.id;

    await call('/submit', {
      user: OPERATOR,
      viewId,
      state: { title_block: { title: { type: 'plain_text_input', value: null } } },
    });
    expect((await state(OPERATOR)).modal[0]?.errors).toEqual({ title_block: 'Give the charter a name.' });

    await call('/submit', {
      user: OPERATOR,
      viewId,
      state: { title_block: { title: { type: 'plain_text_input', value: 'Sunset' } } },
    });
    expect((await state(OPERATOR)).modal).toEqual([]);
    const submission = received.find((r) => r.kind === 'view_submission')?.body;
    expect(submission?.view).toMatchObject({ id: viewId, callback_id: 'test_modal' });
  });

  it('replaces the modal with the view of response_action: update', async () => {
    await command(OPERATOR, '/charter new');
    const viewId = (await state(OPERATOR)).modal[0]!.id;
    await call('/submit', {
      user: OPERATOR,
      viewId,
      state: { title_block: { title: { type: 'plain_text_input', value: 'confirm' } } },
    });
    const modal = (await state(OPERATOR)).modal;
    expect(modal.map((v) => [v.id, v.view.title.text])).toEqual([[viewId, 'Booked']]);
    await call('/close', { user: OPERATOR, viewId });
    expect((await state(OPERATOR)).modal).toEqual([]);
  });

  it('shows a command’s immediate and response_url replies to the person who typed it only', async () => {
    await command(OPERATOR, '/charter hello');
    await command(OPERATOR, '/charter later');

    const mine = (await state(OPERATOR)).messages[CHANNEL.id]!.filter((m) => m.ephemeral).map((m) => m.text);
    expect(mine).toEqual(expect.arrayContaining(['Hi, only you see this.', 'Later reply.']));
    expect((await state(CAPTAIN)).messages[CHANNEL.id]!.filter((m) => m.ephemeral)).toEqual([]);
  });

  it('answers an unknown command as Slackbot, without bothering the app', async () => {
    await command(OPERATOR, '/charterz new');
    expect(received).toEqual([]);
    const last = (await state(OPERATOR)).messages[CHANNEL.id]!.at(-1);
    expect(last).toMatchObject({ ephemeral: true, author: { name: 'Slackbot' } });
    expect(last?.text).toMatch(/not a valid command/);
  });

  it('sends a button press with the message, and applies the app’s replace_original to it', async () => {
    const client = new WebClient(TOKEN, { slackApiUrl: standIn.url });
    const posted = await client.chat.postMessage({
      channel: CHANNEL.id,
      text: 'Confirm?',
      blocks: [
        {
          type: 'actions',
          block_id: 'captain',
          elements: [
            {
              type: 'button',
              action_id: 'confirm',
              text: { type: 'plain_text', text: 'Confirm' },
              value: 'bk-1',
            },
          ],
        },
      ],
    });

    await call('/action', {
      user: CAPTAIN,
      source: { kind: 'message', channel: CHANNEL.id, ts: posted.ts },
      action: { type: 'button', action_id: 'confirm', block_id: 'captain', value: 'bk-1' },
    });

    const press = received.find((r) => r.kind === 'block_actions')?.body;
    expect(press).toMatchObject({
      user: { id: CAPTAIN },
      message: { ts: posted.ts },
      actions: [{ value: 'bk-1' }],
    });
    await expect
      .poll(() => standIn.messages(CHANNEL.id).find((m) => m.ts === posted.ts)?.text)
      .toBe(`Pressed by ${CAPTAIN}`);
  });

  it('tells the person when the app fails, as Slack does', async () => {
    appStatus = 500;
    await command(OPERATOR, '/charter new');
    const last = (await state(OPERATOR)).messages[CHANNEL.id]!.at(-1);
    expect(last?.text).toMatch(/dispatch_failed/);
  });

  it('issue #12: shows a message Slack refuses as a red notice, in Slack’s words, instead of nothing', async () => {
    const client = new WebClient(TOKEN, { slackApiUrl: standIn.url, retryConfig: { retries: 0 } });
    await expect(
      client.chat.postMessage({
        channel: CHANNEL.id,
        text: 'too long',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });

    const notices = (await state(OPERATOR)).notices;
    expect(notices.at(-1)?.text).toContain('invalid_blocks');
    expect(notices.at(-1)?.text).toContain('[json-pointer:/blocks/0/text/text]');
  });

  it('issue #12: a stale views.update that loses to a newer one (hash_conflict) shows no notice', async () => {
    await command(OPERATOR, '/charter new');
    const viewId = (await state(OPERATOR)).modal[0]!.id;
    const before = (await state(OPERATOR)).notices.length;
    const client = new WebClient(TOKEN, { slackApiUrl: standIn.url, retryConfig: { retries: 0 } });

    await expect(
      client.views.update({ view_id: viewId, hash: 'stale-hash', view: modalView as never }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });

    expect((await state(OPERATOR)).notices).toHaveLength(before);
  });
});
