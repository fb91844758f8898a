/**
 * Lambda entry for the dashboard (API Gateway HTTP API, payload v2), and its composition root: config is
 * read and clients are built once per container, on the first request. The local gateway and the tests use
 * the same pieces in-process: createDashboardDeps(loadDashboardConfig(env)) and
 * createDashboardHandler(deps, {stripPrefix: '/dashboard'}).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type DashboardConfig, loadDashboardConfig } from '../config';
import { CalendarStore, createDashboardHandler, type DashboardDeps } from '../dashboard';
import { createLogger } from '../logging';
import { DynamoBookingStore } from '../store';

export { createDashboardApp, createDashboardHandler, type DashboardDeps } from '../dashboard';

/** Builds the dashboard's collaborators from its config; `overrides` swap any of them (tests). */
export function createDashboardDeps(
  config: DashboardConfig,
  overrides: Partial<DashboardDeps> = {},
): DashboardDeps {
  // The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB, which the SDK reads itself.
  const dynamo = new DynamoDBClient({ region: config.region });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return {
    store: new CalendarStore(doc, config.tableName),
    // The same table: the report CSVs read bookings (never write them).
    bookings: new DynamoBookingStore(doc, config.tableName),
    token: () => config.token.get(),
    feedToken: () => config.feedToken.get(),
    logger: createLogger('dashboard', config.logLevel),
    settings: { calendarName: config.calendarName, publicBaseUrl: config.publicBaseUrl },
    ...overrides,
  };
}

let handle: ReturnType<typeof createDashboardHandler> | undefined;

export async function handler(event: APIGatewayProxyEventV2, context: Context) {
  handle ??= createDashboardHandler(createDashboardDeps(loadDashboardConfig()));
  return handle(event, context);
}
