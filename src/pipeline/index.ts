/**
 * The provisioning pipeline: the reconciler that brings SCC, the dashboard calendar, the guest page, the CDN
 * and the Slack thread up to date with each booking, driven by the table's change feed.
 */
export * from './aws-clients';
export * from './reconciler';
export * from './step-records';
export { stepStatesFor } from './steps/slack-thread';
export * from './stream-event';
export * from './stream-poller';
