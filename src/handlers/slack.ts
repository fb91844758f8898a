/**
 * Lambda entry point of the Slack app (API Gateway HTTP API → POST /slack/events), and its composition
 * root: configuration, the DynamoDB store and the Bolt app are built once per container, on the first
 * request. `createSlackEventsHandler` is the same handler for callers that bring their own dependencies
 * (the local gateway serving POST /slack/events in-process, the tests, the bench).
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadSlackConfig, type SlackConfig } from '../config';
import type { Booking } from '../domain';
import { guestPageUrlOf } from '../guest';
import { createLogger, type Logger } from '../logging';
import { countedStore, createLambdaObservability, observeHandler } from '../observability';
import { GUEST_MAIL_STEP, guestMailState, StepRecordStore, stepStatesFor } from '../pipeline';
import type { SlackStore, SlackTimeOffStore, StepState } from '../slack';
import { createSlackApp, type SlackApp, type SlackHttpResponse } from '../slack';
import { AuditRequestStore, DynamoBookingStore, DynamoTimeOffStore } from '../store';

export interface SlackHandlerDeps {
  config: SlackConfig;
  store: SlackStore;
  timeOff: SlackTimeOffStore;
  logger?: Logger;
  now?: () => Date;
  /** The pipeline's step states for `/charter status`; without it the status shows none. */
  readSteps?: (booking: Booking) => Promise<StepState[]>;
  /** Records `/charter audit` for the reconciler; without it the command says the audit is not available. */
  requestAudit?: (requestedBy: string) => Promise<string>;
}

export type SlackEventsHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<SlackHttpResponse>;

/** The HTTP Slack app over the given dependencies (Socket Mode is never used here, whatever the config). */
export function createSlackEventsHandler(deps: SlackHandlerDeps): SlackEventsHandler {
  const logger = deps.logger ?? createLogger('slack', deps.config.logLevel);
  let app: Promise<SlackApp> | undefined;
  return async (event, context) => {
    app ??= createSlackApp({
      store: deps.store,
      timeOff: deps.timeOff,
      boats: deps.config.boats,
      brands: deps.config.brands,
      opsChannel: deps.config.opsChannel,
      operators: deps.config.operators,
      logger,
      now: deps.now ?? (() => new Date()),
      signingSecret: deps.config.signingSecret,
      botToken: deps.config.botToken,
      appToken: undefined,
      apiUrl: deps.config.apiUrl,
      logLevel: deps.config.logLevel,
      ...(deps.readSteps ? { readSteps: deps.readSteps } : {}),
      ...(deps.requestAudit ? { requestAudit: deps.requestAudit } : {}),
    });
    return (await app).handle(event, context);
  };
}

export interface DynamoDeps {
  store: DynamoBookingStore;
  timeOff: DynamoTimeOffStore;
  readSteps: (booking: Booking) => Promise<StepState[]>;
  requestAudit: (requestedBy: string) => Promise<string>;
}

/** The booking store and the pipeline's step records on one DynamoDB client. */
export function createDynamoDeps(
  config: Pick<SlackConfig, 'region' | 'tableName' | 'guestSiteUrl'>,
  tracer?: Pick<Tracer, 'captureAWSv3Client'>,
): DynamoDeps {
  const dynamo = new DynamoDBClient({ region: config.region });
  const client = tracer ? tracer.captureAWSv3Client(dynamo) : dynamo;
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const steps = new StepRecordStore(doc, config.tableName);
  const guestPageUrl = guestPageUrlOf(config.guestSiteUrl);
  const audits = new AuditRequestStore(doc, config.tableName);
  return {
    store: new DynamoBookingStore(doc, config.tableName),
    timeOff: new DynamoTimeOffStore(doc, config.tableName),
    requestAudit: (requestedBy) => audits.request(requestedBy, new Date()),
    readSteps: async (booking) => {
      const records = await steps.list(booking.id);
      // `/charter status` also says which guest emails went out (the thread's progress does not list them).
      return [
        ...stepStatesFor(booking, records, guestPageUrl),
        guestMailState(booking, records.get(GUEST_MAIL_STEP)),
      ];
    },
  };
}

let containerHandler: SlackEventsHandler | undefined;

export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<SlackHttpResponse> {
  if (!containerHandler) {
    const config = loadSlackConfig(process.env);
    const obs = createLambdaObservability('slack', config.logLevel);
    const { store, timeOff, readSteps, requestAudit } = createDynamoDeps(config, obs.tracer);
    containerHandler = observeHandler(
      obs,
      createSlackEventsHandler({
        config,
        // Bookings created and crew answers given in Slack are counted at the store's write.
        store: countedStore(store, obs.business),
        timeOff,
        readSteps,
        requestAudit,
        logger: obs.logger,
      }),
    );
  }
  return containerHandler(event, context);
}
