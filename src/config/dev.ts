/**
 * Settings of `npm run dev` (the whole system on one machine). Parsed once by src/dev/main.ts; never read
 * by a Lambda entry point. Which Slack the local system talks to follows from what is set:
 *   SLACK_APP_TOKEN + SLACK_BOT_TOKEN → a real workspace over Socket Mode;
 *   SLACK_API_URL                     → that Web API (a test's stand-in, or another workspace's proxy);
 *   neither                           → the built-in Slack sandbox at /slack-sandbox.
 */
import { z } from 'zod';
import { ConfigError } from '../errors';
import { type Env, optional, optionalSlackChannelId, parseEnv, withDefault } from './env';
import { optionalSlackApiUrl } from './slack-api';

export type DevSlackMode =
  | { kind: 'socket'; appToken: string; botToken: string; opsChannel: string }
  | { kind: 'web-api'; apiUrl: string; botToken: string | undefined; opsChannel?: string }
  | { kind: 'sandbox'; opsChannel?: string };

export interface DevConfig {
  port: number;
  host: string;
  dataDir: string;
  slack: DevSlackMode;
  /** Signing secret the local gateway verifies Slack requests with (the sandbox signs with it too). */
  slackSigningSecret: string | undefined;
  /**
   * SLACK_OPERATORS for the local Slack app. Unset: in the sandbox, its operator persona (Morgan Reyes);
   * with a real workspace or another Web API, nobody (set it to your own user id).
   */
  slackOperators: string | undefined;
  /** Level of the services' own JSON logs; the gateway's one-line request log is always shown. */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const devEnv = {
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 3000 : Number(v)))
    .pipe(
      z
        .number({ error: 'set it to a port number such as 3000' })
        .int({ error: 'set it to a port number such as 3000' })
        .min(1, { error: 'set it to a port number between 1 and 65535' })
        .max(65535, { error: 'set it to a port number between 1 and 65535' }),
    ),
  // Not HOST: some shells set that to the machine's name.
  DEV_HOST: withDefault('127.0.0.1'),
  DEV_DATA_DIR: withDefault('.data'),
  SLACK_APP_TOKEN: optional(),
  SLACK_BOT_TOKEN: optional(),
  SLACK_API_URL: optionalSlackApiUrl(),
  SLACK_SIGNING_SECRET: optional(),
  SLACK_OPS_CHANNEL: optionalSlackChannelId(),
  SLACK_OPERATORS: optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'set it to debug, info, warn or error' })
    .default('warn'),
};

export function loadDevConfig(env: Env): DevConfig {
  const parsed = parseEnv(devEnv, env);
  return {
    port: parsed.PORT,
    host: parsed.DEV_HOST,
    dataDir: parsed.DEV_DATA_DIR,
    slack: slackMode(
      parsed.SLACK_APP_TOKEN,
      parsed.SLACK_BOT_TOKEN,
      parsed.SLACK_API_URL,
      parsed.SLACK_OPS_CHANNEL,
    ),
    slackSigningSecret: parsed.SLACK_SIGNING_SECRET,
    slackOperators: parsed.SLACK_OPERATORS,
    logLevel: parsed.LOG_LEVEL,
  };
}

function slackMode(
  appToken: string | undefined,
  botToken: string | undefined,
  apiUrl: string | undefined,
  opsChannel: string | undefined,
): DevSlackMode {
  if (appToken) {
    if (!botToken) {
      throw new ConfigError(
        'Configuration error:\n  - SLACK_BOT_TOKEN is not set: Socket Mode (SLACK_APP_TOKEN) also needs the bot token (xoxb-…)',
      );
    }
    if (!appToken.startsWith('xapp-')) {
      throw new ConfigError(
        'Configuration error:\n  - SLACK_APP_TOKEN is invalid: set it to an app-level token (xapp-…) with connections:write',
      );
    }
    if (!opsChannel) {
      throw new ConfigError(
        'Configuration error:\n  - SLACK_OPS_CHANNEL is not set: in a real workspace, set it to the id of the channel for charter threads, like C0123ABCD',
      );
    }
    return { kind: 'socket', appToken, botToken, opsChannel };
  }
  if (apiUrl) {
    return { kind: 'web-api', apiUrl, botToken, ...(opsChannel ? { opsChannel } : {}) };
  }
  return { kind: 'sandbox', ...(opsChannel ? { opsChannel } : {}) };
}
