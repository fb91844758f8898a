/**
 * The dashboard service's settings, parsed once per container by src/handlers/dashboard.ts (and by the
 * local gateway). The token is a secret: DASHBOARD_TOKEN locally, or DASHBOARD_TOKEN_SECRET_ID naming the
 * Secrets Manager secret in AWS (/sailjada/dashboard/AUTH_TOKEN); so is the calendar feed's own token,
 * DASHBOARD_FEED_TOKEN (/sailjada/dashboard/CALENDAR_FEED_TOKEN). Their values are never logged.
 */
import { commonEnv, type Env, optional, parseEnv, url, withDefault } from './env';
import { type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';

export interface DashboardConfig {
  region: string;
  tableName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  token: SecretSource;
  /** The calendar feed's own token, the only one accepted in a URL; rotating it revokes subscriptions. */
  feedToken: SecretSource;
  /** Public base URL of the dashboard API, used in the calendar feed URL; derived from the request if unset. */
  publicBaseUrl: string | undefined;
  calendarName: string;
}

export const DEFAULT_CALENDAR_NAME = 'JADA charters';

const dashboardEnv = {
  ...commonEnv,
  DASHBOARD_PUBLIC_URL: optional().pipe(
    url(
      'the public base URL of the dashboard API, e.g. https://abc.execute-api.us-west-2.amazonaws.com',
    ).optional(),
  ),
  DASHBOARD_CALENDAR_NAME: withDefault(DEFAULT_CALENDAR_NAME),
};

export function loadDashboardConfig(env: Env = process.env, fetcher?: () => SecretFetcher): DashboardConfig {
  const parsed = parseEnv(dashboardEnv, env);
  return {
    region: parsed.AWS_REGION,
    tableName: parsed.TABLE_NAME,
    logLevel: parsed.LOG_LEVEL,
    token: secretFromEnv('DASHBOARD_TOKEN', env, 'the dashboard API token (X-Dashboard-Token)', fetcher),
    feedToken: secretFromEnv(
      'DASHBOARD_FEED_TOKEN',
      env,
      'a random token of at least 32 characters for the calendar feed URL (openssl rand -hex 32)',
      fetcher,
    ),
    publicBaseUrl: parsed.DASHBOARD_PUBLIC_URL,
    calendarName: parsed.DASHBOARD_CALENDAR_NAME,
  };
}
