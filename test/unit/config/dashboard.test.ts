import { describe, expect, it } from 'vitest';
import { loadDashboardConfig } from '../../../src/config/dashboard';
import { ConfigError } from '../../../src/errors';

describe('loadDashboardConfig', () => {
  it('takes the token from DASHBOARD_TOKEN locally, with defaults for the rest', async () => {
    const config = loadDashboardConfig({ DASHBOARD_TOKEN: 'local-token', DASHBOARD_FEED_TOKEN: 'feed' });
    expect(await config.token.get()).toBe('local-token');
    expect(await config.feedToken.get()).toBe('feed');
    expect(config.token.origin).toBe('env:DASHBOARD_TOKEN');
    expect(config.calendarName).toBe('JADA charters');
    expect(config.tableName).toBe('charter-ops');
    expect(config.publicBaseUrl).toBeUndefined();
  });

  it('reads the token from Secrets Manager when given its id', async () => {
    const fetched: string[] = [];
    const config = loadDashboardConfig(
      {
        DASHBOARD_TOKEN_SECRET_ID: '/sailjada/dashboard/AUTH_TOKEN',
        DASHBOARD_FEED_TOKEN_SECRET_ID: '/sailjada/dashboard/CALENDAR_FEED_TOKEN',
      },
      () => async (id) => {
        fetched.push(id);
        return 'from-secrets-manager';
      },
    );
    expect(config.token.origin).toBe('secretsmanager:/sailjada/dashboard/AUTH_TOKEN');
    expect(await config.token.get()).toBe('from-secrets-manager');
    expect(fetched).toEqual(['/sailjada/dashboard/AUTH_TOKEN']);
  });

  it('stops with a message naming the missing token variable', () => {
    expect(() => loadDashboardConfig({})).toThrow(ConfigError);
    expect(() => loadDashboardConfig({})).toThrow(/DASHBOARD_TOKEN is not set/);
    expect(() => loadDashboardConfig({ DASHBOARD_TOKEN: 't' })).toThrow(/DASHBOARD_FEED_TOKEN is not set/);
  });

  it('names a malformed public URL', () => {
    expect(() =>
      loadDashboardConfig({
        DASHBOARD_TOKEN: 't',
        DASHBOARD_FEED_TOKEN: 'f',
        DASHBOARD_PUBLIC_URL: 'not a url',
      }),
    ).toThrow(/DASHBOARD_PUBLIC_URL is invalid/);
  });
});
