/**
 * Brings a booking's scheduled timers in line with its plan: schedules what is new or moved (schedule()
 * upserts by name, so a rescheduled charter moves the same timers), cancels what is no longer planned (a
 * person answered or left, the charter was cancelled), and remembers what it scheduled. A planned timer whose
 * time has come is left alone (it is firing, or fired: never cancel one that may be about to act), and one
 * that was never scheduled is not scheduled in the past.
 *
 * Safe to repeat and to crash in: scheduling and cancelling are idempotent, and the record is written last.
 */
import type { Booking } from '../domain';
import type { Logger } from '../logging';
import type { TimerScheduler } from '../scheduler';
import type { LifecycleStore } from './lifecycle-store';
import type { PlannedTimer } from './timer-plan';

export interface TimerSyncDeps {
  scheduler: TimerScheduler;
  store: Pick<LifecycleStore, 'scheduledTimers' | 'saveScheduledTimers'>;
  logger: Logger;
}

export interface TimerSyncResult {
  scheduled: string[];
  cancelled: string[];
  /** Every timer this booking has (waiting, or due and not known to have fired): name → ISO time. */
  pending: Map<string, string>;
}

export async function syncTimers(
  deps: TimerSyncDeps,
  booking: Pick<Booking, 'id'>,
  planned: readonly PlannedTimer[],
  now: Date,
): Promise<TimerSyncResult> {
  const before = await deps.store.scheduledTimers(booking.id);
  const future = (t: PlannedTimer) => t.at.getTime() > now.getTime();
  const kept = planned.filter((t) => future(t) || before.has(t.name));
  const pending = new Map(
    kept.map((t) => [t.name, future(t) ? t.at.toISOString() : (before.get(t.name) as string)]),
  );
  const scheduled: string[] = [];
  const cancelled: string[] = [];
  for (const timer of kept) {
    if (!future(timer) || before.get(timer.name) === timer.at.toISOString()) continue;
    await deps.scheduler.schedule(timer);
    scheduled.push(timer.name);
  }
  for (const name of before.keys()) {
    if (pending.has(name)) continue;
    await deps.scheduler.cancel(name);
    cancelled.push(name);
  }
  if (scheduled.length > 0 || cancelled.length > 0 || before.size !== pending.size) {
    await deps.store.saveScheduledTimers(booking.id, pending, now);
    deps.logger.info('timers planned', {
      bookingId: booking.id,
      scheduled,
      cancelled,
      pending: pending.size,
    });
  }
  return { scheduled, cancelled, pending };
}
