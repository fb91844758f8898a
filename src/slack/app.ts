/**
 * The Slack app, one code path for three ways to run it:
 *   - HTTP (AwsLambdaReceiver): the deployed Lambda, and the local gateway's POST /slack/events, which hands
 *     the same API Gateway v2 events to `handle`;
 *   - Socket Mode (SocketModeReceiver) when an app token is given: a laptop on a real workspace;
 * with the Web API base from SLACK_API_URL (a stand-in in tests and the sandbox). The listeners are the
 * same in every mode. Signatures are checked here, before Bolt, so that timestamps from the future are
 * refused as well as stale ones. Nothing here calls SCC, the dashboard, S3, SES or CloudFront.
 */
import { App, AwsLambdaReceiver, LogLevel, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { SecretSource } from '../config';
import { authorizeRequests, OperatorDirectory } from './auth';
import { toBoltLogger } from './bolt-logger';
import { dedupeDeliveries } from './dedupe';
import type { SlackDeps } from './deps';
import { registerErrorHandler } from './errors';
import { registerListeners } from './listeners';
import { malformedSlackBody } from './request-body';
import { verifySlackSignature } from './signature';

export interface SlackAppOptions extends SlackDeps {
  signingSecret: Pick<SecretSource, 'get'>;
  botToken: Pick<SecretSource, 'get'>;
  /** Given → Socket Mode; absent → HTTP. */
  appToken?: Pick<SecretSource, 'get'> | undefined;
  /** Web API base ending in `/`. */
  apiUrl: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export type SlackHttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** HTTP mode: one API Gateway (payload v2) event in, the response Slack gets out. */
  handle(event: APIGatewayProxyEventV2, context?: Context): Promise<SlackHttpResponse>;
  /** Socket Mode: connects to Slack (HTTP mode: nothing to start). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const BOLT_LEVEL: Record<NonNullable<SlackAppOptions['logLevel']>, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * The listeners' WebClient: quick retries, and a rate-limited call waits Slack's Retry-After and is made again
 * (the WebClient does this itself when rejectRateLimitedCalls is false), so a busy moment delays an answer
 * rather than dropping it. https://docs.slack.dev/apis/web-api/rate-limits
 */
function clientOptions(apiUrl: string) {
  return {
    slackApiUrl: apiUrl,
    timeout: 2500,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 1, minTimeout: 100, maxTimeout: 300 },
  };
}

export async function createSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const logger = options.logger.child({ component: 'slack' });
  const boltLogger = toBoltLogger(logger, BOLT_LEVEL[options.logLevel ?? 'info']);
  const appToken = options.appToken ? await options.appToken.get() : undefined;

  let receiver: Receiver;
  let lambda: AwsLambdaReceiver | undefined;
  if (appToken) {
    receiver = new SocketModeReceiver({
      appToken,
      logger: boltLogger,
      installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
    });
  } else {
    // Signatures are verified in `handle` (Bolt's check lets future timestamps through).
    lambda = new AwsLambdaReceiver({ signingSecret: '', signatureVerification: false, logger: boltLogger });
    receiver = lambda;
  }

  // The token comes through `authorize` (read per request: an env value, or Secrets Manager's cached copy).
  // Bolt keys its clients by the payload's team, which every Slack payload names; one that does not is
  // refused here rather than answered by a client without a token. Unlike `token`, this needs no auth.test.
  const app = new App({
    receiver,
    logger: boltLogger,
    authorize: async (source) => {
      if (!source.teamId && !source.enterpriseId) throw new Error('The payload names no team or enterprise.');
      return { botToken: await options.botToken.get() };
    },
    clientOptions: clientOptions(options.apiUrl),
  });
  app.use(dedupeDeliveries(options.store, logger));
  const operators = new OperatorDirectory(options.operators ?? { userIds: [], groupIds: [] }, logger);
  if (!operators.configured)
    logger.warn('SLACK_OPERATORS is empty: nobody can book, edit or cancel charters or keep the roster');
  // Before any listener: who may do what is decided here and only here (src/slack/auth/rules.ts).
  app.use(authorizeRequests({ store: options.store, operators, opsChannel: options.opsChannel, logger }));
  registerListeners(app, options);
  registerErrorHandler(app, logger);

  const lambdaHandler = lambda?.toHandler();

  async function handle(event: APIGatewayProxyEventV2, context?: Context): Promise<SlackHttpResponse> {
    if (!lambdaHandler)
      return refuse(404, 'not_found', 'This app runs in Socket Mode; it takes no HTTP requests.');
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'POST';
    if (method !== 'POST') return refuse(405, 'method_not_allowed', 'Slack posts to this endpoint.');
    const headers = lowerCaseHeaders(event.headers);
    const rawBody = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
    const check = verifySlackSignature({
      signingSecret: await options.signingSecret.get(),
      rawBody,
      timestamp: headers['x-slack-request-timestamp'],
      signature: headers['x-slack-signature'],
      nowSeconds: Math.floor(options.now().getTime() / 1000),
    });
    if (!check.ok) {
      logger.warn('Slack request refused', { reason: check.reason });
      return refuse(401, 'unauthorized', 'The request signature or timestamp is not valid.');
    }
    // Bolt compares the content type exactly and decodes base64 as ASCII: hand it the decoded text.
    const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const malformed = malformedSlackBody(mediaType, rawBody);
    if (malformed) {
      logger.warn('Slack request refused: malformed body', { reason: malformed, bytes: rawBody.length });
      return refuse(400, 'bad_request', `The request body is malformed: ${malformed}.`);
    }
    const normalised = {
      ...event,
      body: rawBody,
      isBase64Encoded: false,
      headers: { ...headers, 'content-type': mediaType },
    };
    const response = (await lambdaHandler(normalised, context ?? ({} as Context))) as SlackHttpResponse;
    return response;
  }

  return {
    app,
    mode: appToken ? 'socket' : 'http',
    handle,
    start: async () => {
      if (appToken) await app.start();
    },
    stop: async () => {
      if (appToken) await app.stop();
    },
  };
}

function lowerCaseHeaders(headers: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function refuse(statusCode: number, error: string, message: string): SlackHttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ error, message }),
  };
}
