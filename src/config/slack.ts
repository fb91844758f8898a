/**
 * Configuration of the Slack app (src/handlers/slack.ts and `npm run dev`'s Slack side), read once at
 * start-up. Secrets (signing secret, bot token, app token) are given directly or as *_SECRET_ID (see
 * secrets.ts) and are never logged: only their origin is.
 */
import type { Boat } from '../domain/catalogue';
import { ConfigError } from '../errors';
import { loadBoats } from './boats';
import { type BrandDirectory, guestSiteUrl, loadBrands } from './brands';
import { commonEnv, type Env, optional, parseEnv, required, withDefault } from './env';
import { optionalSecretFromEnv, type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export interface SlackConfig {
  signingSecret: SecretSource;
  botToken: SecretSource;
  /** Set → the app connects over Socket Mode (a laptop joining a real workspace, no public URL). */
  appToken: SecretSource | undefined;
  /** Web API base, always ending in `/` (WebClient appends the method name). */
  apiUrl: string;
  /** Channel id (or name) of the ops channel where each booking gets its status thread. */
  opsChannel: string;
  tableName: string;
  region: string;
  templatesDir: string;
  boats: readonly Boat[];
  brands: BrandDirectory;
  /** A brand's guest site (GUEST_SITE_URL), for the guest page links in `/charter status`. */
  guestSiteUrl: (domain: string) => string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const slackEnv = {
  ...commonEnv,
  SLACK_API_URL: withDefault(DEFAULT_SLACK_API_URL),
  SLACK_OPS_CHANNEL: required(
    'the id of the ops channel, like C0123ABCD (right-click the channel → Copy link)',
  ),
  SLACK_APP_TOKEN: optional(),
  SLACK_SIGNING_SECRET: optional(),
  SLACK_BOT_TOKEN: optional(),
};

export function loadSlackConfig(env: Env, fetcher?: () => SecretFetcher): SlackConfig {
  const parsed = parseEnv(slackEnv, env);
  const apiUrl = normaliseApiUrl(parsed.SLACK_API_URL);
  return {
    signingSecret: secretFromEnv(
      'SLACK_SIGNING_SECRET',
      env,
      "the app's signing secret (Slack app settings → Basic Information)",
      fetcher,
    ),
    botToken: secretFromEnv(
      'SLACK_BOT_TOKEN',
      env,
      'the bot token, xoxb-… (Slack app settings → OAuth & Permissions)',
      fetcher,
    ),
    appToken: optionalSecretFromEnv('SLACK_APP_TOKEN', env, fetcher),
    apiUrl,
    opsChannel: parsed.SLACK_OPS_CHANNEL,
    tableName: parsed.TABLE_NAME,
    region: parsed.AWS_REGION,
    templatesDir: parsed.TEMPLATES_DIR,
    boats: loadBoats(parsed.BOATS),
    brands: loadBrands(parsed.TEMPLATES_DIR, parsed.BRAND_SITES),
    guestSiteUrl: (domain) => guestSiteUrl(parsed.GUEST_SITE_URL, domain),
    logLevel: parsed.LOG_LEVEL,
  };
}

function normaliseApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return failApiUrl(value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failApiUrl(value);
  return value.endsWith('/') ? value : `${value}/`;
}

function failApiUrl(value: string): never {
  throw new ConfigError(
    `Configuration error:\n  - SLACK_API_URL is invalid: set it to the Slack Web API base, like ${DEFAULT_SLACK_API_URL} (got "${value}")`,
  );
}
