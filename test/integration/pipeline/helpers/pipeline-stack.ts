/**
 * Everything the pipeline talks to, started locally for one test file: DynamoDB Local (a fresh table, read
 * through its stream by the real poller), s3rver, the CloudFront stand-in, the Slack Web API stand-in, and
 * SCC and the dashboard over HTTP. Each downstream sits behind a faulty proxy, so a test can make any of them
 * fail. The pipeline is built with createPipeline, exactly as the Lambda entry builds it.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { type BrandDirectory, loadBrands } from '../../../../src/config/brands';
import { loadPipelineConfig, type PipelineConfig } from '../../../../src/config/pipeline';
import { type CalendarEntry, CalendarStore } from '../../../../src/dashboard';
import { type CloudFrontLocal, startCloudFrontLocal } from '../../../../src/dev/stand-ins/cloudfront-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../src/dev/stand-ins/dynamodb-local';
import { type SesLocal, startSesLocal } from '../../../../src/dev/stand-ins/ses-local';
import { type SlackWebApiStandIn, startSlackWebApi } from '../../../../src/dev/stand-ins/slack-web-api';
import { type Booking, type BookingInput, scheduleInstants } from '../../../../src/domain';
import { createLogger, type Logger } from '../../../../src/logging/logger';
import { DeliveryStore } from '../../../../src/mail/mail-feedback';
import { createPipelineAwsClients } from '../../../../src/pipeline/aws-clients';
import { STEP_NAMES } from '../../../../src/pipeline/step-records';
import {
  loadAnswers,
  loadMailProblems,
  threadFingerprint,
} from '../../../../src/pipeline/steps/slack-thread';
import { type StreamPoller, startStreamPoller } from '../../../../src/pipeline/stream-poller';
import type { EventState } from '../../../../src/scc/event-store';
import { SccEventStore } from '../../../../src/scc/event-store';
import { DynamoBookingStore } from '../../../../src/store';
import { createPipeline, type Pipeline, type PipelineDeps } from '../../../../src/wiring/create-pipeline';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { aBookingInput, TEST_CREW } from '../../../helpers/fixtures';
import { startTestS3, type TestS3 } from '../../../helpers/s3';
import { type FaultPlan, type FaultyProxy, startFaultyProxy } from './faulty-proxy';
import {
  type CrewMail,
  crewMail,
  type ServedHandler,
  sccEnv,
  serveDashboard,
  serveScc,
} from './real-services';
import { seededRandom } from './seeded-random';

export const OPS_CHANNEL = 'C0PIPELINE';
export const SCC_KEY = 'scc-test-service-key';
export const DASHBOARD_TOKEN = 'dashboard-test-token';
export const BOT_TOKEN = 'xoxb-pipeline-test';

export type Downstream = 'scc' | 'dashboard' | 'slack' | 's3' | 'cloudFront';
export const DOWNSTREAMS: readonly Downstream[] = ['scc', 'dashboard', 'slack', 's3', 'cloudFront'];

export interface StackOptions {
  /** Per-call timeout: small, so injected timeouts cost little. */
  httpTimeoutMs?: number;
  maxAttempts?: number;
  /** Step backoff: first delay and ceiling, in ms. */
  backoffMs?: [number, number];
  leaseMs?: number;
  concurrency?: number;
  /**
   * Where SCC runs: in this process (default), or at this URL (the crash test runs it in the reconciler's
   * process); either way behind the SCC proxy.
   */
  sccUrl?: string;
  /** Seeds the faulty proxies' random streams (fault injection runs draw the same faults each time). */
  seed?: number;
  random?: () => number;
  logger?: Logger;
}

export interface PipelineStack {
  table: TestTable;
  store: DynamoBookingStore;
  brands: BrandDirectory;
  s3: TestS3;
  slack: SlackWebApiStandIn;
  cloudFront: CloudFrontLocal;
  ses: SesLocal;
  /** The SCC event of a booking as SCC stores it. */
  sccEvent(bookingId: string): Promise<EventState | undefined>;
  /** How many times SCC created the booking's event (answered 201), whether or not the answer got back. */
  sccCreates(bookingId: string): number;
  calendarEntry(bookingId: string): Promise<CalendarEntry | undefined>;
  /** Every crew email SES accepted. */
  crewMail(): Promise<CrewMail[]>;
  proxies: Record<Downstream, FaultyProxy>;
  /** The environment the reconciler reads (for child processes). */
  env: Record<string, string>;
  config: PipelineConfig;
  /** Builds a pipeline (in this process) against the stack. */
  buildPipeline(overrides?: Partial<PipelineDeps>): Pipeline;
  startPoller(pipeline: Pipeline): Promise<StreamPoller>;
  /** Sets every proxy's fault plan at once. */
  setFaults(plan: Partial<FaultPlan>, only?: readonly Downstream[]): void;
  createBooking(input?: Parameters<typeof aBookingInput>[0], id?: string): Promise<Booking>;
  /** True when every step is done at the booking's current revision and the thread shows its answers. */
  isConverged(bookingId: string): Promise<boolean>;
  /** One line per step: name, revision, status, attempts, last error. For failure messages. */
  describe(bookingId: string): Promise<string>;
  waitFor(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  rootMessages(bookingId: string): ReturnType<SlackWebApiStandIn['messages']>;
  stop(): Promise<void>;
}

export async function startPipelineStack(options: StackOptions = {}): Promise<PipelineStack> {
  // Warnings and errors are kept (not printed), so a failing test can say what each booking went through.
  const lines: string[] = [];
  const logger = options.logger ?? createLogger('pipeline-test', 'warn', (line) => lines.push(line));
  const table = await createTestTable('pipeline');
  const store = new DynamoBookingStore(table.doc, table.tableName);
  for (const member of TEST_CREW) await store.putCrewMember(member);
  const brands = loadBrands('templates');
  const s3 = await startTestS3(brands.all.map((b) => b.bucket));
  // Strict Block Kit, channel and trigger checks stay on. Rate limits are off here, and only here: the
  // pipeline reads conversations.replies/history before every post (its exactly-once search), which at Slack's
  // documented Tier 3 minimum (50/min) turns a 50-booking burst into many minutes (issue #12, left open).
  // Pace itself is covered by test/integration/slack/slack-contract.test.ts and `npm run bench`.
  const slack = await startSlackWebApi({ tokens: [BOT_TOKEN], rateLimits: false });
  const cloudFront = await startCloudFrontLocal({
    distributionIds: brands.all.map((b) => b.distributionId),
    onInvalidate: () => {},
  });
  const ses = await startSesLocal();
  const served: ServedHandler[] = [];
  if (!options.sccUrl) {
    served.push(
      await serveScc({
        table,
        brands,
        serviceKey: SCC_KEY,
        sesEndpoint: ses.endpoint,
        s3Endpoint: s3.endpoint,
      }),
    );
  }
  const dashboard = await serveDashboard({ table, token: DASHBOARD_TOKEN });
  served.push(dashboard);
  const sccTarget = options.sccUrl ?? (served[0] as ServedHandler).url;
  const sccEvents = new SccEventStore(table.doc, table.tableName);
  const calendar = new CalendarStore(table.doc, table.tableName);
  const hangMs = (options.httpTimeoutMs ?? 400) * 3;
  // One random stream per proxy, so one downstream's traffic does not shift another's faults.
  let proxies_ = 0;
  const proxyRandom = () =>
    options.seed === undefined ? undefined : seededRandom(options.seed + ++proxies_);
  const proxies: Record<Downstream, FaultyProxy> = {
    scc: await startFaultyProxy({
      target: sccTarget,
      dialect: 'json',
      plan: { hangMs },
      random: proxyRandom(),
    }),
    dashboard: await startFaultyProxy({
      target: dashboard.url,
      dialect: 'json',
      plan: { hangMs },
      random: proxyRandom(),
    }),
    slack: await startFaultyProxy({
      target: slack.url,
      dialect: 'slack',
      plan: { hangMs },
      random: proxyRandom(),
    }),
    s3: await startFaultyProxy({
      target: s3.endpoint,
      dialect: 's3',
      plan: { hangMs },
      random: proxyRandom(),
    }),
    cloudFront: await startFaultyProxy({
      target: cloudFront.endpoint,
      dialect: 'cloudfront',
      plan: { hangMs },
      random: proxyRandom(),
    }),
  };
  const env: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    TABLE_NAME: table.tableName,
    TEMPLATES_DIR: 'templates',
    SCC_URL: proxies.scc.url,
    SCC_SERVICE_KEY: SCC_KEY,
    ...sccEnv(SCC_KEY),
    DASHBOARD_URL: proxies.dashboard.url,
    DASHBOARD_TOKEN,
    SLACK_API_URL: proxies.slack.url,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_OPS_CHANNEL: OPS_CHANNEL,
    S3_FORCE_PATH_STYLE: 'true',
    PIPELINE_MAX_ATTEMPTS: String(options.maxAttempts ?? 8),
    PIPELINE_BACKOFF_BASE_MS: String(options.backoffMs?.[0] ?? 5),
    PIPELINE_BACKOFF_MAX_MS: String(options.backoffMs?.[1] ?? 40),
    PIPELINE_HTTP_TIMEOUT_MS: String(options.httpTimeoutMs ?? 400),
    PIPELINE_LEASE_MS: String(options.leaseMs ?? 1_500),
    PIPELINE_CONCURRENCY: String(options.concurrency ?? 8),
  };
  const config = loadPipelineConfig(env);
  const aws = createPipelineAwsClients(config, {
    s3Endpoint: proxies.s3.url,
    cloudFrontEndpoint: proxies.cloudFront.url,
    credentials: LOCAL_CREDENTIALS,
    random: options.random,
  });
  const streams = new DynamoDBStreamsClient({
    endpoint: table.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const pollers: StreamPoller[] = [];

  const stack: PipelineStack = {
    table,
    store,
    brands,
    s3,
    slack,
    cloudFront,
    ses,
    sccEvent: (bookingId) => sccEvents.loadState(bookingId),
    sccCreates: (bookingId) =>
      proxies.scc.exchanges.filter(
        (e) =>
          e.status === 201 &&
          (e.method === 'PUT'
            ? e.path.split('?')[0] === `/events/${bookingId}`
            : e.method === 'POST' && e.path === '/events' && bookingIdIn(e.body) === bookingId),
      ).length,
    calendarEntry: (bookingId) => calendar.get(bookingId),
    crewMail: () => crewMail(ses.endpoint),
    proxies,
    env: {
      ...env,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_ENDPOINT_URL_S3: proxies.s3.url,
      AWS_ENDPOINT_URL_CLOUDFRONT: proxies.cloudFront.url,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
    config,
    buildPipeline: (overrides = {}) =>
      createPipeline({
        config,
        doc: table.doc,
        s3: aws.s3,
        cloudFront: aws.cloudFront,
        brands,
        logger,
        random: options.random,
        ...overrides,
      }),
    async startPoller(pipeline) {
      const poller = await startStreamPoller({
        dynamo: table.client,
        streams,
        tableName: table.tableName,
        handler: pipeline.handleStreamEvent,
        logger,
        idleMs: 25,
        maxRetryDelayMs: 200,
      });
      pollers.push(poller);
      return poller;
    },
    setFaults(plan, only = DOWNSTREAMS) {
      for (const name of only) Object.assign(proxies[name].plan, plan);
    },
    async createBooking(overrides = {}, id) {
      const input = aBookingInput(overrides as Partial<BookingInput>);
      const { startsAt, endsAt } = scheduleInstants(input.schedule);
      return store.createBooking({
        input,
        boat: { id: input.boatId, name: input.boatId === 'jada' ? 'Jada' : input.boatId },
        startsAt,
        endsAt,
        actor: 'UOPERATOR',
        ...(id ? { id } : {}),
      });
    },
    async isConverged(bookingId) {
      const booking = await store.getBooking(bookingId);
      if (!booking) return false;
      const pipeline = stack.buildPipeline();
      const records = await pipeline.stepRecords.list(bookingId);
      const done = STEP_NAMES.every((name) => {
        const record = records.get(name);
        return record?.revision === booking.revision && record.status === 'succeeded';
      });
      if (!done) return false;
      // The calendar is written again at the end of a run to show the final progress.
      const calendar = records.get('calendar-entry')?.result as
        | { progress?: Record<string, string> }
        | undefined;
      const shown = calendar?.progress;
      if (booking.status !== 'cancelled' && !STEP_NAMES.every((name) => shown?.[name] === 'succeeded'))
        return false;
      const answers = await loadAnswers(store, bookingId);
      const mail = await loadMailProblems(new DeliveryStore(table.doc, table.tableName), bookingId);
      const thread = records.get('slack-thread')?.result as { fingerprint?: string } | undefined;
      return thread?.fingerprint === threadFingerprint(booking, records, answers, mail);
    },
    async describe(bookingId) {
      const booking = await store.getBooking(bookingId);
      const records = await stack.buildPipeline().stepRecords.list(bookingId);
      const steps = STEP_NAMES.map((name) => {
        const r = records.get(name);
        return r
          ? `${name}@r${r.revision}:${r.status}x${r.attempts}${r.lastError ? `(${r.lastError.message})` : ''}`
          : `${name}:-`;
      });
      const story = lines
        .filter((line) => line.includes(`"bookingId":"${bookingId}"`))
        .map((line) => {
          const entry = JSON.parse(line) as {
            message: string;
            step?: string;
            failure?: { message?: string };
          };
          return `    ${entry.step ?? ''} ${entry.message}: ${entry.failure?.message ?? ''}`;
        });
      return [`${bookingId} r${booking?.revision} ${booking?.status}: ${steps.join(' ')}`, ...story].join(
        '\n',
      );
    },
    async waitFor(what, check, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    rootMessages(bookingId) {
      return slack
        .messages(OPS_CHANNEL)
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
        .filter((m) => m.metadata?.event_payload?.bookingId === bookingId);
    },
    async stop() {
      for (const poller of pollers) await poller.stop();
      for (const proxy of Object.values(proxies)) await proxy.stop();
      aws.destroy();
      streams.destroy();
      await Promise.all([
        s3.stop(),
        slack.stop(),
        cloudFront.stop(),
        ses.stop(),
        ...served.map((h) => h.stop()),
      ]);
      table.client.destroy();
    },
  };
  return stack;
}

function bookingIdIn(body: string | undefined): string | undefined {
  try {
    return (JSON.parse(body ?? '') as { bookingId?: string }).bookingId;
  } catch {
    return undefined;
  }
}
