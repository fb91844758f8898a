/**
 * SlackApp: the Bolt app behind `POST /slack/events` (commands, interactivity and events share the one
 * request URL). It validates, writes the booking and acks; the pipeline does the rest.
 *
 * Must never reach SCC, the dashboard, S3, SES or CloudFront: its role holds the table and its two Slack
 * secrets, nothing else.
 */
import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { LambdaBundle } from '../lambda-bundles';
import { HttpEndpoint } from './http-endpoint';
import type { Secrets } from './secrets';
import { type ServiceDefaults, ServiceFunction, TABLE_INDEXES } from './service-function';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly table: dynamodb.ITable;
  readonly secrets: Secrets;
  readonly slackOpsChannel: string;
  readonly slackApiUrl?: string;
  /** SLACK_OPERATORS: who may run charters and keep the roster. */
  readonly slackOperators?: string;
}

export class SlackApp extends Construct {
  readonly service: ServiceFunction;
  readonly endpoint: HttpEndpoint;
  /** The request URL to give Slack (manifest.yml: event_subscriptions, interactivity, slash commands). */
  readonly eventsUrl: string;

  constructor(scope: Construct, id: string, props: SlackAppProps) {
    super(scope, id);
    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'Slack app: /charter commands, booking modals, buttons',
      // More memory is more CPU: a cold start must still ack within Slack's three seconds.
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        SLACK_OPS_CHANNEL: props.slackOpsChannel,
        ...(props.slackApiUrl ? { SLACK_API_URL: props.slackApiUrl } : {}),
        ...(props.slackOperators ? { SLACK_OPERATORS: props.slackOperators } : {}),
      },
    });
    props.table.grantReadWriteData(this.service.function);
    this.service.useSecrets(props.secrets, ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN']);
    this.service.justifyWildcardResources(TABLE_INDEXES);

    this.endpoint = new HttpEndpoint(this, 'Endpoint', {
      description: 'Charter Ops Slack request URL',
      handler: this.service.function,
      routes: [{ path: SLACK_EVENTS_PATH, methods: [apigw.HttpMethod.POST] }],
      throttle: { rateLimit: 50, burstLimit: 100 },
      logRetention: props.defaults.logRetention,
      authenticatedBy:
        'Slack request signature (X-Slack-Signature, signing secret, five-minute replay window)',
    });
    this.eventsUrl = `${this.endpoint.url}${SLACK_EVENTS_PATH}`;
  }
}
