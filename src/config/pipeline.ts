/**
 * Configuration of the reconciler (the provisioning pipeline), read once at start-up. Names every missing or
 * malformed variable at once. Secrets are resolved lazily through SecretSource (environment locally, Secrets
 * Manager in AWS) and must never be logged: log `origin`, never the value.
 */
import { guestSiteUrl } from './brands';
import { commonEnv, type Env, flag, optional, parseEnv, positiveInt, slackChannelId, url } from './env';
import { type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';
import { slackApiUrl } from './slack-api';

export interface RetrySettings {
  /** Tries per step per run, the first included. */
  maxAttempts: number;
  /** First backoff; doubles per attempt (full jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Retries that outlive a bad hour: a step whose run ended in a transient failure is run again in the
 * background (a one-time timer), first after `firstDelayMs`, doubling up to `maxDelayMs`, for up to
 * `windowMs` after its first failure at that revision. Then it waits for a person, as a permanent failure does.
 */
export interface BackgroundRetrySettings {
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export interface PipelineConfig {
  awsRegion: string;
  tableName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  templatesDir: string;
  brandSites: string | undefined;
  /** s3rver (and some other S3 emulators) only understand path-style URLs. */
  s3ForcePathStyle: boolean;
  /** A brand's guest site (GUEST_SITE_URL), for links in pages, calendar entries and the thread. */
  guestSiteUrl: (domain: string) => string;
  scc: { url: string; serviceKey: SecretSource };
  dashboard: { url: string; token: SecretSource };
  slack: { apiUrl: string; channel: string; botToken: SecretSource };
  retry: RetrySettings;
  backgroundRetry: BackgroundRetrySettings;
  /** Per outside call (SCC, dashboard, Slack, S3, CloudFront). */
  httpTimeoutMs: number;
  /** How long a step claim lives without a heartbeat; a crashed reconciler's claim frees up after this. */
  leaseMs: number;
  /** Bookings reconciled at the same time within one stream batch. */
  concurrency: number;
}

export const PIPELINE_DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  httpTimeoutMs: 10_000,
  leaseMs: 30_000,
  concurrency: 4,
  retryFirstDelayMs: 2 * 60_000,
  retryMaxDelayMs: 2 * 60 * 60_000,
  retryWindowMs: 24 * 60 * 60_000,
} as const;

const pipelineEnv = {
  ...commonEnv,
  SCC_URL: url('the ShipCaptainCrew API base URL, e.g. https://scc.example.com'),
  DASHBOARD_URL: url('the dashboard API base URL, e.g. https://dashboard.example.com'),
  SLACK_OPS_CHANNEL: slackChannelId(),
  SLACK_API_URL: slackApiUrl(),
  S3_FORCE_PATH_STYLE: flag(),
  PIPELINE_MAX_ATTEMPTS: positiveInt(PIPELINE_DEFAULTS.maxAttempts, 'tries per step, e.g. 5'),
  PIPELINE_BACKOFF_BASE_MS: positiveInt(PIPELINE_DEFAULTS.baseDelayMs, 'the first backoff in ms, e.g. 500'),
  PIPELINE_BACKOFF_MAX_MS: positiveInt(PIPELINE_DEFAULTS.maxDelayMs, 'the longest backoff in ms, e.g. 20000'),
  PIPELINE_HTTP_TIMEOUT_MS: positiveInt(PIPELINE_DEFAULTS.httpTimeoutMs, 'a timeout in ms, e.g. 10000'),
  PIPELINE_LEASE_MS: positiveInt(PIPELINE_DEFAULTS.leaseMs, 'a step lease in ms, e.g. 30000'),
  PIPELINE_CONCURRENCY: positiveInt(PIPELINE_DEFAULTS.concurrency, 'bookings in parallel, e.g. 4'),
  PIPELINE_RETRY_FIRST_DELAY_MS: positiveInt(
    PIPELINE_DEFAULTS.retryFirstDelayMs,
    'the first background retry delay in ms, e.g. 120000',
  ),
  PIPELINE_RETRY_MAX_DELAY_MS: positiveInt(
    PIPELINE_DEFAULTS.retryMaxDelayMs,
    'the longest background retry delay in ms, e.g. 7200000',
  ),
  PIPELINE_RETRY_WINDOW_MS: positiveInt(
    PIPELINE_DEFAULTS.retryWindowMs,
    'how long a failing step is retried in the background in ms, e.g. 86400000',
  ),
  BRAND_SITES: optional(),
};

export function loadPipelineConfig(env: Env, fetcher?: () => SecretFetcher): PipelineConfig {
  const parsed = parseEnv(pipelineEnv, env);
  const retry: RetrySettings = {
    maxAttempts: parsed.PIPELINE_MAX_ATTEMPTS,
    baseDelayMs: parsed.PIPELINE_BACKOFF_BASE_MS,
    maxDelayMs: Math.max(parsed.PIPELINE_BACKOFF_MAX_MS, parsed.PIPELINE_BACKOFF_BASE_MS),
  };
  const siteTemplate = parsed.GUEST_SITE_URL;
  return {
    awsRegion: parsed.AWS_REGION,
    tableName: parsed.TABLE_NAME,
    logLevel: parsed.LOG_LEVEL,
    templatesDir: parsed.TEMPLATES_DIR,
    brandSites: parsed.BRAND_SITES,
    s3ForcePathStyle: parsed.S3_FORCE_PATH_STYLE,
    guestSiteUrl: (domain) => guestSiteUrl(siteTemplate, domain),
    scc: {
      url: parsed.SCC_URL,
      serviceKey: secretFromEnv(
        'SCC_SERVICE_KEY',
        env,
        'the ShipCaptainCrew service key (in AWS: SCC_SERVICE_KEY_SECRET_ID=/sailjada/shipcaptaincrew/SERVICE_KEY)',
        fetcher,
      ),
    },
    dashboard: {
      url: parsed.DASHBOARD_URL,
      token: secretFromEnv(
        'DASHBOARD_TOKEN',
        env,
        'the dashboard token (in AWS: DASHBOARD_TOKEN_SECRET_ID=/sailjada/dashboard/AUTH_TOKEN)',
        fetcher,
      ),
    },
    slack: {
      apiUrl: parsed.SLACK_API_URL,
      channel: parsed.SLACK_OPS_CHANNEL,
      botToken: secretFromEnv('SLACK_BOT_TOKEN', env, 'the Slack bot token (xoxb-…)', fetcher),
    },
    retry,
    backgroundRetry: {
      firstDelayMs: parsed.PIPELINE_RETRY_FIRST_DELAY_MS,
      maxDelayMs: Math.max(parsed.PIPELINE_RETRY_MAX_DELAY_MS, parsed.PIPELINE_RETRY_FIRST_DELAY_MS),
      windowMs: parsed.PIPELINE_RETRY_WINDOW_MS,
    },
    httpTimeoutMs: parsed.PIPELINE_HTTP_TIMEOUT_MS,
    leaseMs: parsed.PIPELINE_LEASE_MS,
    concurrency: parsed.PIPELINE_CONCURRENCY,
  };
}
