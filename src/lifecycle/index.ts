/**
 * The crew lifecycle: answer deadlines with escalation, one reminder, the decline cascade, the day-before
 * roster, change history in the thread, and the captain's completion, all driven by timers (EventBridge
 * Scheduler in AWS, the local scheduler in dev and tests) and by the pipeline.
 */
export * from './lifecycle-step';
export * from './lifecycle-store';
export * from './timer-event';
export * from './timer-handler';
export * from './timer-plan';
export * from './timer-sync';
