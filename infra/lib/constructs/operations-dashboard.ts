/**
 * OperationsDashboard: one CloudWatch dashboard of what the business runs on (bookings, time to all-green,
 * steps failed and retried, mail sent and bounced, crew answers, queues) and the alarms a person must act on
 * that are not already owned by a service construct:
 *
 * - a step waits for a person (a permanent error, or a day of transient ones): someone must fix and retry;
 * - SES's account reputation nears the level at which SES reviews or pauses sending.
 *
 * The dead-letter queues alarm where they are made (Reconciler, MailFeedback); the dashboard shows them too.
 * Metric names come from src/observability/metric-names.ts, the module the code emits them with.
 *
 * Must never create a metric the code does not emit, nor alarm on something nobody can act on.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  METRIC,
  METRIC_SOURCES,
  METRICS_NAMESPACE,
  type MetricName,
} from '../../../src/observability/metric-names';
import type { ServiceFunction } from './service-function';

/**
 * SES's documented reputation thresholds: at a bounce rate of 5% an account is placed under review, at 10%
 * sending may be paused; for complaints 0.1% and 0.5%. We alarm at the review level, before any pause.
 * https://docs.aws.amazon.com/ses/latest/dg/reputationdashboard-messages.html
 * https://docs.aws.amazon.com/ses/latest/dg/reputation-monitoring-alarms.html (the Reputation.* metrics)
 */
export const SES_REVIEW_BOUNCE_RATE = 0.05;
export const SES_REVIEW_COMPLAINT_RATE = 0.001;

export interface OperationsDashboardProps {
  readonly alarmTopic: sns.ITopic;
  readonly functions: readonly ServiceFunction[];
  /** Dead-letter queues to show, by label. */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
}

export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly stepsWaitingAlarm: cloudwatch.Alarm;
  readonly bounceRateAlarm: cloudwatch.Alarm;
  readonly complaintRateAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const action = new cloudwatchActions.SnsAction(props.alarmTopic);

    this.stepsWaitingAlarm = new cloudwatch.Alarm(this, 'StepsWaitingForPersonAlarm', {
      alarmDescription:
        'A booking step failed for good (a permanent error, or a day of retries) and waits for a person: the booking thread says what to fix, then press Retry failed steps',
      metric: businessMetric(METRIC.stepsWaitingForPerson, 'Sum', Duration.minutes(5)),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.bounceRateAlarm = new cloudwatch.Alarm(this, 'BounceRateAlarm', {
      alarmDescription: `SES bounce rate reached ${SES_REVIEW_BOUNCE_RATE * 100}%, where SES places the account under review (10% may pause sending): fix the bounced addresses the threads name`,
      metric: sesReputation('Reputation.BounceRate'),
      threshold: SES_REVIEW_BOUNCE_RATE,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.complaintRateAlarm = new cloudwatch.Alarm(this, 'ComplaintRateAlarm', {
      alarmDescription: `SES complaint rate reached ${SES_REVIEW_COMPLAINT_RATE * 100}%, where SES places the account under review (0.5% may pause sending)`,
      metric: sesReputation('Reputation.ComplaintRate'),
      threshold: SES_REVIEW_COMPLAINT_RATE,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.stepsWaitingAlarm, this.bounceRateAlarm, this.complaintRateAlarm])
      alarm.addAlarmAction(action);

    const hour = Duration.hours(1);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Bookings created and crew answers (per hour)',
        left: [
          businessMetric(METRIC.bookingsCreated, 'Sum', hour),
          businessMetric(METRIC.crewAnswers, 'Sum', hour),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Time from a booking write to all green',
        left: [
          businessMetric(METRIC.timeToAllGreen, 'p50', hour, 'p50'),
          businessMetric(METRIC.timeToAllGreen, 'p90', hour, 'p90'),
          businessMetric(METRIC.timeToAllGreen, 'Maximum', hour, 'max'),
        ],
        leftYAxis: { label: 'ms', showUnits: false },
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Steps failed, retried in the background, waiting for a person',
        left: [
          businessMetric(METRIC.stepsFailed, 'Sum', hour),
          businessMetric(METRIC.stepsRetried, 'Sum', hour),
          businessMetric(METRIC.stepsWaitingForPerson, 'Sum', hour),
        ],
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [this.stepsWaitingAlarm, this.bounceRateAlarm, this.complaintRateAlarm],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Emails sent, bounced, complained (per hour)',
        left: [
          businessMetric(METRIC.emailsSent, 'Sum', hour),
          businessMetric(METRIC.emailsBounced, 'Sum', hour),
          businessMetric(METRIC.emailsComplained, 'Sum', hour),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'SES reputation (alarm at the review thresholds)',
        left: [sesReputation('Reputation.BounceRate'), sesReputation('Reputation.ComplaintRate')],
        leftAnnotations: [
          { value: SES_REVIEW_BOUNCE_RATE, label: 'bounce: review' },
          { value: SES_REVIEW_COMPLAINT_RATE, label: 'complaint: review' },
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages waiting)',
        left: Object.entries(props.deadLetterQueues).map(([label, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            label,
            period: Duration.minutes(5),
            statistic: cloudwatch.Stats.MAXIMUM,
          }),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: props.functions.map((service) =>
          service.function.metricErrors({
            label: service.node.scope?.node.id ?? service.node.id,
            period: Duration.minutes(5),
            statistic: cloudwatch.Stats.SUM,
          }),
        ),
        width: 12,
      }),
    );
  }
}

/**
 * A business metric summed over the services that emit it (Powertools adds the `service` dimension). With one
 * source it is the plain metric (alarms need that); with several, a math expression adding them up.
 */
function businessMetric(
  name: MetricName,
  statistic: string,
  period: Duration,
  label: string = name,
): cloudwatch.IMetric {
  const metrics = METRIC_SOURCES[name].map(
    (service) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service },
        statistic,
        period,
        // A label would render an alarm's metric as a metric-math entry; single metrics keep their name.
        ...(METRIC_SOURCES[name].length > 1
          ? { label: `${label} (${service})` }
          : label !== name
            ? { label }
            : {}),
      }),
  );
  if (metrics.length === 1) return metrics[0]!;
  return new cloudwatch.MathExpression({
    expression: metrics.map((_m, i) => `FILL(m${i}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(metrics.map((m, i) => [`m${i}`, m])),
    label,
    period,
  });
}

/** SES's account-wide reputation (no dimensions), the figure SES's review looks at. */
function sesReputation(metricName: 'Reputation.BounceRate' | 'Reputation.ComplaintRate'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/SES',
    metricName,
    statistic: cloudwatch.Stats.MAXIMUM,
    period: Duration.hours(1),
  });
}
