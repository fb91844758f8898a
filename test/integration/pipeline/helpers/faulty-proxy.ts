/**
 * A faulty HTTP proxy in front of one downstream (SCC, dashboard, Slack, S3, CloudFront): each request is
 * passed through, or fails in one of the ways real services fail. Transient faults: 5xx before the request
 * reaches the service, 5xx after it did (the side effect happened, the answer was lost), a timeout (with or
 * without the request reaching the service), and throttling. Permanent faults: a 4xx for every request.
 * Counts what it did, so tests can print it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TransientFault = 'error-before' | 'error-after' | 'timeout-before' | 'timeout-after' | 'throttle';
export const TRANSIENT_FAULTS: readonly TransientFault[] = [
  'error-before',
  'error-after',
  'timeout-before',
  'timeout-after',
  'throttle',
];

/** How the downstream words its errors, so its SDK parses them as the real service's. */
export type ErrorDialect = 'json' | 's3' | 'cloudfront' | 'slack';

export interface FaultPlan {
  /** Chance that a request fails transiently (0..1). */
  transientRate: number;
  faults: readonly TransientFault[];
  /** When set, every request is answered with this 4xx. */
  permanentStatus?: number;
  /** How long a "timeout" holds the client: longer than the client's timeout. */
  hangMs: number;
  /** Each passed request waits up to this long (uniformly) before it is forwarded: a slower downstream. */
  latencyMs?: number;
}

/** A request that reached the downstream, and what the downstream answered (whatever the client saw). */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  /** The request body, when it is small text (JSON): enough to tell which booking it was about. */
  body?: string;
}

export interface FaultyProxy {
  url: string;
  plan: FaultPlan;
  counts: Record<TransientFault | 'passed' | 'permanent', number>;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

export async function startFaultyProxy(options: {
  target: string;
  dialect: ErrorDialect;
  plan?: Partial<FaultPlan>;
  random?: () => number;
}): Promise<FaultyProxy> {
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  const plan: FaultPlan = { transientRate: 0, faults: TRANSIENT_FAULTS, hangMs: 2_000, ...options.plan };
  const counts: FaultyProxy['counts'] = {
    passed: 0,
    permanent: 0,
    'error-before': 0,
    'error-after': 0,
    'timeout-before': 0,
    'timeout-after': 0,
    throttle: 0,
  };
  const hanging = new Set<ServerResponse>();
  const exchanges: Exchange[] = [];
  let turn = 0;

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (plan.permanentStatus) {
      counts.permanent += 1;
      return sendError(response, options.dialect, plan.permanentStatus, 'refused');
    }
    // Whether to fail is random; which fault is taken in turn, so every kind shows up on every downstream.
    const fault =
      plan.transientRate > 0 && random() < plan.transientRate
        ? plan.faults[turn++ % plan.faults.length]
        : undefined;
    if (!fault) {
      counts.passed += 1;
      if (plan.latencyMs) await new Promise((r) => setTimeout(r, random() * (plan.latencyMs ?? 0)));
      return forward(request, body).then(
        (reply) => relay(response, reply),
        () => sendError(response, options.dialect, 502, 'bad gateway'),
      );
    }
    counts[fault] += 1;
    switch (fault) {
      case 'error-before':
        return sendError(response, options.dialect, 503, 'unavailable');
      case 'throttle':
        return sendError(response, options.dialect, 429, 'throttled');
      case 'error-after':
        await forward(request, body).catch(() => undefined);
        return sendError(response, options.dialect, 500, 'internal');
      case 'timeout-after':
        await forward(request, body).catch(() => undefined);
        return hang(response);
      case 'timeout-before':
        return hang(response);
    }
  });

  function hang(response: ServerResponse): void {
    hanging.add(response);
    const timer = setTimeout(() => {
      hanging.delete(response);
      response.destroy();
    }, plan.hangMs);
    response.on('close', () => {
      clearTimeout(timer);
      hanging.delete(response);
    });
  }

  function forward(request: IncomingMessage, body: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (reply) => {
          exchanges.push({
            method: request.method ?? 'GET',
            path: request.url ?? '/',
            status: reply.statusCode ?? 502,
            ...(body.length < 16_384 && /json/.test(String(request.headers['content-type']))
              ? { body: body.toString('utf8') }
              : {}),
          });
          readBody(reply).then(
            (replyBody) =>
              resolve({ status: reply.statusCode ?? 502, headers: reply.headers, body: replyBody }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const path = target.pathname.replace(/\/$/, '');
  return {
    url: `http://127.0.0.1:${port}${path}${options.target.endsWith('/') ? '/' : ''}`,
    plan,
    counts,
    exchanges,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function relay(response: ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  headers['content-length'] = String(reply.body.length);
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

function sendError(response: ServerResponse, dialect: ErrorDialect, status: number, what: string): void {
  if (dialect === 'slack' && status === 429) {
    response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    return;
  }
  if (dialect === 'slack' && status < 500) {
    // Slack answers refusals with HTTP 200 and ok: false.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    return;
  }
  if (dialect === 's3' || dialect === 'cloudfront') {
    const code =
      status === 429
        ? dialect === 's3'
          ? 'SlowDown'
          : 'Throttling'
        : status >= 500
          ? 'InternalError'
          : 'AccessDenied';
    // S3 throttles with 503 SlowDown; CloudFront with 400 Throttling.
    const httpStatus = status === 429 ? (dialect === 's3' ? 503 : 400) : status;
    const xml =
      dialect === 's3'
        ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${what}</Message><RequestId>fault</RequestId></Error>`
        : `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${what}</Message></Error><RequestId>fault</RequestId></ErrorResponse>`;
    response.writeHead(httpStatus, { 'content-type': 'application/xml' });
    response.end(xml);
    return;
  }
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(status === 429 ? { 'retry-after': '0' } : {}),
  });
  response.end(JSON.stringify({ error: what, message: `Injected fault: ${what}.` }));
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
