/**
 * What a firing retry timer does (background-retry.ts): runs the booking's reconcile once more, this time
 * also claiming the failed steps whose background retry is due. The run itself records the next retry, or
 * the success that turns the thread green.
 *
 * "Busy" (another reconciler holds a step longer than we wait) is a wait, not an attempt: the timer is set
 * again a little later and nothing is counted. Any other error is thrown, so the scheduler retries the firing
 * (and, in AWS, its dead-letter queue keeps it once those retries are spent). Never runs a step itself.
 */
import type { BackgroundRetrySettings } from '../config';
import type { Logger } from '../logging';
import type { TimerScheduler } from '../scheduler';
import { retryTimer } from './background-retry';
import { type Reconciler, StepBusyError } from './reconciler';
import type { StepName } from './step-records';

export interface FiredRetry {
  name: string;
  payload: { kind: string; bookingId: string; revision: number; step?: string };
}

export type RetryTimerOutcome = 'done' | 'missing' | 'busy';

export function createRetryTimerHandler(deps: {
  reconciler: Pick<Reconciler, 'reconcileBooking'>;
  scheduler: TimerScheduler;
  settings: BackgroundRetrySettings;
  now: () => Date;
  logger: Logger;
}) {
  return async function handleRetryTimer(timer: FiredRetry): Promise<RetryTimerOutcome> {
    const { bookingId, revision, step } = timer.payload;
    const logger = deps.logger.child({ timer: timer.name, bookingId, step });
    try {
      const outcome = await deps.reconciler.reconcileBooking(bookingId, { retryDue: true });
      logger.info('background retry ran', { status: outcome.status, steps: outcome.steps });
      return outcome.status === 'missing' ? 'missing' : 'done';
    } catch (error) {
      if (!(error instanceof StepBusyError)) throw error;
      const at = new Date(deps.now().getTime() + deps.settings.firstDelayMs);
      await deps.scheduler.schedule(retryTimer(bookingId, step as StepName | undefined, revision, at));
      logger.info('another reconciler is busy with the booking; trying again later', {
        at: at.toISOString(),
      });
      return 'busy';
    }
  };
}
