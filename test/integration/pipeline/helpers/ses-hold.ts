/**
 * A pass-through in front of the SES stand-in that can hold one send: once armed, the next SendRawEmail
 * request whose MIME message matches is kept (never forwarded, never answered) and `arm`'s promise resolves. The sender is then
 * provably mid-send: it has called SES and SES has not accepted the message. Everything else is forwarded.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SesHold {
  url: string;
  /** Holds the next send whose raw MIME message matches; resolves once it arrived. */
  arm(match: RegExp): Promise<void>;
  /** How many sends were held. */
  heldCount(): number;
  stop(): Promise<void>;
}

export async function startSesHold(target: string): Promise<SesHold> {
  const upstream = new URL(target);
  let armed: { match: RegExp; resolve: () => void } | undefined;
  let held = 0;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (armed?.match.test(rawMessageOf(body))) {
      const { resolve } = armed;
      armed = undefined;
      held += 1;
      return resolve();
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    forwarded.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm: (match) =>
      new Promise<void>((resolve) => {
        armed = { match, resolve };
      }),
    heldCount: () => held,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The MIME message of a SendRawEmail request (SES's query protocol), or '' for any other request. */
function rawMessageOf(body: Buffer): string {
  const params = new URLSearchParams(body.toString('utf8'));
  if (params.get('Action') !== 'SendRawEmail') return '';
  return Buffer.from(params.get('RawMessage.Data') ?? '', 'base64').toString('utf8');
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
