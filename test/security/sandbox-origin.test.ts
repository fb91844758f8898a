/**
 * Attack (issue #12 / #14 item 7): another web page drives the local Slack sandbox, which acts as any person
 * in the workspace, through the victim's browser: a cross-origin `text/plain` or form POST (no preflight), a
 * cross-origin JSON fetch, or DNS rebinding (the attacker's domain re-pointed at 127.0.0.1, so requests
 * carry `Host: evil.example`). Each is refused before anything reaches the app; the sandbox's own page works.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGateway, startLocalGateway } from '../../src/dev/gateway/local-gateway';
import { createSlackSandbox, type SlackSandbox } from '../../src/dev/sandbox/slack-sandbox';
import { type SlackWebApiStandIn, startSlackWebApi } from '../../src/dev/stand-ins/slack-web-api';

const TOKEN = 'xoxb-origin';
const OPERATOR = 'U0OPERATOR';

/** A raw HTTP request, so Host and Origin can be what an attacker's browser would send. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the Slack sandbox answers only its own page', () => {
  let standIn: SlackWebApiStandIn;
  let gateway: LocalGateway;
  let sandbox: SlackSandbox;
  const delivered: string[] = [];

  beforeAll(async () => {
    standIn = await startSlackWebApi({ tokens: [TOKEN] });
    gateway = await startLocalGateway({ port: 0, host: '127.0.0.1', fallback: async () => {} });
    gateway.mount({
      name: 'slack',
      prefix: '/slack/events',
      lambda: async (event: { body?: string }) => {
        delivered.push(event.body ?? '');
        return { statusCode: 200, body: '' };
      },
    } as never);
    sandbox = createSlackSandbox({
      standIn,
      people: [{ id: OPERATOR, name: 'Morgan Reyes', title: 'Operator' }],
      opsChannel: { id: 'C0OPS', name: 'charter-ops' },
      eventsUrl: () => `${gateway.url}/slack/events`,
      signingSecret: 'origin-secret',
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

  const command = JSON.stringify({ user: OPERATOR, channel: 'C0OPS', text: '/charter help' });
  const api = () => `${gateway.url}/slack-sandbox/api/command`;
  const own = () => new URL(gateway.url).host;

  it('refuses a cross-origin text/plain POST (a form or no-cors fetch needs no preflight)', async () => {
    const answer = await send(api(), {
      method: 'POST',
      headers: { host: own(), origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: command,
    });
    expect([403, 415]).toContain(answer.status);
    expect(delivered).toEqual([]);
  });

  it('refuses a same-host text/plain POST too: the API takes JSON only', async () => {
    const answer = await send(api(), {
      method: 'POST',
      headers: { host: own(), 'content-type': 'text/plain' },
      body: command,
    });
    expect(answer.status).toBe(415);
    expect(delivered).toEqual([]);
  });

  it('refuses a JSON POST from another origin', async () => {
    const answer = await send(api(), {
      method: 'POST',
      headers: { host: own(), origin: 'https://evil.example', 'content-type': 'application/json' },
      body: command,
    });
    expect(answer.status).toBe(403);
    expect(delivered).toEqual([]);
  });

  it('refuses DNS rebinding: a request naming another host, even from the loopback interface', async () => {
    const port = new URL(gateway.url).port;
    const post = await send(api(), {
      method: 'POST',
      headers: {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
        'content-type': 'application/json',
      },
      body: command,
    });
    expect(post.status).toBe(403);
    const read = await send(`${gateway.url}/slack-sandbox/api/state?user=${OPERATOR}`, {
      headers: { host: `evil.example:${port}` },
    });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain(OPERATOR);
    expect(delivered).toEqual([]);
  });

  it('serves its own page: same-origin JSON reaches the app', async () => {
    const answer = await send(api(), {
      method: 'POST',
      headers: {
        host: own(),
        origin: gateway.url,
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
      },
      body: command,
    });
    expect(answer.status).toBe(200);
    expect(delivered).toHaveLength(1);
    const port = new URL(gateway.url).port;
    const localhost = await send(`${gateway.url}/slack-sandbox/api/state?user=${OPERATOR}`, {
      headers: { host: `localhost:${port}` },
    });
    expect(localhost.status).toBe(200);
  });
});
