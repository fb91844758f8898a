/**
 * ServicesStack: the four services (six functions: SCC's guest mail and the dashboard's reports run apart),
 * their HTTP APIs, the stream pipeline and the alarms. Stateless: it can be destroyed and redeployed at will;
 * everything it keeps lives in the DataStack.
 *
 * Must never create a table, bucket or secret.
 */
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { type BrandSender, type BrandSite, brandSitesValue } from '../constructs/brand-resources';
import { DashboardService } from '../constructs/dashboard-service';
import { MailFeedback } from '../constructs/mail-feedback';
import { OperationsDashboard } from '../constructs/operations-dashboard';
import { Reconciler } from '../constructs/reconciler';
import { SccService } from '../constructs/scc-service';
import type { Secrets } from '../constructs/secrets';
import type { ServiceDefaults } from '../constructs/service-function';
import { SlackApp } from '../constructs/slack-app';
import { LAMBDA_BUNDLES, type LambdaBundle } from '../lambda-bundles';

export interface ServicesStackProps extends StackProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  readonly sites: readonly BrandSite[];
  readonly senders: readonly BrandSender[];
  readonly secrets: Secrets;
  readonly slackOpsChannel: string;
  readonly slackApiUrl?: string;
  /** SLACK_OPERATORS for the Slack app. */
  readonly slackOperators?: string;
  /** BOATS: the fleet as JSON; omitted means the built-in fleet. */
  readonly boatsJson?: string;
  readonly scc: {
    readonly serviceKeyHash: string;
    readonly photoMaxBytes: number;
    readonly publicUrl?: string;
  };
  /** Use an SCC / dashboard already running elsewhere; default this stack's own. */
  readonly sccUrl?: string;
  readonly dashboardUrl?: string;
  readonly logRetention: logs.RetentionDays;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
}

export class ServicesStack extends Stack {
  readonly slack: SlackApp;
  readonly reconciler: Reconciler;
  readonly scc: SccService;
  readonly dashboard: DashboardService;
  readonly mailFeedback: MailFeedback;
  readonly operations: OperationsDashboard;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: 'Charter Ops alarms', enforceSSL: true });
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no personal data or secrets, and CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key; a customer key would cost more at rest than the stack.',
    });
    if (props.alarmEmail)
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const defaults: ServiceDefaults = {
      projectRoot: props.projectRoot,
      logRetention: props.logRetention,
      alarmTopic: this.alarmTopic,
      environment: {
        TABLE_NAME: props.table.tableName,
        BRAND_SITES: this.toJsonString(brandSitesValue(props.sites)),
        ...(props.boatsJson ? { BOATS: props.boatsJson } : {}),
      },
    };
    const bundle = (name: LambdaBundle['name']): LambdaBundle => {
      const found = LAMBDA_BUNDLES.find((b) => b.name === name);
      if (!found) throw new Error(`No Lambda bundle named ${name}`);
      return found;
    };

    this.slack = new SlackApp(this, 'SlackApp', {
      bundle: bundle('slack'),
      defaults,
      table: props.table,
      secrets: props.secrets,
      slackOpsChannel: props.slackOpsChannel,
      ...(props.slackApiUrl ? { slackApiUrl: props.slackApiUrl } : {}),
      ...(props.slackOperators ? { slackOperators: props.slackOperators } : {}),
    });
    this.mailFeedback = new MailFeedback(this, 'MailFeedback', {
      bundle: bundle('mail-feedback'),
      defaults,
      table: props.table,
    });
    this.scc = new SccService(this, 'Scc', {
      bundle: bundle('scc'),
      defaults,
      table: props.table,
      secrets: props.secrets,
      sites: props.sites,
      senders: props.senders,
      serviceKeyHash: props.scc.serviceKeyHash,
      photoMaxBytes: props.scc.photoMaxBytes,
      ...(props.scc.publicUrl ? { publicUrl: props.scc.publicUrl } : {}),
      configurationSet: {
        name: this.mailFeedback.configurationSet.configurationSetName,
        arn: this.mailFeedback.configurationSetArn,
      },
    });
    this.dashboard = new DashboardService(this, 'Dashboard', {
      bundle: bundle('dashboard'),
      defaults,
      table: props.table,
      secrets: props.secrets,
    });
    this.reconciler = new Reconciler(this, 'Reconciler', {
      bundle: bundle('reconciler'),
      defaults,
      table: props.table,
      secrets: props.secrets,
      sites: props.sites,
      sccUrl: props.sccUrl ?? this.scc.endpoint.url,
      dashboardUrl: props.dashboardUrl ?? this.dashboard.endpoint.url,
      slackOpsChannel: props.slackOpsChannel,
      ...(props.slackApiUrl ? { slackApiUrl: props.slackApiUrl } : {}),
    });

    this.operations = new OperationsDashboard(this, 'Operations', {
      alarmTopic: this.alarmTopic,
      functions: [
        this.slack.service,
        this.reconciler.service,
        this.scc.service,
        this.dashboard.service,
        this.mailFeedback.service,
      ],
      deadLetterQueues: {
        'booking changes (stream)': this.reconciler.deadLetterQueue,
        'timers (scheduler)': this.reconciler.scheduleDeadLetterQueue,
        'mail feedback': this.mailFeedback.deadLetterQueue,
      },
    });

    new CfnOutput(this, 'SlackEventsUrl', {
      description: 'Request URL for the Slack app (manifest.yml): events, interactivity and slash commands',
      value: this.slack.eventsUrl,
    });
    new CfnOutput(this, 'SccUrl', {
      description: 'ShipCaptainCrew API base URL',
      value: this.scc.endpoint.url,
    });
    new CfnOutput(this, 'DashboardUrl', {
      description: 'Dashboard API base URL',
      value: this.dashboard.endpoint.url,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Subscribe to receive alarms (errors, dead letters, pipeline lag)',
      value: this.alarmTopic.topicArn,
    });
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', {
      description: 'Timers EventBridge Scheduler could not deliver: npm run dlq:replay -- <this URL> --apply',
      value: this.reconciler.scheduleDeadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'MailFeedbackDeadLetterQueueUrl', {
      description: 'SES bounce and complaint notifications the mail feedback function could not record',
      value: this.mailFeedback.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'Booking changes the reconciler gave up on (stream positions, for replay)',
      value: this.reconciler.deadLetterQueue.queueUrl,
    });
  }
}
