/**
 * Waiting out Slack's rate limits. Slack answers a call over its method's limit with HTTP 429 and
 * `Retry-After` (seconds) and does nothing else, so the same call is safe to make again after that wait,
 * even chat.postMessage (https://docs.slack.dev/apis/web-api/rate-limits: "Responding to rate limiting
 * conditions"). Used by every pipeline call to Slack, so a burst never fails a step or drops an update.
 * Must never retry anything but a rate-limited call: other failures go to the caller's own retry policy.
 */

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After of a WebClient error thrown for a 429 (rejectRateLimitedCalls: true), in seconds. */
export function rateLimitedFor(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: unknown };
  if (e?.code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : 1;
}

export interface WaitOptions {
  sleep?: Sleep;
  /** How many rate-limit waits one call may take before the 429 is handed to the caller (bounded, not lost). */
  maxWaits?: number;
  /** Told of each wait (e.g. to log it). */
  onWait?: (seconds: number) => void;
}

/** Runs `call`; each time Slack says "ratelimited", waits what it asked and calls again. */
export async function waitOutRateLimits<T>(call: () => Promise<T>, options: WaitOptions = {}): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const maxWaits = options.maxWaits ?? 120;
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (error) {
      const seconds = rateLimitedFor(error);
      if (seconds === undefined || waits >= maxWaits) throw error;
      options.onWait?.(seconds);
      await sleep(seconds * 1000);
    }
  }
}
