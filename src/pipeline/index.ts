/**
 * The provisioning pipeline: the reconciler that brings SCC, the dashboard calendar, the guest page, the CDN
 * and the Slack thread up to date with each booking, driven by the table's change feed.
 *
 * What other packages may use, by name. Assembled by src/wiring/create-pipeline.ts.
 */
export { createPipelineAwsClients } from './aws-clients';
export type { DriftAudit } from './drift-audit';
export { createDriftAudit, nextNightlyAudit } from './drift-audit';
export { OnceOnly } from './once-only';
export type { Reconciler } from './reconciler';
export { createReconciler } from './reconciler';
export type { FiredRetry } from './retry-timer';
export { createRetryTimerHandler } from './retry-timer';
export type { StepName } from './step-names';
export { StepRecordStore } from './step-records';
export { calendarEntryStep } from './steps/calendar-entry';
export { GUEST_MAIL_STEP, guestMailState, guestMailStep, sendDayBefore } from './steps/guest-mail';
export { guestPageStep } from './steps/guest-page';
export { invalidationStep } from './steps/invalidation';
export { sccEventStep } from './steps/scc-event';
export { slackThreadStep, stepStatesFor } from './steps/slack-thread';
export type { PipelineStep } from './steps/step';
export type { StreamEventHandler, StreamHandlerDeps } from './stream-event';
export { createStreamHandler } from './stream-event';
export type { StreamPoller } from './stream-poller';
export { fileCheckpoints, startStreamPoller } from './stream-poller';
export type { ReplyOutcome } from './thread-replies';
export { ThreadReplies } from './thread-replies';
