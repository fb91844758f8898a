/**
 * Configuration of the Slack app (src/handlers/slack.ts and `npm run dev`'s Slack side), read once at
 * start-up. Secrets (signing secret, bot token, app token) are given directly or as *_SECRET_ID (see
 * secrets.ts) and are never logged: only their origin is.
 */
import type { Boat } from '../domain';
import { ConfigError } from '../errors';
import { loadBoats } from './boats';
import { type BrandDirectory, guestSiteUrl, loadBrands } from './brands';
import { commonEnv, type Env, optional, parseEnv, slackChannelId } from './env';
import { optionalSecretFromEnv, type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';
import { slackApiUrl } from './slack-api';

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
  /** SLACK_OPERATORS: who may run charters and keep the roster (src/slack/auth). Empty: nobody. */
  operators: OperatorList;
}

/** Operators by Slack user id (`U…`, `W…` on Enterprise Grid) and by user group id (`S…`). */
export interface OperatorList {
  userIds: readonly string[];
  groupIds: readonly string[];
}

const OPERATOR_ENTRY = /^(?:[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,})$/;

/** "U0123ABCD, S0456EFGH" → users and groups; anything else is a configuration error naming the entry. */
export function parseOperators(value: string | undefined): OperatorList {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !OPERATOR_ENTRY.test(e));
  if (bad.length > 0) {
    throw new ConfigError(
      `Configuration error:\n  - SLACK_OPERATORS is invalid: list Slack user ids (U0123ABCD) and user group ids (S0123ABCD), separated by commas (not understood: ${bad.map((b) => `"${b.slice(0, 40)}"`).join(', ')})`,
    );
  }
  return {
    userIds: [...new Set(entries.filter((e) => !e.startsWith('S')))],
    groupIds: [...new Set(entries.filter((e) => e.startsWith('S')))],
  };
}

const slackEnv = {
  ...commonEnv,
  SLACK_API_URL: slackApiUrl(),
  SLACK_OPS_CHANNEL: slackChannelId(),
  SLACK_APP_TOKEN: optional(),
  SLACK_SIGNING_SECRET: optional(),
  SLACK_BOT_TOKEN: optional(),
  SLACK_OPERATORS: optional(),
};

export function loadSlackConfig(env: Env, fetcher?: () => SecretFetcher): SlackConfig {
  const parsed = parseEnv(slackEnv, env);
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
    apiUrl: parsed.SLACK_API_URL,
    opsChannel: parsed.SLACK_OPS_CHANNEL,
    tableName: parsed.TABLE_NAME,
    region: parsed.AWS_REGION,
    templatesDir: parsed.TEMPLATES_DIR,
    boats: loadBoats(parsed.BOATS),
    brands: loadBrands(parsed.TEMPLATES_DIR, parsed.BRAND_SITES),
    guestSiteUrl: (domain) => guestSiteUrl(parsed.GUEST_SITE_URL, domain),
    logLevel: parsed.LOG_LEVEL,
    operators: parseOperators(parsed.SLACK_OPERATORS),
  };
}
