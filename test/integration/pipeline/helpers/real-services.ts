/**
 * The real SCC and dashboard Lambda handlers, served over local HTTP exactly as the local gateway serves
 * them (API Gateway v2 events in, Lambda results out), on the pipeline test's own table, with SCC's crew
 * email going to aws-ses-v2-local. The pipeline reaches them through its HTTP clients, as in AWS.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESClient } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { BrandDirectory } from '../../../../src/config/brands';
import { CalendarStore, createDashboardHandler } from '../../../../src/dashboard';
import { lambdaContext, sendLambdaResult, toLambdaEvent } from '../../../../src/dev/gateway/lambda-event';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../src/dev/stand-ins/dynamodb-local';
import { localS3Client } from '../../../../src/dev/stand-ins/s3rver';
import { DEFAULT_CHECKLISTS } from '../../../../src/domain';
import { silentLogger } from '../../../../src/logging/logger';
import { createSccHandler } from '../../../../src/scc/app';
import { loadCrewTemplates } from '../../../../src/scc/crew-templates';
import { SccEventStore } from '../../../../src/scc/event-store';
import { hashServiceKey } from '../../../../src/scc/service-key';
import { SesMailer } from '../../../../src/scc/ses-mailer';
import { DynamoBookingStore, DynamoTimeOffStore } from '../../../../src/store';
import type { TestTable } from '../../../helpers/dynamo';
import { readSentMail } from '../../../helpers/ses';

export const SCC_PASSWORD_SALT = 'pipeline-test-salt-5d1c';
export const SCC_MAGIC_LINK_SECRET = 'pipeline-test-magic-link-secret-0123456789abcdef';

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2 | undefined>;

export interface ServedHandler {
  url: string;
  stop(): Promise<void>;
}

/** Serves a Lambda HTTP handler on a local port, as API Gateway would call it. */
export async function serveLambda(
  handler: LambdaHandler,
  name: string,
  options: { port?: number } = {},
): Promise<ServedHandler> {
  const server: Server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const result = await handler(toLambdaEvent(request, body), lambdaContext(name, 30_000));
      sendLambdaResult(response, result);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'internal', message: String(error) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SCC's settings for a test: the service key's hash, the salt and the link secret. */
export function sccEnv(serviceKey: string): Record<string, string> {
  return {
    SERVICE_KEY_HASH: hashServiceKey(serviceKey, SCC_PASSWORD_SALT),
    PASSWORD_SALT: SCC_PASSWORD_SALT,
    MAGIC_LINK_SECRET: SCC_MAGIC_LINK_SECRET,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000/scc',
  };
}

export async function serveScc(options: {
  table: TestTable;
  brands: BrandDirectory;
  serviceKey: string;
  sesEndpoint: string;
  s3Endpoint: string;
}): Promise<ServedHandler> {
  const { table } = options;
  const ses = new SESClient({
    endpoint: options.sesEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const handler = createSccHandler({
    settings: {
      serviceKeyHash: hashServiceKey(options.serviceKey, SCC_PASSWORD_SALT),
      publicBaseUrl: 'http://127.0.0.1:3000/scc',
      photoMaxBytes: 15 * 1024 * 1024,
      magicLinkTtlHoursAfterEnd: 24,
      checklists: DEFAULT_CHECKLISTS,
      uploadOrigins: [],
    },
    passwordSalt: async () => SCC_PASSWORD_SALT,
    magicLinkSecret: async () => SCC_MAGIC_LINK_SECRET,
    events: new SccEventStore(table.doc, table.tableName),
    bookings: new DynamoBookingStore(table.doc, table.tableName),
    timeOff: new DynamoTimeOffStore(table.doc, table.tableName),
    mailer: new SesMailer(ses),
    s3: localS3Client(options.s3Endpoint),
    brands: options.brands,
    templates: loadCrewTemplates('templates'),
    logger: silentLogger,
  });
  const served = await serveLambda(handler, 'scc');
  return {
    url: served.url,
    async stop() {
      await served.stop();
      ses.destroy();
    },
  };
}

export async function serveDashboard(options: { table: TestTable; token: string }): Promise<ServedHandler> {
  const handler = createDashboardHandler({
    store: new CalendarStore(options.table.doc, options.table.tableName),
    token: async () => options.token,
    feedToken: async () => `${options.token}-feed`.padEnd(32, '0'),
    logger: silentLogger,
    settings: { calendarName: 'Pipeline tests' },
  });
  return serveLambda(handler, 'dashboard');
}

export interface CrewMail {
  to: string;
  subject: string;
  kind: 'invite' | 'update' | 'removed' | 'cancelled' | 'other';
}

/** Every crew email SES accepted, with its kind read from the subject line SCC writes. */
export async function crewMail(sesEndpoint: string): Promise<CrewMail[]> {
  // The guest's own mail (issue #17) shares SCC and its subjects ("Cancelled: …"); the fixtures' guests are
  // all at guest.test, the crew at crew.test.
  const mail = (await readSentMail(sesEndpoint)).filter(
    (m) => !addressOf(m.to[0] ?? '').endsWith('@guest.test'),
  );
  return mail.map((m) => ({
    to: addressOf(m.to[0] ?? ''),
    subject: m.subject,
    kind: m.subject.startsWith('Crew call:')
      ? 'invite'
      : m.subject.startsWith('Changed:')
        ? 'update'
        : m.subject.startsWith('Cancelled:')
          ? 'cancelled'
          : m.subject.startsWith('You are no longer')
            ? 'removed'
            : 'other',
  }));
}

/** `"Ana Ruiz" <ana@crew.test>` → `ana@crew.test`. */
function addressOf(recipient: string): string {
  return (/<([^>]+)>/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
