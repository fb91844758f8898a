/**
 * The dashboard service's settings, parsed once per container by src/handlers/dashboard.ts (and by the
 * local gateway). The token is a secret: DASHBOARD_TOKEN locally, or DASHBOARD_TOKEN_SECRET_ID naming the
 * Secrets Manager secret in AWS (/sailjada/dashboard/AUTH_TOKEN). Its value is never logged.
 */
import { commonEnv, type Env, optional, parseEnv, url, withDefault } from './env';
import { type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';

export interface DashboardConfig {
  region: string;
  tableName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  token: SecretSource;
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
    publicBaseUrl: parsed.DASHBOARD_PUBLIC_URL,
    calendarName: parsed.DASHBOARD_CALENDAR_NAME,
  };
}
