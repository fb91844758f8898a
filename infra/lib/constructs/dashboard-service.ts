/**
 * DashboardService: calendar entries and progress tracking behind an HTTP API, called by the reconciler with
 * X-Dashboard-Token.
 *
 * Must never hold more than the table and its own token: no S3, SES, CloudFront or Slack.
 */
import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { LambdaBundle } from '../lambda-bundles';
import { HttpEndpoint } from './http-endpoint';
import type { Secrets } from './secrets';
import { type ServiceDefaults, ServiceFunction, TABLE_INDEXES } from './service-function';

export interface DashboardServiceProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly table: dynamodb.ITable;
  readonly secrets: Secrets;
}

export class DashboardService extends Construct {
  readonly service: ServiceFunction;
  readonly endpoint: HttpEndpoint;

  constructor(scope: Construct, id: string, props: DashboardServiceProps) {
    super(scope, id);
    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'Dashboard: calendar entries and booking progress',
      timeout: Duration.seconds(10),
    });
    props.table.grantReadWriteData(this.service.function);
    this.service.useSecrets(props.secrets, ['DASHBOARD_TOKEN', 'DASHBOARD_FEED_TOKEN']);
    this.service.justifyWildcardResources(TABLE_INDEXES);

    this.endpoint = new HttpEndpoint(this, 'Endpoint', {
      description: 'Charter Ops dashboard API',
      handler: this.service.function,
      routes: [
        { path: '/', methods: [apigw.HttpMethod.ANY] },
        { path: '/{proxy+}', methods: [apigw.HttpMethod.ANY] },
      ],
      throttle: { rateLimit: 20, burstLimit: 40 },
      logRetention: props.defaults.logRetention,
      authenticatedBy: 'X-Dashboard-Token, compared in constant time',
    });
    // Calendar feed links are built on it; the function references its API, not the other way round.
    this.service.function.addEnvironment('DASHBOARD_PUBLIC_URL', this.endpoint.url);
  }
}
