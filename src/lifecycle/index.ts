/**
 * The crew lifecycle: answer deadlines with escalation, one reminder, the decline cascade, the day-before
 * roster, change history in the thread, and the captain's completion, all driven by timers (EventBridge
 * Scheduler in AWS, the local scheduler in dev and tests) and by the pipeline.
 *
 * What other packages may use, by name. Built by src/wiring/create-crew-lifecycle.ts.
 */
export { crewLifecycleStep } from './lifecycle-step';
export { LifecycleStore } from './lifecycle-store';
export type { FiredTimer, TimerOutcome } from './timer-handler';
export { createTimerHandler } from './timer-handler';
