import { describe, expect, it } from 'vitest';
import { loadPipelineConfig, PIPELINE_DEFAULTS } from '../../../src/config/pipeline';
import { ConfigError } from '../../../src/errors';

const LOCAL = {
  SCC_URL: 'http://127.0.0.1:3001/',
  DASHBOARD_URL: 'http://127.0.0.1:3002',
  SLACK_OPS_CHANNEL: 'C0OPS',
  SLACK_BOT_TOKEN: 'xoxb-local',
  SCC_SERVICE_KEY: 'scc-key',
  DASHBOARD_TOKEN: 'dash-token',
};

describe('loadPipelineConfig', () => {
  it('reads a local setup, with defaults for everything optional', async () => {
    const config = loadPipelineConfig(LOCAL);
    expect(config.scc.url).toBe('http://127.0.0.1:3001');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.retry).toEqual({
      maxAttempts: PIPELINE_DEFAULTS.maxAttempts,
      baseDelayMs: PIPELINE_DEFAULTS.baseDelayMs,
      maxDelayMs: PIPELINE_DEFAULTS.maxDelayMs,
    });
    expect(config.leaseMs).toBe(PIPELINE_DEFAULTS.leaseMs);
    expect(config.s3ForcePathStyle).toBe(false);
    expect(config.tableName).toBe('charter-ops');
    expect(await config.scc.serviceKey.get()).toBe('scc-key');
    expect(config.scc.serviceKey.origin).toBe('env:SCC_SERVICE_KEY');
  });

  it('gives the Slack API URL the trailing slash the WebClient needs', () => {
    expect(loadPipelineConfig({ ...LOCAL, SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:4000/api/',
    );
  });

  it('names every missing variable at once', () => {
    expect(() =>
      loadPipelineConfig({ SLACK_BOT_TOKEN: 'x', SCC_SERVICE_KEY: 'x', DASHBOARD_TOKEN: 'x' }),
    ).toThrow(/SCC_URL is not set[\s\S]*DASHBOARD_URL is not set[\s\S]*SLACK_OPS_CHANNEL is not set/);
  });

  it('says where a missing secret comes from in AWS', () => {
    const { SCC_SERVICE_KEY: _key, ...rest } = LOCAL;
    expect(() => loadPipelineConfig(rest)).toThrow(ConfigError);
    expect(() => loadPipelineConfig(rest)).toThrow(
      /SCC_SERVICE_KEY_SECRET_ID=\/sailjada\/shipcaptaincrew\/SERVICE_KEY/,
    );
  });

  it('reads secrets by Secrets Manager id in AWS, through the fetcher, never from the environment', async () => {
    const fetched: string[] = [];
    const config = loadPipelineConfig(
      {
        ...LOCAL,
        SCC_SERVICE_KEY: '',
        SCC_SERVICE_KEY_SECRET_ID: '/sailjada/shipcaptaincrew/SERVICE_KEY',
        DASHBOARD_TOKEN: '',
        DASHBOARD_TOKEN_SECRET_ID: '/sailjada/dashboard/AUTH_TOKEN',
      },
      () => async (id) => {
        fetched.push(id);
        return `value-of-${id}`;
      },
    );
    expect(config.dashboard.token.origin).toBe('secretsmanager:/sailjada/dashboard/AUTH_TOKEN');
    expect(await config.scc.serviceKey.get()).toBe('value-of-/sailjada/shipcaptaincrew/SERVICE_KEY');
    expect(fetched).toEqual(['/sailjada/shipcaptaincrew/SERVICE_KEY']);
  });

  it('refuses retry settings that are not positive whole numbers', () => {
    expect(() => loadPipelineConfig({ ...LOCAL, PIPELINE_MAX_ATTEMPTS: 'lots' })).toThrow(
      /PIPELINE_MAX_ATTEMPTS/,
    );
  });
});
