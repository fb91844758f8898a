/**
 * The local gateway: one port serving what API Gateway and CloudFront serve in AWS. Lambda routes get
 * API Gateway v2 events and run the handler code AWS runs (with API Gateway's 30-second limit and its
 * answers to a crashing handler); plain routes serve the dev pages (Slack sandbox, mail outbox, guest
 * sites). Development only: binds to loopback by default and is never part of a deployment.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from '../ports';
import {
  type LambdaHttpHandler,
  lambdaContext,
  MAX_PAYLOAD_BYTES,
  sendLambdaResult,
  toLambdaEvent,
} from './lambda-event';

export type PageHandler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => Promise<void>;

export type GatewayRoute =
  | { name: string; prefix: string; lambda: LambdaHttpHandler; timeoutMs?: number }
  | { name: string; prefix: string; page: PageHandler };

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  ms: number;
  route: string;
}

export interface LocalGatewayOptions {
  port: number;
  host: string;
  /** Answers requests whose Host is not the gateway's own (e.g. `queenofsandiego.com.localhost`). */
  byHost?: (host: string) => PageHandler | undefined;
  /** Answers what no route matches. */
  fallback: PageHandler;
  onRequest?: (entry: RequestLog) => void;
  onError?: (route: string, error: unknown) => void;
  /**
   * Listen at once but answer 503 + `Retry-After: 1` until `ready()` is called: the port is taken early (a busy
   * PORT must fail before Java starts), yet half-mounted routes must not answer 500 — a client reading 500
   * gives up, one reading 503 with Retry-After comes back.
   */
  startsUnready?: boolean;
}

export interface LocalGateway {
  url: string;
  port: number;
  mount(route: GatewayRoute): void;
  /** Everything is mounted: stop answering 503 (see `startsUnready`). */
  ready(): void;
  stop(): Promise<void>;
}

/**
 * Crew links carry their magic-link token in the path (/scc/crew/<token>); the request log must not. Any
 * long opaque segment is shown as "…" (ids and slugs are shorter and stay readable).
 */
export function maskTokens(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_.~-]{40,}$/.test(segment) ? '…' : segment))
    .join('/');
}

/** API Gateway's integration timeout. */
const API_GATEWAY_TIMEOUT_MS = 30_000;

export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const routes: GatewayRoute[] = [];
  let ready = !options.startsUnready;

  const server: Server = createServer((request, response) => {
    const started = performance.now();
    let routeName = 'none';
    response.on('finish', () => {
      options.onRequest?.({
        method: request.method ?? 'GET',
        path: maskTokens((request.url ?? '/').split('?')[0] ?? '/'),
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
        route: routeName,
      });
    });
    dispatch(request, response, (name) => {
      routeName = name;
    }).catch((error: unknown) => {
      options.onError?.(routeName, error);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Internal Server Error' }));
      } else response.end();
    });
  });

  async function dispatch(
    request: IncomingMessage,
    response: ServerResponse,
    named: (name: string) => void,
  ): Promise<void> {
    if (!ready) {
      named('starting');
      // https://www.rfc-editor.org/rfc/rfc9110#name-503-service-unavailable: temporary, come back after Retry-After.
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      response.end(JSON.stringify({ message: 'Starting up; try again in a second' }));
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      named('too-large');
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      return;
    }
    const hostPage = options.byHost?.(request.headers.host ?? '');
    if (hostPage) {
      named('site');
      return hostPage(request, response, body);
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = matchRoute(routes, path);
    if (!route) {
      named('fallback');
      return options.fallback(request, response, body);
    }
    named(route.name);
    if ('page' in route) return route.page(request, response, body);
    await invokeLambda(route, request, response, body);
  }

  async function invokeLambda(
    route: Extract<GatewayRoute, { lambda: LambdaHttpHandler }>,
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const timeoutMs = route.timeoutMs ?? API_GATEWAY_TIMEOUT_MS;
    const event = toLambdaEvent(request, body);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const result = await Promise.race([route.lambda(event, lambdaContext(route.name, timeoutMs)), timeout]);
      if (result === 'timeout') {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Service Unavailable' }));
        options.onError?.(route.name, new Error(`${route.name} did not answer within ${timeoutMs} ms`));
        return;
      }
      sendLambdaResult(response, result);
    } catch (error) {
      // What API Gateway answers when the function throws: nothing of the error reaches the client.
      options.onError?.(route.name, error);
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Internal Server Error' }));
    } finally {
      clearTimeout(timer);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port, 'the gateway, PORT') : error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    mount(route) {
      routes.push(route);
      // Longest prefix first, so /slack-sandbox is not taken by /slack.
      routes.sort((a, b) => b.prefix.length - a.prefix.length);
    },
    ready() {
      ready = true;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matchRoute(routes: readonly GatewayRoute[], path: string): GatewayRoute | undefined {
  return routes.find(
    (r) => path === r.prefix || path.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`),
  );
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
