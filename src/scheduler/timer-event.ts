/**
 * The event EventBridge Scheduler invokes the reconciler with when a timer fires (the schedule's Target
 * Input, see src/scheduler/eventbridge-scheduler.ts): `{source: 'charter-ops.timer', timer: {name, payload}}`.
 * The reconciler's entry tells it apart from a DynamoDB Streams batch with isTimerEvent.
 */
import { TIMER_KINDS, type TimerPayload } from './timer';

export const TIMER_EVENT_SOURCE = 'charter-ops.timer';

export interface TimerEvent {
  source: typeof TIMER_EVENT_SOURCE;
  timer: { name: string; payload: TimerPayload };
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  const e = event as Partial<TimerEvent> | undefined;
  const payload = e?.timer?.payload as Partial<TimerPayload> | undefined;
  return (
    e?.source === TIMER_EVENT_SOURCE &&
    typeof e.timer?.name === 'string' &&
    typeof payload?.bookingId === 'string' &&
    typeof payload.revision === 'number' &&
    TIMER_KINDS.includes(payload.kind as TimerPayload['kind'])
  );
}
