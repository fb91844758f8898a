/**
 * Exponential backoff with full jitter for transient failures; permanent failures are not retried. The
 * pipeline's step runner is the only retry layer: clients it uses are built with their own retries off, so
 * attempts do not multiply.
 */
import type { RetrySettings } from '../config/pipeline';
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
