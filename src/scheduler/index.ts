/** One-time timers: EventBridge Scheduler in AWS, a store-backed local scheduler in dev and tests. */
export * from './eventbridge-scheduler';
export * from './local-scheduler';
export * from './timer';
