/**
 * Issue #12: the Web API stand-in refuses what Slack refuses, in Slack's words: Block Kit limits
 * (invalid_blocks / invalid_arguments with response_metadata.messages), unknown channels, channels the bot
 * left, over-long text, stale or reused triggers, and calls over the rate limit (HTTP 429 + Retry-After).
 * Each refusal is also emitted for the sandbox to show.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  makeTriggerId,
  type SlackRefusal,
  type SlackWebApiStandIn,
  startSlackWebApi,
} from '../../../src/dev/stand-ins/slack-web-api';

const TOKEN = 'xoxb-contract';

async function raw(slack: SlackWebApiStandIn, method: string, body: Record<string, unknown>) {
  const response = await fetch(`${slack.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'New charter' },
  submit: { type: 'plain_text', text: 'Create' },
  blocks: [
    {
      type: 'input',
      block_id: 'notes',
      label: { type: 'plain_text', text: 'Internal notes' },
      element: { type: 'plain_text_input', action_id: 'notes', multiline: true, max_length: 3000 },
    },
  ],
  ...extra,
});

describe('the Slack stand-in keeps Slack’s contract', () => {
  let slack: SlackWebApiStandIn;
  /** The stand-in's clock runs with real time, moved ahead by `skew` where a test needs time to pass. */
  let skew = 0;
  const refusals: SlackRefusal[] = [];

  beforeAll(async () => {
    slack = await startSlackWebApi({ tokens: [TOKEN], now: () => Date.now() + skew });
    slack.subscribe((event) => {
      if (event.kind === 'call.refused') refusals.push(event.refusal);
    });
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.reset();
    refusals.length = 0;
    skew = 0;
  });

  it('refuses a section over 3000 characters with invalid_blocks and the field’s JSON pointer', async () => {
    const answer = await raw(slack, 'chat.postMessage', {
      channel: 'C1',
      text: 'x',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3001) } }],
    });
    expect(answer.body).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      },
    });
    expect(slack.messages('C1')).toEqual([]);
    expect(refusals[0]).toMatchObject({ method: 'chat.postMessage', error: 'invalid_blocks', channel: 'C1' });
  });

  it('refuses more than 50 blocks in a message', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const answer = await raw(slack, 'chat.postMessage', { channel: 'C1', text: 'x', blocks });
    expect(answer.body.error).toBe('invalid_blocks');
    expect(answer.body.response_metadata.messages[0]).toContain('[json-pointer:/blocks]');
  });

  it('refuses a modal whose plain-text input allows 4000 characters (Slack takes 1–3000)', async () => {
    const view = modal();
    view.blocks[0]!.element.max_length = 4000;
    const answer = await raw(slack, 'views.open', { trigger_id: makeTriggerId('U1'), view });
    expect(answer.body).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: {
        messages: ['[ERROR] must be between 1 and 3000 [json-pointer:/view/blocks/0/element/max_length]'],
      },
    });
    expect(refusals[0]).toMatchObject({ method: 'views.open', user_id: 'U1' });
  });

  it('refuses a modal with an input block and no submit button', async () => {
    const { submit: _submit, ...view } = modal();
    const answer = await raw(slack, 'views.open', { trigger_id: makeTriggerId('U1'), view });
    expect(answer.body.error).toBe('invalid_arguments');
    expect(answer.body.response_metadata.messages[0]).toContain('[json-pointer:/view/submit]');
  });

  it('refuses a title over 24 characters and a select of more than 100 options', async () => {
    const options = Array.from({ length: 101 }, (_, i) => ({
      text: { type: 'plain_text', text: `P${i}` },
      value: `p${i}`,
    }));
    const view = modal({ title: { type: 'plain_text', text: 'A title that is far too long' } });
    view.blocks.push({
      type: 'input',
      block_id: 'who',
      label: { type: 'plain_text', text: 'Who' },
      element: { type: 'static_select', action_id: 'who', options } as never,
    });
    const answer = await raw(slack, 'views.open', { trigger_id: makeTriggerId('U1'), view });
    expect(answer.body.response_metadata.messages).toEqual([
      '[ERROR] must provide no more than 100 items [json-pointer:/view/blocks/1/element/options]',
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
  });

  it('accepts a trigger once, within 3 seconds', async () => {
    const trigger = makeTriggerId('U1');
    expect((await raw(slack, 'views.open', { trigger_id: trigger, view: modal() })).body.ok).toBe(true);
    expect((await raw(slack, 'views.open', { trigger_id: trigger, view: modal() })).body.error).toBe(
      'expired_trigger_id',
    );
    const late = makeTriggerId('U1');
    skew += 3001;
    expect((await raw(slack, 'views.open', { trigger_id: late, view: modal() })).body.error).toBe(
      'expired_trigger_id',
    );
    expect((await raw(slack, 'views.open', { trigger_id: 'made-up', view: modal() })).body.error).toBe(
      'invalid_trigger_id',
    );
  });

  it('answers channel_not_found, not_in_channel and msg_too_long', async () => {
    expect((await raw(slack, 'chat.postMessage', { channel: '#ops', text: 'x' })).body.error).toBe(
      'channel_not_found',
    );
    slack.leaveChannel('C2');
    expect((await raw(slack, 'chat.postMessage', { channel: 'C2', text: 'x' })).body.error).toBe(
      'not_in_channel',
    );
    expect(
      (await raw(slack, 'chat.postMessage', { channel: 'C1', text: 'x'.repeat(40_001) })).body.error,
    ).toBe('msg_too_long');
  });

  it('rate-limits posting to one channel with HTTP 429 and Retry-After, and lets the next second through', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(await raw(slack, 'chat.postMessage', { channel: 'C3', text: `m${i}` }));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ retryAfter: '1', body: { ok: false, error: 'ratelimited' } });
    // Another channel has its own allowance.
    expect((await raw(slack, 'chat.postMessage', { channel: 'C4', text: 'x' })).status).toBe(200);
    skew += 1000;
    expect((await raw(slack, 'chat.postMessage', { channel: 'C3', text: 'later' })).status).toBe(200);
  });

  it('rate-limits a Tier 3 method past its minute’s allowance', async () => {
    let status = 200;
    for (let i = 0; i < 60 && status === 200; i++)
      status = (await raw(slack, 'conversations.history', { channel: 'C1' })).status;
    expect(status).toBe(429);
  });

  it('a WebClient that does not reject rate-limited calls waits them out and posts everything', async () => {
    const client = new WebClient(TOKEN, { slackApiUrl: slack.url });
    for (let i = 0; i < 7; i++) await client.chat.postMessage({ channel: 'C5', text: `m${i}` });
    expect(slack.messages('C5')).toHaveLength(7);
  });
});
