/**
 * The dashboard Lambda handler in-process against DynamoDB Local, mounted under `/dashboard` as the local
 * gateway mounts it; `call()` sends API Gateway v2 events and returns status, headers and parsed body.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CalendarStore, createDashboardHandler } from '../../../src/dashboard';
import { silentLogger } from '../../../src/logging/logger';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

export const TOKEN = 'dashboard-test-token-7c1e9a';
export const PREFIX = '/dashboard';
/** The calendar feed token; tests may set `feed.token` to rotate it. */
export const FEED_TOKEN = 'feed-token-3b9d0f6a2c8e4d71a5f0b2c9e8d7a6f5';
export const feed = { token: FEED_TOKEN };

export interface CallRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** The X-Dashboard-Token header; TOKEN unless false or another string. */
  token?: string | false;
}

export interface CallResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered
  json: any;
}

export interface DashboardHarness {
  table: TestTable;
  store: CalendarStore;
  call(request: CallRequest): Promise<CallResponse>;
}

export async function startDashboard(now: () => Date = () => new Date()): Promise<DashboardHarness> {
  const table = await createTestTable('dashboard');
  const store = new CalendarStore(table.doc, table.tableName, { now });
  const handler = createDashboardHandler(
    {
      store,
      token: async () => TOKEN,
      feedToken: async () => feed.token,
      logger: silentLogger,
      settings: { calendarName: 'JADA test' },
      now,
    },
    { stripPrefix: PREFIX },
  );
  return {
    table,
    store,
    async call(request) {
      const result = await handler(apiGatewayEvent(request));
      const text = typeof result.body === 'string' ? result.body : '';
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: result.statusCode, headers: result.headers, text, json };
    },
  };
}

export function apiGatewayEvent(request: CallRequest): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = { host: 'localhost:3000' };
  if (request.token !== false) headers['x-dashboard-token'] = request.token ?? TOKEN;
  let body: string | undefined;
  if (request.rawBody !== undefined) body = request.rawBody;
  else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const rawPath = `${PREFIX}${request.path}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers,
    ...(request.query ? { queryStringParameters: request.query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: 'test',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

/** A valid entry body; override what a test is about. */
export function anEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Sunset Sail · Jada',
    startsAt: '2026-12-05T16:00:00-08:00',
    endsAt: '2026-12-05T19:00:00-08:00',
    timeZone: 'America/Los_Angeles',
    status: 'confirmed',
    meetingPoint: 'Harbor Island West Marina, Dock C',
    boatName: 'Jada',
    partySize: 6,
    crew: [
      { firstName: 'Ana', role: 'captain' },
      { firstName: 'Ben', role: 'crew' },
    ],
    ...overrides,
  };
}
