/**
 * Lambda entry for ShipCaptainCrew (API Gateway HTTP API, payload v2), and its composition root: config is
 * read and clients are built once per container, on the first request. The local gateway and the tests use
 * the same pieces in-process: createSccDeps(loadSccConfig(env)) and createSccHandler(deps, {stripPrefix}).
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadBrands, loadSccConfig, type SccConfig } from '../config';
import { createLogger } from '../logging';
import { countedMailer, countedStore, createLambdaObservability, observeHandler } from '../observability';
import { createSccHandler, loadCrewTemplates, type SccDeps, SccEventStore, SesMailer } from '../scc';
import { DynamoBookingStore, DynamoTimeOffStore } from '../store';

export { createSccApp, createSccHandler, type SccDeps } from '../scc';

/** Builds every client and collaborator SCC needs from its config; `overrides` swap any of them (tests). */
export function createSccDeps(
  config: SccConfig,
  overrides: Partial<SccDeps> = {},
  tracer?: Pick<Tracer, 'captureAWSv3Client'>,
): SccDeps {
  const traced = <C>(client: C): C => (tracer ? tracer.captureAWSv3Client(client) : client);
  // Endpoints come from AWS_ENDPOINT_URL_DYNAMODB / _SES / _S3, which the SDK reads itself.
  const dynamo = traced(new DynamoDBClient({ region: config.region }));
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  // The mailer owns SES retries (throttling backoff), so the SDK's own are turned off to avoid multiplying.
  const ses = traced(new SESClient({ region: config.region, maxAttempts: 1 }));
  const s3 = traced(new S3Client({ region: config.region, forcePathStyle: config.s3ForcePathStyle }));
  return {
    settings: {
      serviceKeyHash: config.serviceKeyHash,
      publicBaseUrl: config.publicBaseUrl,
      photoMaxBytes: config.photoMaxBytes,
      magicLinkTtlHoursAfterEnd: config.magicLinkTtlHoursAfterEnd,
      checklists: config.checklists,
      uploadOrigins: config.uploadOrigins,
      guestSiteUrl: config.guestSiteUrl,
      templatesDir: config.templatesDir,
    },
    passwordSalt: () => config.passwordSalt.get(),
    magicLinkSecret: () => config.magicLinkSecret.get(),
    events: new SccEventStore(doc, config.tableName),
    bookings: new DynamoBookingStore(doc, config.tableName),
    timeOff: new DynamoTimeOffStore(doc, config.tableName),
    mailer: new SesMailer(ses, undefined, config.sesConfigurationSet),
    s3,
    brands: loadBrands(config.templatesDir, config.brandSites),
    templates: loadCrewTemplates(config.templatesDir),
    logger: createLogger('scc', config.logLevel),
    ...overrides,
  };
}

let handle: ((event: APIGatewayProxyEventV2, context?: Context) => Promise<unknown>) | undefined;

export async function handler(event: APIGatewayProxyEventV2, context: Context) {
  if (!handle) {
    const config = loadSccConfig();
    const obs = createLambdaObservability('scc', config.logLevel);
    const deps = createSccDeps(config, { logger: obs.logger }, obs.tracer);
    const sccHandler = createSccHandler({
      ...deps,
      // Emails SES accepted (crew and guest mail) and crew answers on the crew page, counted where they happen.
      mailer: countedMailer(deps.mailer, obs.business),
      bookings: countedStore(deps.bookings, obs.business),
    });
    handle = observeHandler(obs, (e: APIGatewayProxyEventV2, c?: Context) => sccHandler(e, c as Context));
  }
  return handle(event, context);
}
