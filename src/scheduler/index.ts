/** One-time timers: EventBridge Scheduler in AWS, a store-backed local scheduler in dev and tests. */
export { EventBridgeTimerScheduler } from './eventbridge-scheduler';
export type { TimerHandler } from './local-scheduler';
export { LocalTimerScheduler, ManualClock } from './local-scheduler';
export type { Timer, TimerKind, TimerPayload, TimerScheduler } from './timer';
export { systemClock, timerName } from './timer';
export type { TimerEvent } from './timer-event';
export { isTimerEvent } from './timer-event';
