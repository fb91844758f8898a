/**
 * Timed work (reminders, answer deadlines, the day-before roster email, post-charter steps) as one-time
 * timers with idempotent names. In AWS they are EventBridge Scheduler schedules; locally and in tests a
 * store-backed scheduler driven by an injectable clock. Firing is at-least-once in both: whoever handles a
 * timer must make a second firing harmless.
 */

/**
 * `retry`: a pipeline step's background retry (src/pipeline/background-retry.ts); `guest-day-before`: the
 * guest's reminder email; `audit`: the nightly drift audit (src/pipeline/drift-audit.ts; bookingId "-").
 */
export const TIMER_KINDS = [
  'reminder',
  'deadline',
  'roster',
  'post-charter',
  'retry',
  'guest-day-before',
  'audit',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export interface TimerPayload {
  kind: TimerKind;
  bookingId: string;
  /** The booking revision the timer was computed for; a newer revision makes it stale. */
  revision: number;
  crewId?: string;
  /** For `retry`: the pipeline step to run again. */
  step?: string;
}

export interface Timer {
  name: string;
  at: Date;
  payload: TimerPayload;
}

export interface TimerScheduler {
  /** Creates or moves the timer called `timer.name`; scheduling the same timer twice is harmless. */
  schedule(timer: Timer): Promise<void>;
  /** Removes the timer; removing one that does not exist is harmless. */
  cancel(name: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** EventBridge Scheduler names: at most 64 of [0-9a-zA-Z-_.]. Same inputs, same name. */
export function timerName(payload: Pick<TimerPayload, 'kind' | 'bookingId' | 'crewId'>): string {
  const parts = [payload.kind, payload.bookingId, payload.crewId].filter(Boolean).join('.');
  return parts.replace(/[^0-9a-zA-Z\-_.]/g, '_').slice(0, 64);
}
