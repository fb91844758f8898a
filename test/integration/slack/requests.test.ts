import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger';
import { signSlackRequest } from '../../../src/slack/signature';
import { SIGNING_SECRET, type SlackTestKit, startSlackTestKit } from './support/slack-test-kit';

const HELP = new URLSearchParams({
  command: '/charter',
  text: 'help',
  user_id: 'U0OPERATOR',
  channel_id: 'C0OPS',
  trigger_id: '1.U0OPERATOR.abc',
  response_url: 'http://127.0.0.1:9/response/x',
  team_id: 'T0CHARTER',
}).toString();
const FORM = 'application/x-www-form-urlencoded';

describe('request verification', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
  });
  afterAll(() => kit.stop());

  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a correctly signed request', async () => {
    expect((await kit.deliver(HELP, FORM)).statusCode).toBe(200);
  });

  it('accepts a form body sent with a charset parameter', async () => {
    expect((await kit.deliver(HELP, `${FORM}; charset=utf-8`)).json?.response_type).toBe('ephemeral');
  });

  it('refuses a bad signature', async () => {
    const response = await kit.deliver(HELP, FORM, {
      signature: signSlackRequest('wrong-secret', now(), HELP),
    });

    expect(response.statusCode).toBe(401);
    expect(response.json).toEqual({ error: 'unauthorized', message: expect.any(String) });
  });

  it('refuses a body changed after signing', async () => {
    const signature = signSlackRequest(SIGNING_SECRET, now(), HELP);
    const response = await kit.deliver(HELP.replace('help', 'list'), FORM, { signature, timestamp: now() });

    expect(response.statusCode).toBe(401);
  });

  it('refuses a stale timestamp, even correctly signed', async () => {
    const old = now() - 6 * 60;

    expect((await kit.deliver(HELP, FORM, { timestamp: old })).statusCode).toBe(401);
  });

  it('issue #3: refuses a timestamp too far in the future, even correctly signed', async () => {
    const future = now() + 6 * 60;

    expect((await kit.deliver(HELP, FORM, { timestamp: future })).statusCode).toBe(401);
  });

  it('refuses a request without signature headers', async () => {
    const response = await kit.handle({
      version: '2.0',
      routeKey: 'POST /slack/events',
      rawPath: '/slack/events',
      rawQueryString: '',
      headers: { 'content-type': FORM },
      body: HELP,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST' } } as never,
    });

    expect(response.statusCode).toBe(401);
  });

  it('answers Slack’s url_verification challenge once the signature checks out', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });

    const response = await kit.deliver(body, 'application/json');

    expect(response.json).toEqual({ challenge: 'abc123' });
  });

  it('decodes a base64 body as UTF-8 (API Gateway encodes some bodies)', async () => {
    const body = HELP.replace('help', encodeURIComponent('hjälp'));
    const timestamp = now();
    const response = await kit.handle({
      version: '2.0',
      routeKey: 'POST /slack/events',
      rawPath: '/slack/events',
      rawQueryString: '',
      headers: {
        'content-type': FORM,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(SIGNING_SECRET, timestamp, body),
      },
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST' } } as never,
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('hjälp');
  });

  it('refuses a payload that names no team (every real Slack payload does) without calling Slack', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U0X' },
      trigger_id: 't',
      channel: { id: 'C0OPS' },
      actions: [{ type: 'button', action_id: 'charter_captain_confirm', value: 'bk-1', action_ts: '1.1' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    kit.slack.reset();

    const response = await kit.deliver(body, FORM);

    expect(response.statusCode).toBe(200);
    expect(kit.slack.calls).toEqual([]);
  });

  describe('issue #12: a correctly signed but malformed body gets 400 and a log line, not a 500', () => {
    const cases: [string, string, string][] = [
      ['JSON sent as a form', JSON.stringify({ type: 'event_callback', team_id: 'T0CHARTER' }), FORM],
      ['truncated JSON', '{"type":"event_callback","team_id":"T0CH', 'application/json'],
      ['a JSON array', '[1,2,3]', 'application/json'],
      ['a form whose payload is not JSON', 'payload=%7Bnot-json', FORM],
      ['text/plain', 'command=/charter&text=help', 'text/plain'],
    ];
    for (const [name, body, contentType] of cases) {
      it(name, async () => {
        const lines: string[] = [];
        const logged = await startSlackTestKit({
          logger: createLogger('slack', 'warn', (line) => lines.push(line)),
        });
        try {
          const response = await logged.deliver(body, contentType);
          expect(response.statusCode).toBe(400);
          expect(response.json).toEqual({
            error: 'bad_request',
            message: expect.stringContaining('malformed'),
          });
          expect(lines.some((l) => l.includes('malformed body'))).toBe(true);
          expect(logged.slack.calls).toEqual([]);
        } finally {
          await logged.stop();
        }
      });
    }
  });
});
