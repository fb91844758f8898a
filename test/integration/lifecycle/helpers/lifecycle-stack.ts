/**
 * The crew lifecycle end to end on one machine, with time under the test's control: DynamoDB Local (a fresh
 * table), the real SCC handler (called in-process through a fetch adapter, its crew email going to
 * aws-ses-v2-local), the Slack Web API stand-in, the pipeline's SCC and Slack thread steps plus the crew
 * lifecycle step under the real reconciler, and the local timer scheduler. Everything that reads the time
 * reads one ManualClock, so a test moves days ahead without waiting.
 */

import { SESClient } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DashboardClient } from '../../../../src/clients/dashboard-client';
import { GuestMailClient } from '../../../../src/clients/guest-mail-client';
import { SccClient } from '../../../../src/clients/scc-client';
import { SccFollowUpClient } from '../../../../src/clients/scc-follow-up-client';
import { SlackThread } from '../../../../src/clients/slack-thread';
import { loadBrands } from '../../../../src/config/brands';
import type { RetrySettings } from '../../../../src/config/pipeline';
import { CalendarStore, createDashboardHandler } from '../../../../src/dashboard';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../src/dev/stand-ins/dynamodb-local';
import { localS3Client } from '../../../../src/dev/stand-ins/s3rver';
import { type SesLocal, startSesLocal } from '../../../../src/dev/stand-ins/ses-local';
import {
  type SlackWebApiStandIn,
  type StoredMessage,
  startSlackWebApi,
} from '../../../../src/dev/stand-ins/slack-web-api';
import {
  type Answer,
  type Booking,
  type CrewMember,
  DEFAULT_CHECKLISTS,
  scheduleInstants,
} from '../../../../src/domain';
import { guestPageUrlOf } from '../../../../src/guest/paths';
import { listGuestPhotos } from '../../../../src/guest/photos';
import { createGuestPagePublisher } from '../../../../src/guest/publish';
import { createGuestRenderer } from '../../../../src/guest/render-guest-page';
import { silentLogger } from '../../../../src/logging/logger';
import { createReconciler, type Reconciler } from '../../../../src/pipeline/reconciler';
import { StepRecordStore } from '../../../../src/pipeline/step-records';
import { calendarEntryStep } from '../../../../src/pipeline/steps/calendar-entry';
import { guestMailStep } from '../../../../src/pipeline/steps/guest-mail';
import { guestPageStep } from '../../../../src/pipeline/steps/guest-page';
import { sccEventStep } from '../../../../src/pipeline/steps/scc-event';
import { slackThreadStep } from '../../../../src/pipeline/steps/slack-thread';
import { type CrewLifecycle, createCrewLifecycle } from '../../../../src/wiring/create-crew-lifecycle';

/** Guest pages where GUEST_SITE_URL's default puts them. */
const GUEST_PAGE_URL = guestPageUrlOf((domain) => `https://${domain}`);

import { createSccHandler } from '../../../../src/scc/app';
import { loadCrewTemplates } from '../../../../src/scc/crew-templates';
import { SccEventStore } from '../../../../src/scc/event-store';
import { hashServiceKey } from '../../../../src/scc/service-key';
import { SesMailer } from '../../../../src/scc/ses-mailer';
import { LocalTimerScheduler, ManualClock, type Timer } from '../../../../src/scheduler';
import { METADATA_EVENT } from '../../../../src/slack/ids';
import { DynamoBookingStore, DynamoTimeOffStore } from '../../../../src/store';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { aBookingInput, FIXED_NOW, TEST_CREW } from '../../../helpers/fixtures';
import { startTestS3, type TestS3 } from '../../../helpers/s3';
import { clearSentMail, findLink, readSentMail, type SentMail } from '../../../helpers/ses';

export const SCC_BASE = 'http://scc.test';
const DASHBOARD_BASE = 'http://dashboard.test';
const DASHBOARD_TOKEN = 'lifecycle-test-dashboard-token';
export const OPS_CHANNEL = 'C0LIFECYCLE';
const SERVICE_KEY = 'lifecycle-test-service-key';
const SALT = 'lifecycle-test-salt';
const LINK_SECRET = 'lifecycle-test-magic-link-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-lifecycle-test';

/** The roster: the fixtures' three plus two more deck hands for the cascade. */
export const ROSTER: readonly CrewMember[] = [
  ...TEST_CREW,
  {
    id: 'dana-lee',
    name: 'Dana Lee',
    email: 'dana@crew.test',
    defaultRole: 'crew',
    defaultHourlyRateCents: 3000,
    slackUserId: 'U0DANA',
    active: true,
  },
  {
    id: 'eli-park',
    name: 'Eli Park',
    email: 'eli@crew.test',
    defaultRole: 'crew',
    defaultHourlyRateCents: 3100,
    active: true,
  },
];

export interface LifecycleStack {
  table: TestTable;
  /** With `withGuestPages`: the brand buckets. */
  s3: TestS3 | undefined;
  clock: ManualClock;
  store: DynamoBookingStore;
  /** Crew time off on the same table. */
  timeOff: DynamoTimeOffStore;
  scheduler: LocalTimerScheduler;
  lifecycle: CrewLifecycle;
  reconciler: Reconciler;
  slack: SlackWebApiStandIn;
  ses: SesLocal;
  /** Reaches the in-process SCC at SCC_BASE (give it to clients as their `fetch`). */
  sccFetch: typeof fetch;
  /** With `withCalendar`: the dashboard's calendar entries, as the dashboard stored them. */
  calendar?: CalendarStore;
  /** The service key and bot token the stack's SCC and Slack accept. */
  secrets: { sccServiceKey: string; botToken: string };
  createBooking(overrides?: Parameters<typeof aBookingInput>[0], id?: string): Promise<Booking>;
  reconcile(bookingId: string): Promise<void>;
  /** Moves the clock and fires every timer due, as the scheduler would. */
  advanceTo(at: Date | string): Promise<number>;
  /** This booking's timers still waiting. */
  pendingTimers(bookingId: string): Promise<Timer[]>;
  mail(to?: string): Promise<SentMail[]>;
  clearMail(): Promise<void>;
  /**
   * Answers from the crew page, through the magic link in the latest email to `email` (whose subject names
   * `charter`, when given: other charters' timers may have emailed the same person since).
   */
  answerFromEmail(email: string, answer: Answer, charter?: string): Promise<void>;
  /** The booking's thread replies, oldest first. */
  replies(bookingId: string): StoredMessage[];
  /** The booking's root message as it stands (updated in place). */
  root(bookingId: string): StoredMessage | undefined;
  stop(): Promise<void>;
}

export interface LifecycleStackOptions {
  /** Also publish guest pages to s3rver (the pipeline's guest-page step), for the photo gallery. */
  withGuestPages?: boolean;
  /** Also run the guest-mail step (after the thread) and the guest's day-before timer. */
  withGuestMail?: boolean;
  /** Also run the calendar-entry step against the real dashboard handler (in-process). */
  withCalendar?: boolean;
}

export async function startLifecycleStack(options: LifecycleStackOptions = {}): Promise<LifecycleStack> {
  const table = await createTestTable('lifecycle');
  const clock = new ManualClock(new Date(FIXED_NOW));
  const now = () => clock.now();
  const store = new DynamoBookingStore(table.doc, table.tableName, now);
  for (const member of ROSTER) await store.putCrewMember(member);
  const brands = loadBrands('templates');
  const ses = await startSesLocal();
  const sesClient = new SESClient({
    endpoint: ses.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const scc = createSccHandler({
    settings: {
      serviceKeyHash: hashServiceKey(SERVICE_KEY, SALT),
      publicBaseUrl: SCC_BASE,
      photoMaxBytes: 15 * 1024 * 1024,
      magicLinkTtlHoursAfterEnd: 24,
      checklists: DEFAULT_CHECKLISTS,
      uploadOrigins: [],
    },
    passwordSalt: async () => SALT,
    magicLinkSecret: async () => LINK_SECRET,
    events: new SccEventStore(table.doc, table.tableName),
    bookings: store,
    timeOff: new DynamoTimeOffStore(table.doc, table.tableName),
    mailer: new SesMailer(sesClient),
    s3: localS3Client('http://127.0.0.1:9'),
    brands,
    templates: loadCrewTemplates('templates'),
    logger: silentLogger,
    now,
  });
  const sccFetch = lambdaFetch(scc);
  // Strict Block Kit, channel and trigger checks stay on. Rate limits are off here, and only here: the
  // pipeline reads conversations.replies/history before every post (its exactly-once search), which at Slack's
  // documented Tier 3 minimum (50/min) turns a 50-booking burst into many minutes (issue #12, left open).
  // Pace itself is covered by test/integration/slack/slack-contract.test.ts and `npm run bench`.
  const slack = await startSlackWebApi({ tokens: [BOT_TOKEN], rateLimits: false });
  const retry: RetrySettings = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
  const secret = (value: string) => ({ get: async () => value, origin: 'test' });
  const thread = new SlackThread({
    apiUrl: slack.url,
    channel: OPS_CHANNEL,
    botToken: secret(BOT_TOKEN),
    timeoutMs: 5_000,
    callRetry: retry,
  });
  const stepRecords = new StepRecordStore(table.doc, table.tableName, now);
  const scheduler = new LocalTimerScheduler(table.doc, table.tableName, clock);
  const clientOptions = {
    baseUrl: SCC_BASE,
    serviceKey: secret(SERVICE_KEY),
    timeoutMs: 5_000,
    fetch: sccFetch,
  };
  const guestMail = options.withGuestMail
    ? new GuestMailClient({ ...clientOptions, callRetry: retry })
    : undefined;
  const lifecycle = createCrewLifecycle({
    doc: table.doc,
    tableName: table.tableName,
    store,
    stepRecords,
    slack: thread,
    scc: new SccFollowUpClient({ ...clientOptions, callRetry: retry }),
    scheduler,
    guestPageUrl: GUEST_PAGE_URL,
    ...(guestMail ? { guestMail } : {}),
    now,
    logger: silentLogger,
  });
  const s3 = options.withGuestPages ? await startTestS3(brands.all.map((b) => b.bucket)) : undefined;
  const guestPages = s3
    ? [
        guestPageStep({
          publisher: createGuestPagePublisher({
            s3: s3.s3,
            renderer: createGuestRenderer({ templatesDir: 'templates' }),
          }),
          brands,
          answers: store,
        }),
      ]
    : [];
  const calendar = options.withCalendar ? new CalendarStore(table.doc, table.tableName, { now }) : undefined;
  const calendarSteps = calendar
    ? [
        calendarEntryStep({
          dashboard: new DashboardClient({
            baseUrl: DASHBOARD_BASE,
            token: secret(DASHBOARD_TOKEN),
            timeoutMs: 5_000,
            callRetry: retry,
            fetch: lambdaFetch(
              createDashboardHandler({
                store: calendar,
                token: async () => DASHBOARD_TOKEN,
                feedToken: async () => `${DASHBOARD_TOKEN}-feed-0123456789abcdef`,
                logger: silentLogger,
                settings: { calendarName: 'Lifecycle test' },
                now,
              }),
            ),
          }),
          guestPageUrl: GUEST_PAGE_URL,
          answers: store,
        }),
      ]
    : [];
  const reconciler = createReconciler({
    store,
    stepRecords,
    steps: [
      sccEventStep({ scc: new SccClient({ ...clientOptions, callRetry: retry }), roster: store }),
      ...calendarSteps,
      ...guestPages,
      slackThreadStep({ thread, store, guestPageUrl: GUEST_PAGE_URL }),
      ...(guestMail
        ? [
            guestMailStep({
              mail: guestMail,
              photoCount: async (booking) =>
                s3 ? (await listGuestPhotos(s3.s3, brands.get(booking.domain).bucket, booking.id)).length : 0,
              thread: lifecycle.thread,
              now,
              // This stack has no CDN: the page is current once published.
              dependsOn: s3 ? ['guest-page'] : [],
            }),
          ]
        : []),
      lifecycle.step,
    ],
    retry,
    leaseMs: 10_000,
    logger: silentLogger,
    sleep: async () => {},
  });

  const rootTs = (bookingId: string) =>
    slack
      .messages(OPS_CHANNEL)
      .find(
        (m) =>
          m.metadata?.event_type === METADATA_EVENT.bookingThread &&
          m.metadata.event_payload?.bookingId === bookingId,
      )?.ts;

  return {
    table,
    s3,
    clock,
    store,
    timeOff: new DynamoTimeOffStore(table.doc, table.tableName),
    scheduler,
    lifecycle,
    reconciler,
    slack,
    ses,
    sccFetch,
    ...(calendar ? { calendar } : {}),
    secrets: { sccServiceKey: SERVICE_KEY, botToken: BOT_TOKEN },
    async createBooking(overrides = {}, id) {
      const valid = aBookingInput(overrides);
      const { startsAt, endsAt } = scheduleInstants(valid.schedule);
      return store.createBooking({
        input: valid,
        boat: { id: valid.boatId, name: 'Jada' },
        startsAt,
        endsAt,
        actor: 'U0OPS',
        ...(id ? { id } : {}),
      });
    },
    async reconcile(bookingId) {
      const outcome = await reconciler.reconcileBooking(bookingId);
      if (outcome.status !== 'converged') {
        throw new Error(
          `reconcile of ${bookingId} ended ${outcome.status}: ${JSON.stringify(outcome.steps)}`,
        );
      }
    },
    async advanceTo(at) {
      clock.set(new Date(at));
      return scheduler.runDue(async (timer) => {
        await lifecycle.handleTimer(timer);
      });
    },
    async pendingTimers(bookingId) {
      return (await scheduler.pending()).filter((t) => t.payload.bookingId === bookingId);
    },
    mail: (to) => readSentMail(ses.endpoint, to ? { to } : {}),
    clearMail: () => clearSentMail(ses.endpoint),
    async answerFromEmail(email, answer, charter) {
      const latest = (await readSentMail(ses.endpoint, { to: email }))
        .filter((m) => !charter || m.subject.includes(charter))
        .at(-1);
      const link = latest ? findLink(latest.text, `${SCC_BASE}/crew/`) : undefined;
      if (!link) throw new Error(`no crew link in the mail to ${email}`);
      const response = await sccFetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ answer }).toString(),
      });
      if (response.status !== 303 && response.status !== 302) {
        throw new Error(`the crew page answered ${response.status}: ${await response.text()}`);
      }
    },
    replies(bookingId) {
      const ts = rootTs(bookingId);
      return ts ? slack.replies(OPS_CHANNEL, ts) : [];
    },
    root(bookingId) {
      const ts = rootTs(bookingId);
      return slack.messages(OPS_CHANNEL).find((m) => m.ts === ts);
    },
    async stop() {
      await s3?.stop();
      sesClient.destroy();
      await slack.stop();
      await ses.stop();
      table.client.destroy();
    },
  };
}

type LambdaHttp = (event: APIGatewayProxyEventV2) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}>;

/** A fetch that hands each request to a Lambda HTTP handler in-process, as API Gateway would. */
function lambdaFetch(handler: LambdaHttp): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const result = await handler({
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: { host: url.host, ...headers },
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'test',
        domainName: url.hostname,
        domainPrefix: url.hostname,
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        },
        requestId: 'lifecycle-test',
        routeKey: '$default',
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
      ...(body !== undefined ? { body } : {}),
      isBase64Encoded: false,
    });
    return new Response(result.statusCode === 204 ? null : (result.body ?? ''), {
      status: result.statusCode,
      headers: result.headers,
    });
  }) as typeof fetch;
}

/** The bare address a mail went to: `"Ana Ruiz" <ana@crew.test>` → `ana@crew.test`. */
export function recipient(mail: SentMail): string {
  const to = mail.to[0] ?? '';
  return /<([^>]+)>/.exec(to)?.[1] ?? to;
}

/** Text of a thread reply, blocks included (buttons' labels and values). */
export function replyText(message: StoredMessage): string {
  return `${message.text ?? ''}\n${JSON.stringify(message.blocks ?? [])}`;
}
