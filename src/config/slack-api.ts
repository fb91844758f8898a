/**
 * SLACK_API_URL, the Slack Web API base, parsed in one place for the three services that read it (the Slack
 * app, the reconciler, `npm run dev`). An http(s) URL, always ending in `/`: the WebClient appends method names.
 */
import { z } from 'zod';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

const HINT = `set it to the Slack Web API base URL, like ${DEFAULT_SLACK_API_URL} or a stand-in's http://127.0.0.1:4000/api/`;

/** Whether `value` is an http(s) URL: SLACK_API_URL here, a response_url Slack handed the app elsewhere. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const apiBase = z
  .string()
  .refine(isHttpUrl, { error: HINT })
  .transform((v) => (v.endsWith('/') ? v : `${v}/`));

/** SLACK_API_URL with Slack's own as the default (the Slack app, the reconciler). */
export const slackApiUrl = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? DEFAULT_SLACK_API_URL : v))
    .pipe(apiBase);

/** SLACK_API_URL when its absence means something (`npm run dev`: no URL → the local sandbox). */
export const optionalSlackApiUrl = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(apiBase.optional());
