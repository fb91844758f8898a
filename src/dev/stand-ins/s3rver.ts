/**
 * s3rver as the local S3: buckets created up front (one per brand domain, plus whatever else is asked for),
 * data in a directory of its own, and the same fixed credentials every local client uses (LOCAL_CREDENTIALS),
 * so no code needs an S3 path of its own. Buckets allow cross-origin GET/PUT/POST so browser uploads through
 * presigned POSTs work as they do against a bucket with a CORS rule. With `postPolicy`, a small front
 * (s3-post-policy.ts) enforces presigned POST policies, which s3rver does not: an upload lying about its type
 * or size is refused as S3 refuses it. Everything else passes through to s3rver untouched.
 * Development and tests only: never imported by a Lambda entry point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { freePort } from './free-port';
import { checkPostPolicy, policyErrorXml } from './s3-post-policy';

export interface S3Local {
  endpoint: string;
  directory: string;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  buckets: readonly string[];
  port?: number;
  host?: string;
  /** Where objects live; a fresh temporary directory (removed on stop) when omitted. */
  directory?: string;
  /** Allow browsers on any origin (local pages on other ports) to GET, PUT and POST. Default true. */
  cors?: boolean;
  /**
   * Enforce presigned POST policies in a front before s3rver (s3-post-policy.ts). Default false for now: with
   * the front in place, the pipeline's first run in test/integration/pipeline/one-booking.test.ts went past its
   * 30 s timeout (21 s without), not yet explained; see issue #14's notes.
   */
  postPolicy?: boolean;
}

const CORS_ANY_ORIGIN = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>300</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

let credentialsRegistered = false;

/** s3rver only knows the key pair S3RVER/S3RVER; teach it the one every local client signs with. */
function registerLocalCredentials(): void {
  if (credentialsRegistered) return;
  const require = createRequire(import.meta.url);
  const account = require('s3rver/lib/models/account.js') as typeof import('s3rver/lib/models/account.js');
  account.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  credentialsRegistered = true;
}

export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  registerLocalCredentials();
  const port = options.port ?? (await freePort());
  const backendPort = options.postPolicy ? await freePort() : port;
  const host = options.host ?? '127.0.0.1';
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 's3rver-'));
  const configs = options.cors === false ? [] : [CORS_ANY_ORIGIN];
  const server = new S3rver({
    address: options.postPolicy ? '127.0.0.1' : host,
    port: backendPort,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [...new Set(options.buckets)].map((name) => ({ name, configs })),
  });
  await server.run();
  const front = options.postPolicy
    ? createServer((req, res) => {
        void serveFront(req, res, backendPort, options.cors !== false);
      })
    : undefined;
  if (front) {
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.listen(port, host, () => resolve());
    });
  }
  return {
    endpoint: `http://${host}:${port}`,
    directory,
    async stop() {
      if (front) {
        await new Promise<void>((resolve) => {
          front.close(() => resolve());
          front.closeAllConnections();
        });
      }
      await server.close();
      if (ownDirectory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** An S3 client for the local endpoint: path-style URLs, the shared local credentials. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}

/** Checks a presigned POST's policy, then hands every request to s3rver as it came. */
async function serveFront(req: IncomingMessage, res: ServerResponse, backendPort: number, cors: boolean) {
  const forward = (body?: Buffer) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };
  const contentType = req.headers['content-type'] ?? '';
  const bucket = /^\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url ?? '')?.[1];
  if (req.method !== 'POST' || !bucket || !/^multipart\/form-data/i.test(contentType)) {
    forward();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const refusal = await checkPostPolicy(decodeURIComponent(bucket), contentType, body);
  if (!refusal) {
    forward(body);
    return;
  }
  res.writeHead(refusal.status, {
    'content-type': 'application/xml',
    ...(cors ? { 'access-control-allow-origin': '*' } : {}),
  });
  res.end(policyErrorXml(refusal));
}
