/**
 * The business metrics, named once: the code that emits them (business-metrics.ts, through Powertools Metrics
 * as CloudWatch embedded metric format) and the CDK dashboard and alarms that read them import these names,
 * so a rename cannot leave an alarm watching a metric nobody emits.
 *
 * Pure data: no AWS SDK, no Powertools, nothing that does I/O (the infra imports it).
 */

/** CloudWatch namespace of every business metric (POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'CharterOps';

/** The `service` dimension Powertools adds: each Lambda's POWERTOOLS_SERVICE_NAME, its bundle name. */
export const METRIC_SERVICES = {
  slack: 'slack',
  reconciler: 'reconciler',
  scc: 'scc',
  mailFeedback: 'mail-feedback',
} as const;
export type MetricService = (typeof METRIC_SERVICES)[keyof typeof METRIC_SERVICES];

export const METRIC = {
  /** A booking was written for the first time (Slack app). */
  bookingsCreated: 'BookingsCreated',
  /** Milliseconds from a booking revision's write to every step done at that revision (reconciler). */
  timeToAllGreen: 'TimeToAllGreen',
  /** A step run failed (any kind; reconciler). */
  stepsFailed: 'StepsFailed',
  /** A failed step got a background retry timer (reconciler). */
  stepsRetried: 'StepsRetried',
  /** A failed step waits for a person: a permanent error or a day of transient ones (reconciler). */
  stepsWaitingForPerson: 'StepsWaitingForPerson',
  /** SES accepted an email (SCC: crew and guest mail). */
  emailsSent: 'EmailsSent',
  /** SES reported a bounce for a recipient (mail feedback). */
  emailsBounced: 'EmailsBounced',
  /** SES reported a complaint for a recipient (mail feedback). */
  emailsComplained: 'EmailsComplained',
  /** A crew member answered (confirmed or declined) on the crew page (SCC) or in Slack. */
  crewAnswers: 'CrewAnswers',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Which service emits which metric: the dashboard and alarms look for each exactly there. */
export const METRIC_SOURCES: Record<MetricName, readonly MetricService[]> = {
  BookingsCreated: ['slack'],
  TimeToAllGreen: ['reconciler'],
  StepsFailed: ['reconciler'],
  StepsRetried: ['reconciler'],
  StepsWaitingForPerson: ['reconciler'],
  EmailsSent: ['scc'],
  EmailsBounced: ['mail-feedback'],
  EmailsComplained: ['mail-feedback'],
  CrewAnswers: ['scc', 'slack'],
};
