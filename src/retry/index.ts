/** What is worth retrying: transient errors and backoff. */

export type { FailureKind, StepFailure } from './failures';
export { describeFailure, isTransientStatus, oneSentence } from './failures';
export type { Sleep } from './retry';
export { callRetrySettings, realSleep, retryCall, retryTransient, sdkRetryStrategy } from './retry';
