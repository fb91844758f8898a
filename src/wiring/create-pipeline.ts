/**
 * Builds the whole pipeline from configuration and the outside clients: the SCC, dashboard and Slack
 * clients, the five steps in order (plus the crew lifecycle when given a timer scheduler), the reconciler and
 * the stream handler. Used by the Lambda entry
 * (src/handlers/reconciler.ts), by `npm run dev` and by the tests, so all three run the same code.
 *
 * Takes every client as an argument and reads no environment: the caller decides where things are.
 */

import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DashboardClient, GuestMailClient, SccClient, SccFollowUpClient, SlackThread } from '../clients';
import type { BrandDirectory, PipelineConfig } from '../config';
import type { Brand, DeadlinePolicy } from '../domain';
import { createGuestPagePublisher, createGuestRenderer, guestPageUrlOf, listGuestPhotos } from '../guest';
import type { Logger } from '../logging';
import { DeliveryStore } from '../mail';
import type { BusinessMetrics } from '../observability';
import type { PipelineStep } from '../pipeline';
import {
  calendarEntryStep,
  createDriftAudit,
  createReconciler,
  createRetryTimerHandler,
  createStreamHandler,
  type DriftAudit,
  type FiredRetry,
  guestMailStep,
  guestPageStep,
  invalidationStep,
  OnceOnly,
  type Reconciler,
  StepRecordStore,
  type StreamEventHandler,
  type StreamHandlerDeps,
  sccEventStep,
  slackThreadStep,
  ThreadReplies,
} from '../pipeline';
import { callRetrySettings, type Sleep } from '../retry';
import type { TimerPayload, TimerScheduler } from '../scheduler';
import { DynamoBookingStore } from '../store';
import { type CrewLifecycle, createCrewLifecycle } from './create-crew-lifecycle';

export interface PipelineDeps {
  config: PipelineConfig;
  doc: DynamoDBDocumentClient;
  /** Built with sdkRetryStrategy (retry.ts: the call layer) and a request timeout that throws. */
  s3: S3Client;
  cloudFront: CloudFrontClient;
  brands: BrandDirectory;
  logger: Logger;
  /** Steps failed/retried/waiting and time to all-green; none by default. */
  metrics?: BusinessMetrics;
  /** Public site root per brand (local development points it at the gateway). */
  siteUrl?: (brand: Brand) => string;
  fetch?: typeof fetch;
  /** Claim owner id; unique per process by default. */
  owner?: string;
  sleep?: Sleep;
  random?: () => number;
  onReconciled?: StreamHandlerDeps['onReconciled'];
  /**
   * The crew lifecycle's timers (EventBridge Scheduler in AWS, the local scheduler in dev): given, the
   * pipeline also runs the crew lifecycle step and can handle firing timers (`lifecycle.handleTimer`), and
   * a step that failed transiently is retried in the background on this scheduler (background-retry.ts).
   */
  timers?: { scheduler: TimerScheduler; policy?: DeadlinePolicy; now?: () => Date };
}

export interface Pipeline {
  reconciler: Reconciler;
  /** The DynamoDB Streams handler: the Lambda handler and the local poller both call this. */
  handleStreamEvent: StreamEventHandler;
  store: DynamoBookingStore;
  stepRecords: StepRecordStore;
  steps: readonly PipelineStep[];
  slack: SlackThread;
  /** With `timers`: answer deadlines, reminders, the roster, the decline cascade, completion. */
  lifecycle?: CrewLifecycle;
  /** The drift audit (nightly and `/charter audit`): puts back what was changed behind the system's back. */
  audit: DriftAudit;
  /** What a firing timer does: a step's background retry, or one of the crew lifecycle's timers. */
  handleTimer(timer: { name: string; payload: TimerPayload }): Promise<string>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { config, logger } = deps;
  const callRetry = callRetrySettings(config.retry);
  const store = new DynamoBookingStore(deps.doc, config.tableName);
  const stepRecords = new StepRecordStore(deps.doc, config.tableName);
  const scc = new SccClient({
    baseUrl: config.scc.url,
    serviceKey: config.scc.serviceKey,
    timeoutMs: config.httpTimeoutMs,
    callRetry,
    fetch: deps.fetch,
  });
  const dashboard = new DashboardClient({
    baseUrl: config.dashboard.url,
    token: config.dashboard.token,
    timeoutMs: config.httpTimeoutMs,
    callRetry,
    fetch: deps.fetch,
  });
  const slack = new SlackThread({
    apiUrl: config.slack.apiUrl,
    channel: config.slack.channel,
    botToken: config.slack.botToken,
    timeoutMs: config.httpTimeoutMs,
    callRetry,
  });
  const publisher = createGuestPagePublisher({
    s3: deps.s3,
    renderer: createGuestRenderer({
      templatesDir: config.templatesDir,
      siteUrl: deps.siteUrl ?? ((brand) => config.guestSiteUrl(brand.domain)),
    }),
    logger,
  });
  const guestPageUrl = guestPageUrlOf(config.guestSiteUrl);
  const guestMail = new GuestMailClient({
    baseUrl: config.scc.url,
    serviceKey: config.scc.serviceKey,
    timeoutMs: config.httpTimeoutMs,
    callRetry,
    fetch: deps.fetch,
  });
  const lifecycle = deps.timers
    ? createCrewLifecycle({
        doc: deps.doc,
        tableName: config.tableName,
        store,
        stepRecords,
        slack,
        scc: new SccFollowUpClient({
          baseUrl: config.scc.url,
          serviceKey: config.scc.serviceKey,
          timeoutMs: config.httpTimeoutMs,
          callRetry,
          fetch: deps.fetch,
        }),
        scheduler: deps.timers.scheduler,
        guestPageUrl,
        guestMail,
        ...(deps.timers.policy ? { policy: deps.timers.policy } : {}),
        ...(deps.timers.now ? { now: deps.timers.now } : {}),
        logger,
      })
    : undefined;
  const steps: PipelineStep[] = [
    sccEventStep({ scc, roster: store }),
    calendarEntryStep({ dashboard, guestPageUrl, answers: store }),
    guestPageStep({ publisher, brands: deps.brands, answers: store }),
    invalidationStep({ cloudFront: deps.cloudFront, brands: deps.brands }),
    slackThreadStep({
      thread: slack,
      store,
      deliveries: new DeliveryStore(deps.doc, config.tableName),
      guestPageUrl,
      declinesAnsweredByLifecycle: lifecycle !== undefined,
    }),
    // After the thread's step: each guest email gets a line in the thread that step set up.
    guestMailStep({
      mail: guestMail,
      photoCount: async (booking) =>
        (await listGuestPhotos(deps.s3, deps.brands.get(booking.domain).bucket, booking.id)).length,
      thread:
        lifecycle?.thread ?? new ThreadReplies({ thread: slack, stepRecords, once: new OnceOnly(store) }),
      now: deps.timers?.now ?? (() => new Date()),
    }),
  ];
  // Last: it counts from the invites and posts into the thread the steps before it set up.
  if (lifecycle) steps.push(lifecycle.step);
  const reconciler = createReconciler({
    store,
    stepRecords,
    steps,
    retry: config.retry,
    leaseMs: config.leaseMs,
    logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    owner: deps.owner,
    sleep: deps.sleep,
    random: deps.random,
    ...(deps.timers
      ? {
          background: {
            settings: config.backgroundRetry,
            scheduler: deps.timers.scheduler,
            ...(deps.timers.now ? { now: deps.timers.now } : {}),
          },
        }
      : {}),
  });
  const handleRetry = deps.timers
    ? createRetryTimerHandler({
        reconciler,
        scheduler: deps.timers.scheduler,
        settings: config.backgroundRetry,
        now: deps.timers.now ?? (() => new Date()),
        logger,
      })
    : undefined;
  const handleTimer = async (timer: FiredRetry & { payload: TimerPayload }): Promise<string> => {
    if (timer.payload.kind === 'audit') {
      const report = await audit.run({ trigger: 'nightly' });
      return `audited ${report.checked}, repaired ${report.drifted.length}`;
    }
    if (timer.payload.kind === 'retry') {
      if (!handleRetry) throw new Error('A retry timer fired, but no timer scheduler is configured.');
      return handleRetry(timer);
    }
    if (!lifecycle) throw new Error('A timer fired, but the crew lifecycle is not configured.');
    return lifecycle.handleTimer(timer);
  };
  const audit = createDriftAudit({
    store,
    stepRecords,
    reconciler,
    scc,
    dashboard,
    s3: deps.s3,
    slack,
    thread: lifecycle?.thread ?? new ThreadReplies({ thread: slack, stepRecords, once: new OnceOnly(store) }),
    now: deps.timers?.now ?? (() => new Date()),
    logger,
  });
  const handleStreamEvent = createStreamHandler({
    reconciler,
    logger,
    concurrency: config.concurrency,
    onReconciled: deps.onReconciled,
    onAuditRequest: (request) => audit.run({ trigger: 'request', runId: request.requestId }),
  });
  return {
    reconciler,
    handleStreamEvent,
    store,
    stepRecords,
    steps,
    slack,
    audit,
    handleTimer,
    ...(lifecycle ? { lifecycle } : {}),
  };
}
