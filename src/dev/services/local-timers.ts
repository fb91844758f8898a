/**
 * The crew lifecycle's timers in `npm run dev`: the local scheduler (timers kept in the table, so they survive
 * a restart) fired on an interval against the system clock, as EventBridge Scheduler fires them in AWS.
 * Development only.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FiredTimer } from '../../lifecycle';
import type { Logger } from '../../logging';
import { LocalTimerScheduler, systemClock, type TimerHandler } from '../../scheduler';

export interface LocalTimers {
  scheduler: LocalTimerScheduler;
  /** Starts firing due timers with `handle` every `intervalMs`. */
  start(handle: (timer: FiredTimer) => Promise<unknown>): void;
  stop(): Promise<void>;
}

export const LOCAL_TIMER_INTERVAL_MS = 5_000;

export function createLocalTimers(options: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  logger: Logger;
  intervalMs?: number;
}): LocalTimers {
  const scheduler = new LocalTimerScheduler(options.doc, options.tableName, systemClock);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  return {
    scheduler,
    start(handle) {
      const fire: TimerHandler = async (due) => {
        await handle(due);
      };
      const tick = () => {
        // One pass at a time: a slow pass (SCC emailing) is not overlapped by the next.
        running ??= scheduler
          .runDue(fire)
          .then((fired) => {
            if (fired > 0) options.logger.info('timers fired', { fired });
          })
          .catch((error: unknown) => options.logger.warn('timers could not be read', { error }))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setInterval(tick, options.intervalMs ?? LOCAL_TIMER_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
