import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  makeTriggerId,
  type SlackStandInEvent,
  type SlackWebApiStandIn,
  startSlackWebApi,
} from '../../../src/dev/stand-ins/slack-web-api';

describe('Slack Web API stand-in', () => {
  let slack: SlackWebApiStandIn;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startSlackWebApi();
    client = new WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  it('records each call with its method, decoded arguments and token', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });

    expect(slack.calls).toHaveLength(1);
    expect(slack.calls[0]).toMatchObject({
      method: 'chat.postMessage',
      token: 'xoxb-test',
      args: { channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] },
    });
  });

  it('keeps posted messages, threads replies under their root and updates in place', async () => {
    const root = await client.chat.postMessage({
      channel: 'C1',
      text: 'root',
      metadata: { event_type: 'charter_booking', event_payload: { bookingId: 'b1' } },
    });
    await client.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: root.ts! });
    await client.chat.update({ channel: 'C1', ts: root.ts!, text: 'root v2' });

    const history = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({
      text: 'root v2',
      reply_count: 1,
      metadata: { event_type: 'charter_booking', event_payload: { bookingId: 'b1' } },
    });
    const replies = await client.conversations.replies({ channel: 'C1', ts: root.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(['root v2', 'reply']);
    expect(slack.replies('C1', root.ts!).map((m) => m.text)).toEqual(['reply']);
  });

  it('answers message_not_found when updating a message that does not exist', async () => {
    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'message_not_found' },
    });
  });

  it('opens, updates (with hash checks) and publishes views', async () => {
    const opened = await client.views.open({
      trigger_id: makeTriggerId('U1'),
      view: { type: 'modal', callback_id: 'cb', title: { type: 'plain_text', text: 'T' }, blocks: [] },
    });
    const id = opened.view!.id!;
    expect(slack.view(id)).toMatchObject({ callback_id: 'cb', user_id: 'U1' });

    const updated = await client.views.update({
      view_id: id,
      hash: opened.view!.hash!,
      view: { type: 'modal', callback_id: 'cb2', title: { type: 'plain_text', text: 'T' }, blocks: [] },
    });
    expect(updated.view?.id).toBe(id);
    await expect(
      client.views.update({
        view_id: id,
        hash: opened.view!.hash!,
        view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });

    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(slack.homeView('U1')?.type).toBe('home');
  });

  it('refuses an expired trigger like Slack does', async () => {
    const trigger = makeTriggerId('U1');
    slack.expireTrigger(trigger);
    await expect(
      client.views.open({
        trigger_id: trigger,
        view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
  });

  it('streams what happens to subscribers', async () => {
    const seen: SlackStandInEvent['kind'][] = [];
    const unsubscribe = slack.subscribe((event) => seen.push(event.kind));
    await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' });
    unsubscribe();
    await client.chat.postMessage({ channel: 'C1', text: 'after' });

    expect(seen).toEqual(['call', 'message.ephemeral']);
    expect(slack.ephemerals('C1')[0]).toMatchObject({ user: 'U1', text: 'psst' });
  });

  it('records response_url posts', async () => {
    const url = slack.responseUrl('abc');
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"done"}',
    });
    expect(slack.responsePosts[0]).toMatchObject({ id: 'abc', body: { text: 'done' } });
  });

  it('answers not_authed without a token and unknown_method for methods it does not implement', async () => {
    const anonymous = await fetch(`${slack.url}chat.postMessage`, {
      method: 'POST',
      body: 'channel=C1&text=x',
    });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
    const unknown = await fetch(`${slack.url}files.remote.add`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test' },
    });
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method' });
  });
});
