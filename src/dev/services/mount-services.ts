/**
 * The services behind the gateway, built from the same composition code their Lambdas use (the factories in
 * src/handlers/*), configured by the same loaders from a local environment: the Slack app (POST
 * /slack/events, or Socket Mode), ShipCaptainCrew (/scc/…), the dashboard (/dashboard/…), and the reconciler,
 * fed by DynamoDB Local's stream through the poller exactly as Lambda's event source mapping feeds it, and
 * the crew lifecycle's timers on the local scheduler (fired every few seconds, as EventBridge would).
 * Development only. The local secrets reach the services through the environment object, never a log.
 */
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BrandDirectory, DevSlackMode } from '../../config';
import {
  loadDashboardConfig,
  loadLifecycleConfig,
  loadPipelineConfig,
  loadSccConfig,
  loadSlackConfig,
} from '../../config';
import { createDashboardDeps, createDashboardHandler } from '../../handlers/dashboard';
import { createSccDeps, createSccHandler } from '../../handlers/scc';
import { createDynamoDeps, createSlackEventsHandler } from '../../handlers/slack';
import { createLogger, type LogLevel } from '../../logging';
import { createMailFeedbackHandler, crewFeedbackTarget, DeliveryStore } from '../../mail';
import {
  createPipelineAwsClients,
  fileCheckpoints,
  nextNightlyAudit,
  type StreamPoller,
  startStreamPoller,
} from '../../pipeline';
import { guestMailFeedbackTarget, hashServiceKey } from '../../scc';
import type { TimerScheduler } from '../../scheduler';
import { createSlackApp } from '../../slack';
import { createPipeline, type Pipeline } from '../../wiring';
import type { DataLayout } from '../data-dir';
import type { LocalGateway } from '../gateway/local-gateway';
import type { LocalSecrets } from '../local-secrets';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../stand-ins/dynamodb-local';
import { startSesSimulator } from '../stand-ins/ses-simulator';
import { createLocalTimers } from './local-timers';

export interface ServiceContext {
  gateway: LocalGateway;
  /** The shared local environment: AWS endpoints, table, templates, Slack settings. */
  env: Readonly<Record<string, string>>;
  secrets: LocalSecrets;
  brands: BrandDirectory;
  log: (line: string) => void;
  logLevel: LogLevel;
  layout: DataLayout;
  dynamoClient: DynamoDBClient;
  dynamoEndpoint: string;
  slackMode: DevSlackMode;
  /** What people type (http://localhost:PORT); links in emails and pages use it. */
  publicUrl: string;
  stops: Array<() => Promise<void> | void>;
}

export interface Services {
  pipeline: Pipeline;
  poller: StreamPoller;
}

export async function mountServices(context: ServiceContext): Promise<Services> {
  const { gateway, secrets, publicUrl } = context;
  // Service-to-service calls go to the gateway's own address, as the reconciler calls API Gateway in AWS.
  const internalUrl = gateway.url;
  const env: Record<string, string> = {
    ...context.env,
    SERVICE_KEY_HASH: hashServiceKey(secrets.sccServiceKey, secrets.passwordSalt),
    PASSWORD_SALT: secrets.passwordSalt,
    MAGIC_LINK_SECRET: secrets.magicLinkSecret,
    PUBLIC_BASE_URL: `${publicUrl}/scc`,
    GUEST_SITE_URL: `${publicUrl}/sites/{domain}`,
    DASHBOARD_TOKEN: secrets.dashboardToken,
    DASHBOARD_FEED_TOKEN: secrets.dashboardFeedToken,
    DASHBOARD_PUBLIC_URL: `${publicUrl}/dashboard`,
    SCC_URL: `${internalUrl}/scc`,
    SCC_SERVICE_KEY: secrets.sccServiceKey,
    DASHBOARD_URL: `${internalUrl}/dashboard`,
  };

  gateway.mount({
    name: 'scc',
    prefix: '/scc',
    lambda: createSccHandler(createSccDeps(loadSccConfig(env)), { stripPrefix: '/scc' }),
  });
  gateway.mount({
    name: 'dashboard',
    prefix: '/dashboard',
    lambda: createDashboardHandler(createDashboardDeps(loadDashboardConfig(env)), {
      stripPrefix: '/dashboard',
    }),
  });

  const slackConfig = loadSlackConfig(env);
  if (context.slackMode.kind === 'socket') {
    const app = await createSlackApp({
      ...createDynamoDeps(slackConfig),
      boats: slackConfig.boats,
      brands: slackConfig.brands,
      opsChannel: slackConfig.opsChannel,
      operators: slackConfig.operators,
      logger: createLogger('slack', slackConfig.logLevel),
      now: () => new Date(),
      signingSecret: slackConfig.signingSecret,
      botToken: slackConfig.botToken,
      appToken: slackConfig.appToken,
      apiUrl: slackConfig.apiUrl,
      logLevel: slackConfig.logLevel,
    });
    await app.start();
    context.stops.push(() => app.stop());
    context.log('slack: connected to your workspace over Socket Mode');
  } else {
    gateway.mount({
      name: 'slack',
      prefix: '/slack/events',
      // Same deps as the Lambda: with readSteps, `/charter status` shows every pipeline step.
      lambda: createSlackEventsHandler({ config: slackConfig, ...createDynamoDeps(slackConfig) }),
    });
  }

  const timers = createLocalTimers({
    doc: DynamoDBDocumentClient.from(context.dynamoClient, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    tableName: env.TABLE_NAME ?? 'charter-ops',
    logger: createLogger('timers', context.logLevel),
  });
  const pipeline = buildPipeline(env, context, timers.scheduler);
  // The nightly drift audit: a one-time timer that schedules the next night once it has run.
  timers.start(async (timer) => {
    const outcome = await pipeline.handleTimer(timer);
    if (timer.payload.kind === 'audit') await timers.scheduler.schedule(nextNightlyAudit(new Date()));
    return outcome;
  });
  await timers.scheduler.schedule(nextNightlyAudit(new Date()));
  context.stops.push(() => timers.stop());
  const streams = new DynamoDBStreamsClient({
    endpoint: context.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  context.stops.push(() => streams.destroy());
  const poller = await startStreamPoller({
    dynamo: context.dynamoClient,
    streams,
    tableName: env.TABLE_NAME ?? 'charter-ops',
    handler: pipeline.handleStreamEvent,
    checkpoints: fileCheckpoints(join(context.layout.checkpoints, 'checkpoints.json')),
    logger: createLogger('stream-poller', context.logLevel),
    idleMs: 100,
    maxRetryDelayMs: 2_000,
  });
  context.stops.push(() => poller.stop());
  startMailFeedback(env, context, pipeline);
  return { pipeline, poller };
}

/**
 * SES's mailbox simulator on the SES stand-in: crew on bounce@/complaint@/suppressionlist@
 * simulator.amazonses.com get the notification SES would send, through the same handler as the SQS Lambda.
 */
function startMailFeedback(env: Record<string, string>, context: ServiceContext, pipeline: Pipeline) {
  const sesEndpoint = env.AWS_ENDPOINT_URL_SES;
  if (!sesEndpoint) return;
  const doc = DynamoDBDocumentClient.from(context.dynamoClient, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const deliveries = new DeliveryStore(doc, env.TABLE_NAME ?? 'charter-ops');
  const logger = createLogger('mail-feedback', context.logLevel);
  const simulator = startSesSimulator({
    sesEndpoint,
    deliver: createMailFeedbackHandler({
      deliveries,
      targets: [
        crewFeedbackTarget({ store: pipeline.store, deliveries }),
        guestMailFeedbackTarget({ doc, tableName: env.TABLE_NAME ?? 'charter-ops', deliveries }),
      ],
      logger,
    }),
    onError: (error) => logger.warn('SES simulator pass failed', { error }),
  });
  simulator.start();
  context.stops.push(() => simulator.stop());
}

function buildPipeline(
  env: Record<string, string>,
  context: ServiceContext,
  scheduler: TimerScheduler,
): Pipeline {
  const config = loadPipelineConfig(env);
  // Answer deadlines, reminders and the roster on the local scheduler, with the same policy settings.
  const { policy } = loadLifecycleConfig(env);
  // The same clients the Lambda entry builds; their endpoints come from AWS_ENDPOINT_URL_* as in AWS.
  const { s3, cloudFront, destroy } = createPipelineAwsClients(config);
  context.stops.push(destroy);
  return createPipeline({
    config,
    doc: DynamoDBDocumentClient.from(context.dynamoClient, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    s3,
    cloudFront,
    brands: context.brands,
    logger: createLogger('reconciler', config.logLevel),
    timers: { scheduler, policy },
  });
}
