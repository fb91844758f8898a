/**
 * Reading the environment: the one place that does. Each entry point calls a loader from src/config once at
 * start-up; a missing or malformed variable stops it with a message naming the variable and what it should
 * be. Nothing else in src/ reads process.env.
 */
import { z } from 'zod';
import { ConfigError } from '../errors';

export type Env = Readonly<Record<string, string | undefined>>;

/** Parses `env` with a schema whose keys are variable names; errors name every bad variable at once. */
export function parseEnv<S extends z.ZodRawShape>(shape: S, env: Env): z.output<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const missing = env[name] === undefined || env[name] === '';
    return missing ? `${name} is not set: ${issue.message}` : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigError(`Configuration error:\n  - ${lines.join('\n  - ')}`);
}

/** A required string; the description says what it is and where to get it. */
export const required = (what: string) =>
  z.string({ error: `set it to ${what}` }).min(1, { error: `set it to ${what}` });

/**
 * A Slack channel id: C… (public) or G… (private), as Slack's "Copy link" shows it, never a #name.
 * https://docs.slack.dev/reference/objects/conversation-object (id)
 */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const CHANNEL_HINT = 'the id of a channel, like C0123ABCD (C… or G…; right-click the channel → Copy link)';
export const slackChannelId = () =>
  z.string({ error: `set it to ${CHANNEL_HINT}` }).regex(CHANNEL_ID, { error: `set it to ${CHANNEL_HINT}` });
export const optionalSlackChannelId = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(CHANNEL_ID, { error: `set it to ${CHANNEL_HINT}` })
        .optional(),
    );

export const optional = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const withDefault = (value: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? value : v));

export const url = (what: string) =>
  z.url({ error: `set it to ${what} (an http(s) URL)` }).transform((v) => v.replace(/\/+$/, ''));

export const urlWithDefault = (value: string, what: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? value : v))
    .pipe(url(what));

export const positiveInt = (value: number, what: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? value : Number(v)))
    .pipe(
      z
        .number({ error: `set it to ${what}` })
        .int({ error: `set it to ${what}` })
        .positive(),
    );

export const flag = () =>
  z
    .string()
    .optional()
    .transform((v) => v === 'true' || v === '1');

/** Settings every service shares. */
export const commonEnv = {
  AWS_REGION: withDefault('us-west-2'),
  TABLE_NAME: withDefault('charter-ops'),
  TEMPLATES_DIR: withDefault('templates'),
  BRAND_SITES: optional(),
  BOATS: optional(),
  /** Where guest sites are reached, `{domain}` standing for the brand domain; local stacks serve them elsewhere. */
  GUEST_SITE_URL: withDefault('https://{domain}'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
};
