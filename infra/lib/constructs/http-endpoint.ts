/**
 * HttpEndpoint: an API Gateway HTTP API in front of one function, with a throttled `$default` stage and JSON
 * access logs. Callers reach the API directly (not through CloudFront, which drops custom headers such as
 * X-Service-Key).
 *
 * Must never authorize requests itself: each service checks its own credentials (Slack signature,
 * X-Service-Key, X-Dashboard-Token, magic links) in code, in constant time.
 */
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * One JSON line per request. The route key, never the path: crew page paths and presign calls can carry
 * magic-link tokens, and secrets never reach a log.
 */
export const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    route: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface HttpEndpointRoute {
  readonly path: string;
  readonly methods: readonly apigw.HttpMethod[];
  /**
   * Another function for this route (default the endpoint's handler): a route that needs data the rest of
   * the API must not reach runs as its own function with its own role. API Gateway picks the most specific
   * route, so `/reports/{proxy+}` wins over `/{proxy+}`.
   */
  readonly handler?: lambda.IFunction;
}

export interface HttpEndpointProps {
  readonly description: string;
  readonly handler: lambda.IFunction;
  readonly routes: readonly HttpEndpointRoute[];
  /** Steady requests per second and burst for the whole stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  /** Who authenticates the routes, for the record (cdk-nag asks why there is no API Gateway authorizer). */
  readonly authenticatedBy: string;
}

export class HttpEndpoint extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Base URL without a trailing slash, e.g. https://abc123.execute-api.us-west-2.amazonaws.com */
  readonly url: string;

  constructor(scope: Construct, id: string, props: HttpEndpointProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', { description: props.description, createDefaultStage: false });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...props.throttle },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integration = new integrations.HttpLambdaIntegration('Integration', props.handler);
    const integrationsByHandler = new Map<lambda.IFunction, integrations.HttpLambdaIntegration>([
      [props.handler, integration],
    ]);
    for (const route of props.routes) {
      const handler = route.handler ?? props.handler;
      let routeIntegration = integrationsByHandler.get(handler);
      if (!routeIntegration) {
        routeIntegration = new integrations.HttpLambdaIntegration(
          `Integration${integrationsByHandler.size + 1}`,
          handler,
        );
        integrationsByHandler.set(handler, routeIntegration);
      }
      this.api.addRoutes({ path: route.path, methods: [...route.methods], integration: routeIntegration });
    }
    this.url = this.api.apiEndpoint;

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: `Authenticated in the function: ${props.authenticatedBy}.`,
    });
  }
}
