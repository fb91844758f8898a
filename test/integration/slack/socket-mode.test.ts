/**
 * The path a real workspace uses with SLACK_APP_TOKEN, end to end: the app (createSlackApp with an app token)
 * opens a connection through the stand-in's `apps.connections.open`, gets `hello`, answers envelopes for a
 * slash command, an interaction and an event with acks naming their envelope, and after Slack's `disconnect`
 * (refresh_requested) connects again and still answers.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../../src/config/slack';
import {
  makeTriggerId,
  type SlackWebApiStandIn,
  startSlackWebApi,
} from '../../../src/dev/stand-ins/slack-web-api';
import { silentLogger } from '../../../src/logging/logger';
import { createSlackApp, type SlackApp } from '../../../src/slack/app';
import { ACTION } from '../../../src/slack/ids';
import { DynamoBookingStore, DynamoTimeOffStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

const BOT_TOKEN = 'xoxb-socket-bot-token';
const APP_TOKEN = 'xapp-1-A0CHARTEROPS-socket-app-token';
const OPERATOR = 'U0OPERATOR';
const secret = (value: string) => ({ get: async () => value, origin: 'test' });

let slack: SlackWebApiStandIn;
let table: TestTable;
let app: SlackApp;
// The stand-in's clock (rate limits): moved on a minute before the reconnect, as apps.connections.open is Tier 1.
let clock = Date.now();

function command(text: string) {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0CHARTER',
    team_domain: 'charter-ops',
    channel_id: 'C0OPS',
    channel_name: 'charter-ops',
    user_id: OPERATOR,
    user_name: 'operator',
    command: '/charter',
    text,
    api_app_id: 'A0CHARTEROPS',
    is_enterprise_install: 'false',
    response_url: slack.responseUrl(),
    trigger_id: makeTriggerId(OPERATOR),
  };
}

/** Asks for a WebSocket upgrade at `url`: 101 when accepted, else the HTTP status. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
      },
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

function blockTexts(payload: Record<string, unknown> | undefined): string {
  return JSON.stringify(payload?.blocks ?? payload?.text ?? '');
}

describe('Socket Mode against the stand-in', () => {
  beforeAll(async () => {
    slack = await startSlackWebApi({ tokens: [BOT_TOKEN, APP_TOKEN], now: () => clock });
    table = await createTestTable('socket');
    const config = loadSlackConfig({
      SLACK_SIGNING_SECRET: 'unused-in-socket-mode-0123456789',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.url,
      SLACK_OPS_CHANNEL: 'C0OPS',
      TABLE_NAME: table.tableName,
      TEMPLATES_DIR: 'templates',
      // Morgan is the operator (issue #13: with a real workspace nobody is one unless named).
      SLACK_OPERATORS: OPERATOR,
    });
    app = await createSlackApp({
      store: new DynamoBookingStore(table.doc, table.tableName),
      timeOff: new DynamoTimeOffStore(table.doc, table.tableName),
      boats: config.boats,
      brands: config.brands,
      opsChannel: config.opsChannel,
      operators: config.operators,
      logger: silentLogger,
      now: () => new Date(),
      signingSecret: secret('unused-in-socket-mode-0123456789'),
      botToken: secret(BOT_TOKEN),
      appToken: secret(APP_TOKEN),
      apiUrl: slack.url,
      logLevel: 'error',
    });
    expect(app.mode).toBe('socket');
    await app.start();
    await slack.socketMode.waitForConnections(1);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    table?.client.destroy();
  });

  it('connects with the app token only: a bot token cannot open a connection', async () => {
    const opened = slack.callsTo('apps.connections.open');
    expect(opened.at(-1)?.token).toBe(APP_TOKEN);
    expect(opened.at(-1)?.response).toMatchObject({ ok: true });
    // apps.connections.open is Tier 1 (one a minute): let the minute pass so the answer is about the token.
    clock += 61_000;
    const withBot = await fetch(`${slack.url}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(await withBot.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
    // A connection URL is good once: reusing the app's own is refused.
    const used = String(opened.at(-1)?.response?.url).replace(/^ws/, 'http');
    expect(await upgradeStatus(used)).toBe(401);
    // A genuine, unused one is accepted (so the 401 above is about reuse).
    clock += 61_000;
    const fresh = (await (
      await fetch(`${slack.url}apps.connections.open`, {
        method: 'POST',
        headers: { authorization: `Bearer ${APP_TOKEN}` },
      })
    ).json()) as { url: string };
    expect(await upgradeStatus(fresh.url.replace(/^ws/, 'http'))).toBe(101);
    // That probe connection is gone again before the app's envelopes flow.
    while (slack.socketMode.openConnections() > 1) await new Promise((r) => setTimeout(r, 50));
  });

  it('acks a /charter help envelope with the help answer', async () => {
    const ack = await slack.socketMode.send('slash_commands', command('help'));
    expect(blockTexts(ack.payload)).toContain('Book a charter: opens the booking form.');
    expect(ack.payload?.response_type).toBe('ephemeral');
  });

  it('delivers an interaction to its listener, which acks and opens its modal', async () => {
    const opened = new Promise<void>((resolve) => {
      const off = slack.subscribe((event) => {
        if (event.kind === 'call' && event.call.method === 'views.open') {
          off();
          resolve();
        }
      });
    });
    const ack = await slack.socketMode.send('interactive', {
      type: 'block_actions',
      team: { id: 'T0CHARTER', domain: 'charter-ops' },
      user: { id: OPERATOR, username: 'operator', team_id: 'T0CHARTER' },
      api_app_id: 'A0CHARTEROPS',
      container: { type: 'view', view_id: 'V0HOME' },
      trigger_id: makeTriggerId(OPERATOR),
      actions: [
        {
          type: 'button',
          action_id: ACTION.editCharter,
          block_id: 'blk',
          value: 'no-such-charter',
          text: { type: 'plain_text', text: 'Edit' },
          action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
        },
      ],
    });
    expect(ack.envelope_id).toEqual(expect.any(String));
    await opened;
    expect(JSON.stringify(slack.callsTo('views.open').at(-1)?.args.view)).toContain('no longer exists');
  });

  it('delivers app_home_opened to its listener, which publishes the App Home', async () => {
    const published = new Promise<void>((resolve) => {
      const off = slack.subscribe((event) => {
        if (event.kind === 'view.published') {
          off();
          resolve();
        }
      });
    });
    await slack.socketMode.send('events_api', {
      token: 'deprecated-verification-token',
      team_id: 'T0CHARTER',
      api_app_id: 'A0CHARTEROPS',
      event: { type: 'app_home_opened', user: OPERATOR, channel: 'D0HOME', tab: 'home', event_ts: '1.2' },
      type: 'event_callback',
      event_id: 'Ev0SOCKETHOME',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0CHARTER', user_id: 'U0CHARTERBOT', is_bot: true }],
    });
    await published;
    expect(slack.homeView(OPERATOR)).toBeDefined();
  });

  it('reconnects after a refresh_requested disconnect and still answers', async () => {
    const opens = () => slack.callsTo('apps.connections.open').filter((c) => c.response?.ok).length;
    const [connectionsBefore, opensBefore] = [slack.socketMode.connectionsOpened(), opens()];
    clock += 61_000;
    slack.socketMode.disconnect('refresh_requested');
    await slack.socketMode.waitForConnections(connectionsBefore + 1);
    // A fresh URL from apps.connections.open, not the old one again.
    expect(opens()).toBe(opensBefore + 1);
    expect(slack.socketMode.openConnections()).toBe(1);
    const ack = await slack.socketMode.send('slash_commands', command('help'));
    expect(blockTexts(ack.payload)).toContain('Book a charter: opens the booking form.');
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(slack.socketMode.strayAcks).toEqual([]);
  }, 60_000);
});
