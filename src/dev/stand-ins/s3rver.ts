/**
 * s3rver as the local S3: buckets created up front (one per brand domain, plus whatever else is asked for),
 * data in a directory of its own, and the same fixed credentials every local client uses (LOCAL_CREDENTIALS),
 * so no code needs an S3 path of its own. Buckets allow cross-origin GET/PUT/POST so browser uploads through
 * presigned POSTs work as they do against a bucket with a CORS rule.
 * Development and tests only: never imported by a Lambda entry point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { freePort } from './free-port';

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
  const host = options.host ?? '127.0.0.1';
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 's3rver-'));
  const configs = options.cors === false ? [] : [CORS_ANY_ORIGIN];
  const server = new S3rver({
    address: host,
    port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [...new Set(options.buckets)].map((name) => ({ name, configs })),
  });
  await server.run();
  return {
    endpoint: `http://${host}:${port}`,
    directory,
    async stop() {
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
