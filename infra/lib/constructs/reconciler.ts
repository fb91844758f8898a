/**
 * Reconciler: the pipeline, on the table's stream. Only booking and confirmation changes reach it (an event
 * filter on the entity attribute, so the step records it writes never wake it); a failing record is retried a
 * few times with the batch bisected, then its stream position goes to a dead-letter queue that alarms.
 * It also owns the EventBridge Scheduler group and role that later reminders use.
 *
 * Must never send email or hold SCC's or the dashboard's data: it reaches them over HTTP with their keys. Its
 * S3 access is limited to g/* and 404.html of the brand buckets (plus reading photos/) and CloudFront to
 * CreateInvalidation on their distributions.
 */
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GUEST_EDGE } from '../../../src/guest/edge-config';
import { STREAM_ENTITIES, TABLE_KEYS } from '../../../src/store/table-definition';
import type { LambdaBundle } from '../lambda-bundles';
import { justifyWildcardResources } from '../nag-checks';
import { type BrandSite, GUEST_PAGES_PREFIX, PHOTOS_PREFIX } from './brand-resources';
import type { Secrets } from './secrets';
import { type ServiceDefaults, ServiceFunction, TABLE_INDEXES } from './service-function';

export const STREAM_RETRY_ATTEMPTS = 3;

export interface ReconcilerProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  /** The booking table; its stream must be enabled. */
  readonly table: dynamodb.ITable;
  readonly secrets: Secrets;
  readonly sites: readonly BrandSite[];
  readonly sccUrl: string;
  readonly dashboardUrl: string;
  readonly slackOpsChannel: string;
  readonly slackApiUrl?: string;
}

export class Reconciler extends Construct {
  readonly service: ServiceFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  /** Timers (crew reminders, deadlines, background retries) EventBridge Scheduler could not deliver. */
  readonly scheduleDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    if (!props.table.tableStreamArn) throw new Error('Reconciler: the table has no stream');

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Schedules', {});
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'EventBridge Scheduler: invokes the reconciler for scheduled booking steps',
    });
    // Nothing scheduled is dropped: a timer whose invocations all failed lands here, alarms, and is replayed.
    this.scheduleDeadLetterQueue = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.scheduleDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is EventBridge Scheduler's dead-letter destination: it has none of its own.",
    });
    // Scheduler sends to the DLQ with the schedule's execution role.
    this.scheduleDeadLetterQueue.grantSendMessages(this.schedulerRole);

    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description:
        'Reconciler: brings SCC, calendar, guest page and Slack thread up to date with each booking',
      // A batch runs up to five steps per booking, each with its own retries and backoff: room for all of it.
      timeout: Duration.minutes(5),
      environment: {
        SCC_URL: props.sccUrl,
        DASHBOARD_URL: props.dashboardUrl,
        SLACK_OPS_CHANNEL: props.slackOpsChannel,
        ...(props.slackApiUrl ? { SLACK_API_URL: props.slackApiUrl } : {}),
        SCHEDULE_GROUP_NAME: this.scheduleGroup.scheduleGroupName,
        SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
        SCHEDULER_DLQ_ARN: this.scheduleDeadLetterQueue.queueArn,
      },
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination of the stream: it has none of its own.',
    });

    const fn = this.service.function;
    props.table.grantReadWriteData(fn);
    this.service.useSecrets(props.secrets, ['SLACK_BOT_TOKEN', 'SCC_SERVICE_KEY', 'DASHBOARD_TOKEN']);
    this.grantGuestPages(props.sites);
    this.grantSchedules();
    this.nightlyAudit();

    fn.addEventSource(
      new sources.DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new sources.SqsDlq(this.deadLetterQueue),
        filters: pipelineFilters(),
      }),
    );

    this.service.justifyWildcardResources(
      TABLE_INDEXES,
      {
        resource: /\/g\/\*$/,
        reason: 'g/* of each brand bucket: one object per guest page, named by slug and booking id.',
      },
      {
        resource: /\/photos\/\*$/,
        reason: 'photos/* of each brand bucket, read only (the first bytes, to check each is a photo).',
      },
      {
        resource: /:schedule\/[\w-]+\/\*$/,
        reason: "This reconciler's own schedule group: schedules are named per booking and step.",
      },
      {
        resource: /^\*$/,
        reason:
          'dynamodb:ListStreams only (added by the stream event source): it supports no resource-level permission.',
      },
    );
    justifyWildcardResources(this.schedulerRole, [
      {
        resource: /\.Arn>:\*$/,
        reason: 'lambda:InvokeFunction on the reconciler and its versions (<function ARN>:*), nothing else.',
      },
    ]);

    this.addAlarms(props.defaults);
  }

  private grantGuestPages(sites: readonly BrandSite[]): void {
    if (sites.length === 0) return;
    this.service.allow(
      new iam.PolicyStatement({
        sid: 'PublishGuestPages',
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: sites.flatMap((site) => [
          site.bucket.arnForObjects(`${GUEST_PAGES_PREFIX}*`),
          // The branded page the distribution answers 403/404 with (src/guest/edge-config.ts).
          site.bucket.arnForObjects(GUEST_EDGE.errorPage.key),
        ]),
      }),
    );
    // Only the first bytes of each photo are read, to keep anything that is not a photo off the page.
    this.service.allow(
      new iam.PolicyStatement({
        sid: 'SniffGuestPhotos',
        actions: ['s3:GetObject'],
        resources: sites.map((site) => site.bucket.arnForObjects(`${PHOTOS_PREFIX}*`)),
      }),
    );
    // Guest pages show the crew's photos: the reconciler lists photos/<bookingId>/ and nothing else.
    this.service.allow(
      new iam.PolicyStatement({
        sid: 'ListGuestPhotos',
        actions: ['s3:ListBucket'],
        resources: sites.map((site) => site.bucket.bucketArn),
        conditions: { StringLike: { 's3:prefix': [`${PHOTOS_PREFIX}*`] } },
      }),
    );
    for (const site of sites) site.distribution.grantCreateInvalidation(this.service.function);
  }

  /**
   * The drift audit, nightly at 02:00 Pacific (src/pipeline/drift-audit.ts): a recurring schedule in the
   * reconciler's own group, delivering the same timer event the one-time timers do (kind "audit").
   */
  private nightlyAudit(): void {
    new scheduler.CfnSchedule(this, 'NightlyAudit', {
      groupName: this.scheduleGroup.scheduleGroupName,
      description:
        'Charter Ops drift audit: repairs what drifted in SCC, the calendar, guest pages and Slack',
      scheduleExpression: 'cron(0 2 * * ? *)',
      scheduleExpressionTimezone: 'America/Los_Angeles',
      flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 30 },
      target: {
        arn: this.service.function.functionArn,
        roleArn: this.schedulerRole.roleArn,
        input: JSON.stringify({
          source: 'charter-ops.timer',
          timer: { name: 'audit.nightly', payload: { kind: 'audit', bookingId: '-', revision: 0 } },
        }),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: this.scheduleDeadLetterQueue.queueArn },
      },
    });
  }

  private grantSchedules(): void {
    const fn = this.service.function;
    this.scheduleGroup.grantWriteSchedules(fn);
    this.scheduleGroup.grantDeleteSchedules(fn);
    this.service.allow(
      new iam.PolicyStatement({
        sid: 'PassRoleToScheduler',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.grantInvoke(this.schedulerRole);
  }

  private addAlarms(defaults: ServiceDefaults): void {
    const action = defaults.alarmTopic ? new cloudwatchActions.SnsAction(defaults.alarmTopic) : undefined;
    const dlqDepth = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'Reconciler: a booking change could not be processed and was set aside in the DLQ',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const lagging = new cloudwatch.Alarm(this, 'IteratorAgeAlarm', {
      alarmDescription: 'Reconciler: booking changes have waited more than five minutes to be processed',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: this.service.function.functionName },
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: Duration.minutes(5).toMilliseconds(),
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const timersDropped = new cloudwatch.Alarm(this, 'ScheduleDeadLetterAlarm', {
      alarmDescription:
        'Reconciler: a scheduled timer (reminder, deadline or background retry) could not be delivered; replay it with npm run dlq:replay -- <ScheduleDeadLetterQueueUrl> --apply',
      metric: this.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (action) {
      dlqDepth.addAlarmAction(action);
      lagging.addAlarmAction(action);
      timersDropped.addAlarmAction(action);
    }
  }
}

/**
 * Stream records that start the pipeline: the new image is a booking or confirmation, or (for a removal,
 * which has no new image) the old one was.
 */
export function pipelineFilters(): Array<Record<string, unknown>> {
  const entity = { [TABLE_KEYS.entityAttribute]: { S: lambda.FilterRule.or(...STREAM_ENTITIES) } };
  return [
    lambda.FilterCriteria.filter({ dynamodb: { NewImage: entity } }),
    lambda.FilterCriteria.filter({
      eventName: lambda.FilterRule.isEqual('REMOVE'),
      dynamodb: { OldImage: entity },
    }),
  ];
}
