/**
 * Ports for `npm run dev`: the gateway's port is the one people type, so a taken one is a clear error; the
 * stand-ins sit at fixed offsets from it (stable across restarts, so a saved database-browser connection
 * keeps working) and move to a free port, with a note, when their usual one is taken.
 */
import { createServer } from 'node:net';
import { freePort } from './stand-ins/free-port';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    what: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use — is another \`npm run dev\` running? ` +
        `Stop it, or start on another port: PORT=${port + 100} npm run dev`,
    );
  }
}

/** Offsets from PORT for each stand-in. */
export const PORT_OFFSETS = {
  dynamodb: 10,
  s3: 11,
  ses: 12,
  cloudfront: 13,
  slack: 14,
} as const;

export type StandInName = keyof typeof PORT_OFFSETS;

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The stand-in's usual port when free (0 = gateway on a random port: every stand-in on a free one too). */
export async function standInPort(
  gatewayPort: number,
  name: StandInName,
  host: string,
  note: (message: string) => void,
): Promise<number> {
  if (gatewayPort === 0) return freePort();
  const preferred = gatewayPort + PORT_OFFSETS[name];
  if (preferred <= 65535 && (await isPortFree(preferred, host))) return preferred;
  const port = await freePort();
  note(`${name}: port ${preferred} is taken, using ${port} instead`);
  return port;
}
