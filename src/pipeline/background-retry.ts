/**
 * Retries that outlive a bad hour. A step whose run ended in a transient failure (SCC down, Slack having
 * trouble) is not left for a person: it gets a one-time timer (EventBridge Scheduler in AWS, the local
 * scheduler in dev and tests) that runs the booking again later, with growing backoff (minutes → hours,
 * capped) for up to a day after the step first failed at that revision. Only a permanent failure, or a day of
 * transient ones, waits for the "Retry failed steps" button.
 *
 * "Still sending" (SCC's work under way) and "busy" (another reconciler holds the step) are waits, not
 * attempts: they come back soon and do not count. This module decides when and names the timer; it never runs
 * a step, and never schedules one for a permanent failure.
 */

import type { BackgroundRetrySettings } from '../config';
import type { StepFailure } from '../retry';
import type { Timer } from '../scheduler';
import type { StepName } from './step-names';

/** The background retry a failed step waits for, kept on its step record. */
export interface StepRetry {
  /** The booking revision the failure was about: a retry of an older revision means nothing. */
  revision: number;
  /** The run that will happen at `at`, counting the first run as 1 (waits do not count). */
  attempt: number;
  /** When the step first failed at this revision: the window is counted from here. */
  firstFailedAt: string;
  /** When the retry is due (ISO). */
  at: string;
}

export type RetryDecision =
  | { kind: 'retry'; retry: StepRetry }
  /** Permanent failure, or the window is spent: a person must act. */
  | { kind: 'person'; why: 'permanent' | 'window' };

/**
 * What follows a failed run: `previous` is the retry the step waited for before this run (same revision
 * only), `now` the failure's time.
 */
export function decideRetry(options: {
  failure: StepFailure;
  revision: number;
  previous: StepRetry | undefined;
  now: Date;
  settings: BackgroundRetrySettings;
}): RetryDecision {
  const { failure, settings, now } = options;
  if (failure.kind === 'permanent') return { kind: 'person', why: 'permanent' };
  const previous = options.previous?.revision === options.revision ? options.previous : undefined;
  const firstFailedAt = previous?.firstFailedAt ?? now.toISOString();
  // The run that just failed was attempt `ran`; a wait leaves the count where it was.
  const ran = previous?.attempt ?? 1;
  const attempt = failure.wait ? ran : ran + 1;
  const delayMs = failure.wait ? settings.firstDelayMs : backgroundDelayMs(attempt - 1, settings);
  const at = new Date(now.getTime() + delayMs);
  if (at.getTime() > Date.parse(firstFailedAt) + settings.windowMs) return { kind: 'person', why: 'window' };
  return {
    kind: 'retry',
    retry: { revision: options.revision, attempt, firstFailedAt, at: at.toISOString() },
  };
}

/** The wait before background retry number `n` (1-based): first, doubled each time, capped. */
export function backgroundDelayMs(n: number, settings: BackgroundRetrySettings): number {
  const doubled = settings.firstDelayMs * 2 ** Math.max(0, Math.min(30, n - 1));
  return Math.min(settings.maxDelayMs, doubled);
}

/** Whether a failed step's background retry is due at `now` (a timer may fire a little early). */
export function isRetryDue(
  retry: StepRetry | undefined,
  revision: number,
  now: Date,
  toleranceMs = 60_000,
): boolean {
  return retry?.revision === revision && Date.parse(retry.at) <= now.getTime() + toleranceMs;
}

const SHORT: Readonly<Record<string, string>> = {
  'scc-event': 'scc',
  'calendar-entry': 'cal',
  'guest-page': 'page',
  invalidation: 'inv',
  'slack-thread': 'slack',
};

/**
 * The timer for one retry. Its name carries the due time, so every retry is a fresh one-time schedule (an
 * EventBridge schedule deleted after it fires is never updated while it fires); a stale one finds nothing
 * due and does nothing. EventBridge Scheduler names: at most 64 of [0-9a-zA-Z-_.].
 */
export function retryTimer(bookingId: string, step: StepName | undefined, revision: number, at: Date): Timer {
  const stamp = Math.floor(at.getTime() / 1000).toString(36);
  const tag = step ? (SHORT[step] ?? step) : 'all';
  const name = `retry.${tag}.${stamp}.${bookingId}`.replace(/[^0-9a-zA-Z\-_.]/g, '_').slice(0, 64);
  return { name, at, payload: { kind: 'retry', bookingId, revision, ...(step ? { step } : {}) } };
}
