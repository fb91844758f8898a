/**
 * `npm run dev` as a function: starts every stand-in (DynamoDB Local, s3rver, aws-ses-v2-local, a CloudFront
 * API stand-in, and, without a real workspace, the Slack Web API stand-in), seeds a fresh data directory,
 * and serves every Lambda handler through one local gateway, exactly as API Gateway and CloudFront would in
 * AWS. main.ts calls it for people; the browser tests call it on free ports with a throwaway data directory.
 * Never touches an AWS account: every SDK client it creates or causes is pointed at a local endpoint with
 * local credentials.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { DevSlackMode } from '../config';
import { type BrandDirectory, loadBrands } from '../config';
import { createGuestPagePublisher, createGuestRenderer, loadViewerRequestFunction } from '../guest';
import { createEdgeCache } from './cdn/edge-cache';
import { createGuestSites, type GuestSites } from './cdn/guest-sites';
import { dataLayout, prepareDataDir } from './data-dir';
import { type DevEndpoints, writeEndpoints } from './endpoints';
import type { LocalGateway, PageHandler } from './gateway/local-gateway';
import { startLocalGateway } from './gateway/local-gateway';
import { homePage, sitesIndexPage } from './home-page';
import { type LocalSecrets, loadLocalSecrets } from './local-secrets';
import { createMailOutbox, MAIL_PREFIX } from './mail/mail-outbox';
import { standInPort } from './ports';
import { readAppManifest } from './sandbox/app-manifest';
import { createSlackSandbox, SANDBOX_PREFIX, type SlackSandbox } from './sandbox/slack-sandbox';
import { DEV_OPERATOR, sandboxPeople, seedOnce } from './seed';
import { createDevStore } from './services/dev-store';
import { mountServices } from './services/mount-services';
import { startCloudFrontLocal } from './stand-ins/cloudfront-local';
import {
  ensureTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoClient,
  startDynamoDbLocal,
} from './stand-ins/dynamodb-local';
import { startS3Local } from './stand-ins/s3rver';
import { startSesLocal } from './stand-ins/ses-local';
import { type SlackWebApiStandIn, startSlackWebApi } from './stand-ins/slack-web-api';

export interface DevStackOptions {
  /** The gateway's port; 0 puts it and every stand-in on free ports (tests). */
  port: number;
  host?: string;
  dataDir: string;
  fresh?: boolean;
  slack?: DevSlackMode;
  /** Overrides the local signing secret (with SLACK_API_URL pointing at a stand-in that signs with it). */
  slackSigningSecret?: string;
  /** SLACK_OPERATORS; unset: the sandbox's operator persona in the sandbox, nobody otherwise. */
  slackOperators?: string;
  templatesDir?: string;
  tableName?: string;
  /** One line per noteworthy thing (request log, notes); defaults to silence. */
  log?: (line: string) => void;
  /** Log level of the services' JSON logs. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface DevStack {
  endpoints: DevEndpoints;
  endpointsFile: string;
  secrets: LocalSecrets;
  sandbox: SlackSandbox | undefined;
  slackStandIn: SlackWebApiStandIn | undefined;
  brands: BrandDirectory;
  /** True when the data directory was new (a cold start: nothing to reuse). */
  firstStart: boolean;
  stop(): Promise<void>;
}

export const OPS_CHANNEL = { id: 'C0CHARTEROPS', name: 'charter-ops' } as const;
export const SANDBOX_TEAM = {
  id: 'T0CHARTER',
  domain: 'charter-ops-local',
  appId: 'A0CHARTEROPS',
  name: 'Charter Ops',
};

export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? 'charter-ops';
  const templatesDir = options.templatesDir ?? 'templates';
  const slackMode: DevSlackMode = options.slack ?? { kind: 'sandbox' };
  const opsChannel = { id: slackMode.opsChannel ?? OPS_CHANNEL.id, name: OPS_CHANNEL.name };
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`while stopping: ${String(error)}`);
      }
    }
    stops.length = 0;
  };

  try {
    const layout = dataLayout(options.dataDir);
    const { created: firstStart } = prepareDataDir(layout, { fresh: options.fresh ?? false });
    const secrets = loadLocalSecrets(layout);
    const brands = loadBrands(templatesDir);
    const signingSecret = options.slackSigningSecret ?? secrets.slackSigningSecret;

    let endpoints: DevEndpoints | undefined;
    let fallback: PageHandler = async (_request, response) => notFound(response);
    // Declared before the gateway: a browser tab left open (the sandbox, a guest page) asks for pages the
    // moment the port opens, long before S3 is up, and must get a 404 rather than a TDZ ReferenceError.
    let guestSites: GuestSites | undefined;
    // The gateway first: a taken PORT is the likeliest mistake and must fail before Java starts.
    const gateway: LocalGateway = await startLocalGateway({
      port: options.port,
      host,
      fallback: (request, response, body) => fallback(request, response, body),
      startsUnready: true,
      byHost: (hostHeader) => {
        const sites = guestSites;
        const brand = sites?.brandForHost(hostHeader);
        return sites && brand
          ? (request, response) => sites.serve(brand, request.url ?? '/', request, response)
          : undefined;
      },
      onRequest: (entry) => {
        // The pages' own polling and assets would drown what matters: the services' requests.
        const chatter = [`${SANDBOX_PREFIX}/api/`, `${SANDBOX_PREFIX}/static/`, `${MAIL_PREFIX}/api/`];
        if (!chatter.some((prefix) => entry.path.startsWith(prefix))) {
          log(`${entry.method} ${entry.path} → ${entry.status} (${entry.ms} ms)`);
        }
      },
      onError: (route, error) =>
        log(`${route}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    stops.push(() => gateway.stop());
    const publicUrl = gateway.url.replace('127.0.0.1', 'localhost');
    const note = (message: string) => log(`note: ${message}`);

    const [dynamoPort, s3Port, sesPort, cloudFrontPort, slackPort] = await Promise.all([
      standInPort(options.port === 0 ? 0 : gateway.port, 'dynamodb', host, note),
      standInPort(options.port === 0 ? 0 : gateway.port, 's3', host, note),
      standInPort(options.port === 0 ? 0 : gateway.port, 'ses', host, note),
      standInPort(options.port === 0 ? 0 : gateway.port, 'cloudfront', host, note),
      standInPort(options.port === 0 ? 0 : gateway.port, 'slack', host, note),
    ]);

    const cache = createEdgeCache();
    // Started side by side; each is registered for shutdown as soon as it is up, so a failure elsewhere
    // never leaves a Java process or a port behind.
    const tracked = <T>(promise: Promise<T>, stop: (value: T) => Promise<void> | void) =>
      promise.then((value) => {
        stops.push(() => stop(value));
        return value;
      });
    const [dynamo, s3Local, ses, cloudFront, slackStandIn] = await Promise.all([
      tracked(startDynamoDbLocal({ port: dynamoPort, dataDir: layout.dynamodb, detached: true }), (d) => {
        process.off('exit', d.stop);
        return d.stop();
      }).then((d) => {
        // Its own process group keeps a terminal's Ctrl-C from killing it under the running services; this
        // makes sure it still goes when this process exits any other way (stop() signals synchronously).
        process.once('exit', d.stop);
        return d;
      }),
      tracked(
        startS3Local({ buckets: brands.all.map((b) => b.bucket), port: s3Port, host, directory: layout.s3 }),
        (s) => s.stop(),
      ),
      tracked(startSesLocal({ port: sesPort, host }), (s) => s.stop()),
      tracked(
        startCloudFrontLocal({
          port: cloudFrontPort,
          host,
          distributionIds: brands.all.map((b) => b.distributionId),
          onInvalidate: (invalidation) => {
            const removed = cache.invalidate(invalidation.distributionId, invalidation.paths);
            log(
              `cloudfront: invalidated ${invalidation.paths.join(', ')} on ${invalidation.distributionId} (${removed} cached object${removed === 1 ? '' : 's'} removed)`,
            );
          },
        }),
        (c) => c.stop(),
      ),
      slackMode.kind === 'sandbox'
        ? tracked(startSlackWebApi({ port: slackPort, host }), (s) => s.stop())
        : Promise.resolve(undefined),
    ]);

    const dynamoClient = localDynamoClient(dynamo.endpoint);
    stops.push(() => dynamoClient.destroy());
    await ensureTable(dynamoClient, tableName);

    const s3 = new S3Client({
      endpoint: s3Local.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    stops.push(() => s3.destroy());
    const sites = createGuestSites({ brands, s3, viewerRequest: loadViewerRequestFunction(), cache });
    guestSites = sites;

    const slackApiUrl = slackMode.kind === 'web-api' ? slackMode.apiUrl : slackStandIn?.url;
    const botToken =
      slackMode.kind === 'socket'
        ? slackMode.botToken
        : slackMode.kind === 'web-api'
          ? (slackMode.botToken ?? secrets.slackBotToken)
          : secrets.slackBotToken;

    const env: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3Local.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_CLOUDFRONT: cloudFront.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      TABLE_NAME: tableName,
      TEMPLATES_DIR: templatesDir,
      LOG_LEVEL: options.logLevel ?? 'warn',
      // SLACK_OPS_CHANNEL wins in every mode; the sandbox's own channel otherwise.
      SLACK_OPS_CHANNEL: opsChannel.id,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: botToken,
      SLACK_OPERATORS:
        options.slackOperators ?? (slackMode.kind === 'sandbox' ? DEV_OPERATOR.slackUserId : ''),
      ...(slackApiUrl ? { SLACK_API_URL: slackApiUrl } : {}),
      ...(slackMode.kind === 'socket' ? { SLACK_APP_TOKEN: slackMode.appToken } : {}),
    };
    const restoreEnv = pointAwsSdkAtLocalEndpoints(env);
    stops.push(restoreEnv);

    const store = createDevStore(dynamoClient, tableName);
    if (await seedOnce(store, layout)) log('seeded the crew roster (first start of this data directory)');
    // Each brand's 404 page, before any charter is published, as the distributions answer missing pages with it.
    const notFoundPages = createGuestPagePublisher({
      s3,
      renderer: createGuestRenderer({ templatesDir, siteUrl: (b) => `${publicUrl}/sites/${b.domain}` }),
    });
    await Promise.all(brands.all.map((brand) => notFoundPages.publishNotFoundPage(brand)));

    let sandbox: SlackSandbox | undefined;
    if (slackStandIn) {
      sandbox = createSlackSandbox({
        standIn: slackStandIn,
        people: sandboxPeople().map((p) => ({ id: p.slackUserId, name: p.name, title: p.title })),
        opsChannel,
        eventsUrl: () => `${gateway.url}/slack/events`,
        signingSecret,
        botToken,
        team: SANDBOX_TEAM,
        app: readAppManifest(),
        links: () => ({
          'Mail outbox': `${publicUrl}${MAIL_PREFIX}`,
          'Guest sites': `${publicUrl}/sites`,
          Home: `${publicUrl}/`,
        }),
        sites: () => Object.fromEntries(brands.all.map((b) => [b.domain, `${publicUrl}/sites/${b.domain}/`])),
        log,
      });
      stops.push(() => sandbox?.close());
      gateway.mount({
        name: 'slack-sandbox',
        prefix: SANDBOX_PREFIX,
        page: (request, response, body) => sandbox!.handle(request, response, body),
      });
    }

    const outbox = createMailOutbox({ sesEndpoint: () => ses.endpoint });
    gateway.mount({
      name: 'mail',
      prefix: MAIL_PREFIX,
      page: (request, response) => outbox(request, response),
    });
    gateway.mount({ name: 'sites-index', prefix: '/sites', page: sitesPage });
    gateway.mount({
      name: 'endpoints',
      prefix: '/endpoints.json',
      page: async (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(endpoints ?? {}, null, 2));
      },
    });
    const home = homePage(() => endpoints);
    const sitesIndex = sitesIndexPage(brands.all, s3, () => publicUrl);

    async function sitesPage(request: Parameters<PageHandler>[0], response: Parameters<PageHandler>[1]) {
      const raw = request.url ?? '/sites';
      const match = /^\/sites\/([^/?]+)(.*)$/.exec(raw);
      if (!match) return sitesIndex(request, response);
      const brand = brands.all.find((b) => b.domain === match[1]);
      if (!brand) return notFound(response);
      const rest = match[2] ?? '';
      if (rest === '' || rest.startsWith('?')) {
        response.writeHead(301, { location: `/sites/${brand.domain}/${rest}` });
        response.end();
        return;
      }
      return sites.serve(brand, rest, request, response);
    }

    fallback = async (request, response, body) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/' || path === '/index.html') return home(request, response);
      // A page under /sites/<domain>/ linking to an absolute path (/assets/…) means that site's path.
      const referer = refererSite(request.headers.referer, brands);
      if (referer) return sites.serve(referer, request.url ?? '/', request, response);
      void body;
      return notFound(response);
    };

    await mountServices({
      gateway,
      env,
      secrets,
      brands,
      log,
      logLevel: options.logLevel ?? 'warn',
      layout,
      dynamoClient,
      dynamoEndpoint: dynamo.endpoint,
      slackMode,
      publicUrl,
      stops,
    });

    const startupMs = Math.round(performance.now() - started);
    endpoints = {
      gateway: publicUrl,
      home: `${publicUrl}/`,
      slack: {
        mode: slackMode.kind,
        eventsUrl: `${publicUrl}/slack/events`,
        ...(slackMode.kind === 'sandbox' ? { sandbox: `${publicUrl}${SANDBOX_PREFIX}` } : {}),
        ...(slackApiUrl ? { webApi: slackApiUrl } : {}),
      },
      scc: `${publicUrl}/scc`,
      crewPage: `${publicUrl}/scc/crew/{token}`,
      dashboard: `${publicUrl}/dashboard`,
      sites: Object.fromEntries(
        brands.all.map((b) => [
          b.domain,
          {
            url: `${publicUrl}/sites/${b.domain}/`,
            hostUrl: `http://${b.domain}.localhost:${gateway.port}/`,
            bucket: b.bucket,
            distributionId: b.distributionId,
          },
        ]),
      ),
      sitesIndex: `${publicUrl}/sites`,
      mail: { outbox: `${publicUrl}${MAIL_PREFIX}`, viewer: ses.viewerUrl },
      aws: {
        region: LOCAL_REGION,
        tableName,
        dynamodb: dynamo.endpoint,
        s3: s3Local.endpoint,
        ses: ses.endpoint,
        cloudfront: cloudFront.endpoint,
      },
      dataDir: layout.root,
      startedAt: new Date().toISOString(),
      startupMs,
    };
    writeEndpoints(layout.endpointsFile, endpoints);
    gateway.ready();

    return {
      endpoints,
      endpointsFile: layout.endpointsFile,
      secrets,
      sandbox,
      slackStandIn,
      brands,
      firstStart,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The AWS SDK reads endpoints and credentials from the process environment (AWS_ENDPOINT_URL_<SERVICE>), so
 * the handlers' own clients find the stand-ins with no code path of their own. Real credentials and
 * profiles are hidden for as long as the stack runs: nothing local can reach an AWS account by accident.
 * Returns a function that puts the environment back (for tests that start the stack in-process).
 */
function pointAwsSdkAtLocalEndpoints(env: Record<string, string>): () => void {
  const hidden = ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_PROFILE'];
  const keys = [...new Set([...Object.keys(env), ...hidden])];
  const before = new Map(keys.map((k) => [k, process.env[k]]));
  for (const key of hidden) delete process.env[key];
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('AWS_')) process.env[key] = value;
  }
  return () => {
    for (const [key, value] of before) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

function refererSite(referer: string | undefined, brands: BrandDirectory) {
  if (!referer) return undefined;
  try {
    const match = /^\/sites\/([^/]+)\//.exec(new URL(referer).pathname);
    return match ? brands.all.find((b) => b.domain === match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function notFound(response: Parameters<PageHandler>[1]): void {
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ message: 'Not Found' }));
}
