import { describe, expect, it } from 'vitest';
import { loadDevConfig } from '../../../src/config/dev';

describe('npm run dev settings', () => {
  it('defaults to port 3000, .data and the Slack sandbox', () => {
    expect(loadDevConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '.data',
      slack: { kind: 'sandbox' },
      logLevel: 'warn',
    });
  });

  it('joins a real workspace over Socket Mode with both tokens and the ops channel', () => {
    const config = loadDevConfig({
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_BOT_TOKEN: 'xoxb-abc',
      SLACK_OPS_CHANNEL: 'C0123ABCD',
    });
    expect(config.slack).toEqual({
      kind: 'socket',
      appToken: 'xapp-1-abc',
      botToken: 'xoxb-abc',
      opsChannel: 'C0123ABCD',
    });
  });

  it('talks to the Web API at SLACK_API_URL when given', () => {
    expect(loadDevConfig({ SLACK_API_URL: 'http://127.0.0.1:4000/api/' }).slack).toMatchObject({
      kind: 'web-api',
      apiUrl: 'http://127.0.0.1:4000/api/',
    });
  });

  it('issue #12: honours SLACK_OPS_CHANNEL with SLACK_API_URL and in the sandbox, not only in Socket Mode', () => {
    expect(
      loadDevConfig({ SLACK_API_URL: 'http://127.0.0.1:4000/api/', SLACK_OPS_CHANNEL: 'G0PRIVATE1' }).slack,
    ).toMatchObject({ kind: 'web-api', opsChannel: 'G0PRIVATE1' });
    expect(loadDevConfig({ SLACK_OPS_CHANNEL: 'C0123ABCD' }).slack).toEqual({
      kind: 'sandbox',
      opsChannel: 'C0123ABCD',
    });
  });

  it('issue #12: refuses an ops channel that is not a channel id (C… or G…)', () => {
    for (const wrong of ['#charter-ops', 'charter-ops', 'U0123ABCD', 'c0123abcd']) {
      expect(() => loadDevConfig({ SLACK_OPS_CHANNEL: wrong })).toThrow(
        /SLACK_OPS_CHANNEL is invalid.*C0123ABCD/,
      );
    }
  });

  it('names the variable that is wrong', () => {
    expect(() => loadDevConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadDevConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadDevConfig({ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_APP_TOKEN/,
    );
    expect(() => loadDevConfig({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_OPS_CHANNEL/,
    );
    expect(() => loadDevConfig({ SLACK_API_URL: 'slack.com/api' })).toThrow(/SLACK_API_URL/);
  });
});
