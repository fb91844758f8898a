/**
 * Exponential backoff with full jitter for transient failures; permanent failures are not retried.
 *
 * Two layers, both bounded: each outside call is tried a few times (CALL_ATTEMPTS: retryCall here for SCC,
 * the dashboard and Slack; sdkRetryStrategy inside the AWS SDK for S3 and CloudFront), because a step such as the
 * guest page makes several calls and must not start over for one lost packet; and each step is tried
 * `maxAttempts` times by the step runner, whose attempts are recorded on the step record. Every call the
 * pipeline makes is safe to repeat, so a retry can never double a side effect.
 */
import type { RetrySettings } from '../config';
import type { StepFailure } from './failures';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (1-based): a random point in
 * [0, min(max, base · 2^(attempt-1))]. Full jitter keeps many bookings failing together from retrying together.
 */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number = Math.random) {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

export interface RetryHooks {
  settings: RetrySettings;
  classify(error: unknown): StepFailure;
  /** Called after each failed attempt that will be retried, before the backoff (e.g. to record it). */
  onRetry?(failure: StepFailure, attempt: number, delayMs: number): Promise<void>;
  sleep?: Sleep;
  random?: () => number;
}

/** Tries per outside call, the first included (the call layer; the step layer multiplies it). */
export const CALL_ATTEMPTS = 3;

/** The call layer: same backoff as the steps, but only CALL_ATTEMPTS tries and a shorter ceiling. */
export function callRetrySettings(step: RetrySettings): RetrySettings {
  return {
    maxAttempts: CALL_ATTEMPTS,
    baseDelayMs: step.baseDelayMs,
    maxDelayMs: Math.max(step.baseDelayMs, Math.floor(step.maxDelayMs / 4)),
  };
}

/** Runs one outside call with the call layer's retries; throws the last error when they run out. */
export async function retryCall<T>(
  call: () => Promise<T>,
  settings: RetrySettings,
  classify: (error: unknown) => StepFailure,
  sleep: Sleep = realSleep,
): Promise<T> {
  const outcome = await retryTransient(call, { settings, classify, sleep });
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

interface SdkRetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/**
 * The call layer for AWS SDK clients (S3, CloudFront): a retry strategy (the SDK's RetryStrategyV2 shape)
 * with our backoff and no retry quota. The SDK's standard strategy stops retrying once its token bucket is
 * spent, which under a burst of failures turns every call of a many-call step into a single try. Only what
 * the SDK classes as transient, throttling or server errors is retried; client errors (4xx) are not.
 */
export function sdkRetryStrategy(settings: RetrySettings, random: () => number = Math.random) {
  const token = (count: number, delay: number): SdkRetryToken => ({
    getRetryCount: () => count,
    getRetryDelay: () => delay,
  });
  return {
    acquireInitialRetryToken: async (_scope: string): Promise<SdkRetryToken> => token(0, 0),
    refreshRetryTokenForRetry: async (
      previous: SdkRetryToken,
      info: { errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR' },
    ): Promise<SdkRetryToken> => {
      const retries = previous.getRetryCount() + 1;
      if (info.errorType === 'CLIENT_ERROR' || retries >= settings.maxAttempts)
        throw new Error('No retries left for this call.');
      return token(retries, backoffDelay(retries, settings, random));
    },
    recordSuccess: (_token: SdkRetryToken): void => {},
  };
}

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; failure: StepFailure; attempts: number; error: unknown };

/**
 * Runs `operation` until it succeeds, fails permanently, or runs out of attempts. Failures of `operation` are
 * returned, not thrown; only an error thrown by `classify` or `onRetry` (e.g. a lost lease) propagates.
 */
export async function retryTransient<T>(
  operation: (attempt: number) => Promise<T>,
  hooks: RetryHooks,
): Promise<RetryOutcome<T>> {
  const sleep = hooks.sleep ?? realSleep;
  const max = Math.max(1, hooks.settings.maxAttempts);
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const failure = hooks.classify(error);
      if (failure.kind === 'permanent' || attempt >= max)
        return { ok: false, failure, attempts: attempt, error };
      const delay = backoffDelay(attempt, hooks.settings, hooks.random);
      await hooks.onRetry?.(failure, attempt, delay);
      await sleep(delay);
    }
  }
}
