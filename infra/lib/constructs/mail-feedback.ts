/**
 * MailFeedback: how the system learns what happened to the mail it sent. Every SES send names one configuration
 * set (SES_CONFIGURATION_SET, given to SCC, which sends crew and guest mail); its event destination publishes
 * bounces, complaints, rejections and delivery delays to an SNS topic, which fills an SQS queue, which the mail
 * feedback function (src/handlers/mail-feedback.ts) drains. A message it cannot handle goes back to the queue
 * and, after a few receives, to a dead-letter queue that alarms.
 *
 *   SES send (ConfigurationSetName) → configuration set → SNS (KMS) → SQS (SSE) → Lambda
 *                                                                        └─ DLQ (alarm)
 *
 * Notifications carry recipients' addresses: the topic is encrypted with a key of its own (SES must be allowed
 * to use it: https://docs.aws.amazon.com/ses/latest/dg/event-publishing-add-event-destination-sns.html), the
 * queues with SQS-managed keys, and all of them refuse plain HTTP.
 *
 * Must never grant the function more than reading the roster and upcoming bookings and writing delivery
 * records, nor let anyone but SES of this account publish to the topic.
 */
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LambdaBundle } from '../lambda-bundles';
import { type ServiceDefaults, ServiceFunction, TABLE_INDEXES } from './service-function';

/** Receives before a notification is set aside in the dead-letter queue. */
export const FEEDBACK_MAX_RECEIVES = 5;

/**
 * What SES reports to the topic. Send and delivery are left out (one per email, nobody acts on them); a
 * rejection (virus) and a delivery delay are worth a log line and a count even though only bounces and
 * complaints mark a person. https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
export const FEEDBACK_EVENTS: readonly ses.EmailSendingEvent[] = [
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.DELIVERY_DELAY,
];

export interface MailFeedbackProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly table: dynamodb.ITable;
}

export class MailFeedback extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly topic: sns.Topic;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly service: ServiceFunction;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Per-configuration-set bounce and complaint rates in CloudWatch, beside the account's.
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const key = new kms.Key(this, 'TopicKey', {
      description:
        'Charter Ops: encrypts SES bounce and complaint notifications (recipient addresses) in SNS',
      enableKeyRotation: true,
    });
    // SES publishes to an encrypted topic only if it may use the key, and only for this account.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesEncrypted',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Charter Ops mail feedback (SES events)',
      masterKey: key,
      enforceSSL: true,
    });
    // addEventDestination also grants ses.amazonaws.com sns:Publish, limited to this configuration set.
    this.configurationSet.addEventDestination('ToTopic', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [...FEEDBACK_EVENTS],
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination of the mail feedback queue: it has none of its own.',
    });
    const timeout = Duration.seconds(30);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      // Lambda's advice: at least six times the function timeout, so a retried batch is not seen twice.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: FEEDBACK_MAX_RECEIVES },
    });
    this.topic.addSubscription(new subscriptions.SqsSubscription(this.queue));

    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'Mail feedback: marks crew and guests whose mail bounced or complained',
      timeout,
      memorySize: 256,
    });
    const fn = this.service.function;
    // Reads the roster and upcoming bookings (queries, GSI1) and writes delivery records: nothing else.
    props.table.grant(fn, 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem');
    this.service.justifyWildcardResources(TABLE_INDEXES);
    fn.addEventSource(
      new sources.SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'Mail feedback: a bounce or complaint notification could not be recorded and was set aside in the DLQ; see the function logs, fix the cause, then redrive the DLQ to its source queue (SQS console: Start DLQ redrive)',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.defaults.alarmTopic)
      this.deadLetterAlarm.addAlarmAction(new cloudwatchActions.SnsAction(props.defaults.alarmTopic));
  }

  /** The configuration set's ARN, for ses:SendRawEmail grants (sending with it is authorized on it too). */
  get configurationSetArn(): string {
    return `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${this.configurationSet.configurationSetName}`;
  }
}
