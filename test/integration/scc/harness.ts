/**
 * An SCC wired to real stand-ins for integration tests: its own table on DynamoDB Local, aws-ses-v2-local
 * for mail, optionally s3rver for photos; the handler called in-process with API Gateway-shaped events
 * under the local gateway's `/scc` prefix. The clock is a variable so tests can move time.
 */
import { SESClient } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadBrands } from '../../../src/config/brands';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/dev/stand-ins/dynamodb-local';
import { localS3Client, type S3Local, startS3Local } from '../../../src/dev/stand-ins/s3rver';
import { type SesLocal, startSesLocal } from '../../../src/dev/stand-ins/ses-local';
import {
  type Booking,
  DEFAULT_CHECKLISTS,
  paidByCaptainFee,
  type ValidBookingInput,
} from '../../../src/domain';
import { type Logger, silentLogger } from '../../../src/logging/logger';
import { createSccHandler, type SccDeps } from '../../../src/scc/app';
import { loadCrewTemplates } from '../../../src/scc/crew-templates';
import type { SccEventInput } from '../../../src/scc/event-schema';
import { SccEventStore } from '../../../src/scc/event-store';
import { hashServiceKey } from '../../../src/scc/service-key';
import { type Mailer, SesMailer } from '../../../src/scc/ses-mailer';
import { DynamoBookingStore, DynamoTimeOffStore } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput, FIXED_NOW, TEST_CREW } from '../../helpers/fixtures';

export const SERVICE_KEY = 'scc-test-service-key-8f2b1c';
export const PASSWORD_SALT = 'scc-test-salt-4e7a';
export const MAGIC_LINK_SECRET = 'scc-test-magic-link-secret-0123456789abcdef';
export const PUBLIC_BASE_URL = 'http://localhost:3000/scc';
export const PREFIX = '/scc';

export interface Harness {
  table: TestTable;
  ses: SesLocal;
  s3?: S3Local;
  bookings: DynamoBookingStore;
  timeOff: DynamoTimeOffStore;
  events: SccEventStore;
  deps: SccDeps;
  clock: { now: Date };
  call(request: CallRequest): Promise<CallResponse>;
  /** Creates the booking the crew answers are recorded against (the pipeline's source of truth). */
  seedBooking(input?: ValidBookingInput, id?: string): Promise<Booking>;
  stop(): Promise<void>;
}

export interface CallRequest {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  key?: string | false;
}

export interface CallResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  json: () => any;
}

export async function startHarness(
  options: {
    withS3?: boolean;
    mailer?: (ses: SESClient) => Mailer;
    photoMaxBytes?: number;
    logger?: Logger;
  } = {},
): Promise<Harness> {
  const table = await createTestTable('scc');
  const ses = await startSesLocal();
  const brands = loadBrands('templates');
  const s3 = options.withS3 ? await startS3Local({ buckets: brands.all.map((b) => b.bucket) }) : undefined;
  const clock = { now: new Date(FIXED_NOW) };
  const now = () => new Date(clock.now);
  const bookings = new DynamoBookingStore(table.doc, table.tableName, now);
  const events = new SccEventStore(table.doc, table.tableName);
  const timeOff = new DynamoTimeOffStore(table.doc, table.tableName);
  const sesClient = new SESClient({
    endpoint: ses.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deps: SccDeps = {
    settings: {
      serviceKeyHash: hashServiceKey(SERVICE_KEY, PASSWORD_SALT),
      publicBaseUrl: PUBLIC_BASE_URL,
      photoMaxBytes: options.photoMaxBytes ?? 15 * 1024 * 1024,
      magicLinkTtlHoursAfterEnd: 24,
      checklists: DEFAULT_CHECKLISTS,
      uploadOrigins: s3 ? [s3.endpoint] : [],
    },
    passwordSalt: async () => PASSWORD_SALT,
    magicLinkSecret: async () => MAGIC_LINK_SECRET,
    events,
    bookings,
    timeOff,
    mailer: options.mailer ? options.mailer(sesClient) : new SesMailer(sesClient),
    s3: s3 ? localS3Client(s3.endpoint) : localS3Client('http://127.0.0.1:9'),
    brands,
    templates: loadCrewTemplates('templates'),
    logger: options.logger ?? silentLogger,
    now,
  };
  const handler = createSccHandler(deps, { stripPrefix: PREFIX });

  return {
    table,
    ses,
    s3,
    bookings,
    timeOff,
    events,
    deps,
    clock,
    async call(request) {
      const result = await handler(apiGatewayEvent(request));
      const body = String(result.body ?? '');
      return {
        status: result.statusCode,
        headers: result.headers,
        body,
        json: () => JSON.parse(body),
      };
    },
    async seedBooking(input = aBookingInput(), id = 'bk-scc-0001') {
      const { scheduleInstants } = await import('../../../src/domain');
      const { startsAt, endsAt } = scheduleInstants(input.schedule);
      return bookings.createBooking({
        input,
        boat: { id: input.boatId, name: input.boatId === 'jada' ? 'Jada' : input.boatId },
        startsAt,
        endsAt,
        actor: 'UOPERATOR',
        id,
      });
    },
    async stop() {
      sesClient.destroy();
      await ses.stop();
      await s3?.stop();
      table.client.destroy();
    },
  };
}

/** The event API Gateway (HTTP API, payload 2.0) would hand the Lambda. */
export function apiGatewayEvent(request: CallRequest): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = { host: 'localhost:3000', ...(request.headers ?? {}) };
  let body: string | undefined;
  let isBase64Encoded = false;
  if (request.rawBody !== undefined) {
    if (Buffer.isBuffer(request.rawBody)) {
      body = request.rawBody.toString('base64');
      isBase64Encoded = true;
    } else body = request.rawBody;
  } else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  if (request.key !== false && request.key !== undefined) headers['x-service-key'] = request.key;
  const rawPath = `${PREFIX}${request.path}`;
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    ...(request.query ? { queryStringParameters: request.query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'test-request',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}

/** The payload the pipeline posts for a booking: crew-safe fields only, emails from the roster. */
export function sccEventFor(
  booking: Booking,
  emails: Record<string, string> = rosterEmails(),
): SccEventInput {
  return {
    bookingId: booking.id,
    revision: booking.revision,
    title: booking.title,
    schedule: {
      date: booking.schedule.date,
      startTime: booking.schedule.startTime,
      endTime: booking.schedule.endTime,
      timeZone: booking.schedule.timeZone,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
    },
    boat: { id: booking.boat.id, name: booking.boat.name },
    meetingPoint: booking.meetingPoint,
    domain: booking.domain,
    notes: booking.guestNotes,
    crew_assignments: booking.crew.map((a) => ({
      crewId: a.crewId,
      name: a.name,
      email: emails[a.crewId] ?? `${a.crewId}@crew.test`,
      role: a.role,
      hourly_rate: a.hourlyRateCents,
      // As the pipeline sends it: the captain fee on the captain's assignment (their pay, issue #18 item 6).
      ...(paidByCaptainFee(booking, a) ? { captain_fee: booking.captainFeeCents } : {}),
    })),
    partySize: booking.guest.partySize,
    slug: booking.slug,
  };
}

export function rosterEmails(): Record<string, string> {
  return Object.fromEntries(TEST_CREW.map((m) => [m.id, m.email]));
}
