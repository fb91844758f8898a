/**
 * DashboardService: calendar entries and progress tracking behind an HTTP API, called by the reconciler with
 * X-Dashboard-Token.
 *
 * Must never hold more than the table and its own token: no S3, SES, CloudFront or Slack.
 *
 * Two functions from the one dashboard bundle, each with only its partitions of the table (table-access.ts):
 * - Service: calendar entries (CALENDAR#, GSI1 "CALENDAR"); never a booking.
 * - Reports (`/reports/*`, the operators' CSVs, same X-Dashboard-Token): reads bookings through GSI1 "BOOKING"
 *   and nothing else; it writes nothing.
 */
import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEX_PARTITION, PARTITION_PREFIX } from '../../../src/store/keys';
import type { LambdaBundle } from '../lambda-bundles';
import { HttpEndpoint } from './http-endpoint';
import type { Secrets } from './secrets';
import { type ServiceDefaults, ServiceFunction } from './service-function';
import { grantTableAccess, startingWith } from './table-access';

/** The calendar store's partitions (src/dashboard/calendar-store.ts): its entries and their index list. */
export const DASHBOARD_ACCESS = {
  readWrite: [startingWith(PARTITION_PREFIX.calendar)],
  indexQuery: [INDEX_PARTITION.calendar],
};
/** The report CSVs read bookings by start time through the index, and nothing else. */
export const REPORTS_ACCESS = { indexQuery: [INDEX_PARTITION.booking] };

export interface DashboardServiceProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly table: dynamodb.ITable;
  readonly secrets: Secrets;
}

export class DashboardService extends Construct {
  readonly service: ServiceFunction;
  /** `/reports/*`: the only dashboard function that may read bookings (read-only). */
  readonly reports: ServiceFunction;
  readonly endpoint: HttpEndpoint;

  constructor(scope: Construct, id: string, props: DashboardServiceProps) {
    super(scope, id);
    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'Dashboard: calendar entries and booking progress',
      timeout: Duration.seconds(10),
    });
    this.reports = new ServiceFunction(this, 'Reports', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'Dashboard reports: money and payroll CSVs for operators (reads bookings)',
      timeout: Duration.seconds(20),
    });
    grantTableAccess(this.service, props.table, DASHBOARD_ACCESS);
    grantTableAccess(this.reports, props.table, REPORTS_ACCESS);
    // The same bundle and config for both (loadDashboardConfig names both tokens); the reports take the API
    // token in the header only.
    for (const service of [this.service, this.reports]) {
      service.useSecrets(props.secrets, ['DASHBOARD_TOKEN', 'DASHBOARD_FEED_TOKEN']);
    }

    this.endpoint = new HttpEndpoint(this, 'Endpoint', {
      description: 'Charter Ops dashboard API',
      handler: this.service.function,
      routes: [
        { path: '/', methods: [apigw.HttpMethod.ANY] },
        { path: '/{proxy+}', methods: [apigw.HttpMethod.ANY] },
        { path: '/reports/{proxy+}', methods: [apigw.HttpMethod.ANY], handler: this.reports.function },
      ],
      throttle: { rateLimit: 20, burstLimit: 40 },
      logRetention: props.defaults.logRetention,
      authenticatedBy: 'X-Dashboard-Token, compared in constant time',
    });
    // Calendar feed links are built on it; the function references its API, not the other way round.
    for (const service of [this.service, this.reports]) {
      service.function.addEnvironment('DASHBOARD_PUBLIC_URL', this.endpoint.url);
    }
  }
}
