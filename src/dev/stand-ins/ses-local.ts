/**
 * SES on this machine: aws-ses-v2-local, which accepts SendEmail / SendRawEmail, keeps every message in
 * memory and shows them in a web viewer at its root URL. `npm run dev` and the tests point the SDK at it
 * with AWS_ENDPOINT_URL_SES (or an explicit endpoint). Read sent mail back at GET <endpoint>/store.
 * Development only: never imported by a Lambda entry point.
 */
import type { Server } from 'node:http';
import * as sesLocal from 'aws-ses-v2-local';
import { freePort } from './free-port';

export interface SesLocal {
  /** What AWS_ENDPOINT_URL_SES should be. */
  endpoint: string;
  /** The mail viewer (open it in a browser). */
  viewerUrl: string;
  stop(): Promise<void>;
}

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

export async function startSesLocal(options: { port?: number; host?: string } = {}): Promise<SesLocal> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  // A CommonJS module: Node hands its exports object over as the default import, bundlers its `default`.
  const exported = sesLocal as unknown as { default: StartServer | { default: StartServer } };
  const start = typeof exported.default === 'function' ? exported.default : exported.default.default;
  const server = await start({ host, port });
  const endpoint = `http://${host}:${port}`;
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
