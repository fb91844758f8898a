import { describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../../src/config/slack';

const base = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_OPS_CHANNEL: 'C0OPS',
  TEMPLATES_DIR: 'templates',
};

describe('Slack configuration', () => {
  it('defaults the Web API to Slack’s own and keeps a trailing slash', async () => {
    expect(loadSlackConfig(base).apiUrl).toBe('https://slack.com/api/');
    expect(loadSlackConfig({ ...base, SLACK_API_URL: 'http://127.0.0.1:4000/api' }).apiUrl).toBe(
      'http://127.0.0.1:4000/api/',
    );
  });

  it('names a missing ops channel', () => {
    expect(() => loadSlackConfig({ ...base, SLACK_OPS_CHANNEL: '' })).toThrow(/SLACK_OPS_CHANNEL is not set/);
  });

  it('names a missing signing secret and a missing bot token, mentioning the *_SECRET_ID alternative', () => {
    expect(() => loadSlackConfig({ ...base, SLACK_SIGNING_SECRET: undefined })).toThrow(
      /SLACK_SIGNING_SECRET.*SECRET_ID/s,
    );
    expect(() => loadSlackConfig({ ...base, SLACK_BOT_TOKEN: undefined })).toThrow(
      /SLACK_BOT_TOKEN.*SECRET_ID/s,
    );
  });

  it('reads secrets from Secrets Manager ids when given, never eagerly', async () => {
    const fetched: string[] = [];
    const config = loadSlackConfig(
      { ...base, SLACK_BOT_TOKEN: undefined, SLACK_BOT_TOKEN_SECRET_ID: '/charter/slack/bot' },
      () => async (id) => {
        fetched.push(id);
        return 'xoxb-from-secrets';
      },
    );

    expect(fetched).toEqual([]);
    expect(config.botToken.origin).toBe('secretsmanager:/charter/slack/bot');
    expect(await config.botToken.get()).toBe('xoxb-from-secrets');
  });

  it('refuses an API URL that is not http(s)', () => {
    expect(() => loadSlackConfig({ ...base, SLACK_API_URL: 'ftp://x' })).toThrow(/SLACK_API_URL is invalid/);
  });

  it('socket mode is on only with an app token', () => {
    expect(loadSlackConfig(base).appToken).toBeUndefined();
    expect(loadSlackConfig({ ...base, SLACK_APP_TOKEN: 'xapp-1' }).appToken?.origin).toBe(
      'env:SLACK_APP_TOKEN',
    );
  });

  it('issue #13: SLACK_OPERATORS takes user ids and user groups; anything else names the entry', () => {
    expect(loadSlackConfig(base).operators).toEqual({ userIds: [], groupIds: [] });
    expect(loadSlackConfig({ ...base, SLACK_OPERATORS: ' U0AAA, W0BBB ,S0OPS,U0AAA' }).operators).toEqual({
      userIds: ['U0AAA', 'W0BBB'],
      groupIds: ['S0OPS'],
    });
    expect(() => loadSlackConfig({ ...base, SLACK_OPERATORS: 'U0AAA, @morgan' })).toThrow(
      /SLACK_OPERATORS is invalid: .*"@morgan"/,
    );
  });
});
