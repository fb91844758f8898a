/**
 * The local stream poller on DynamoDB Local's stream: records reach the handler shaped as Lambda delivers
 * them; a partial batch failure is delivered again from the first failed record (as Lambda does), a thrown
 * handler gets its whole batch again, and a restarted poller resumes after its last checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/dev/stand-ins/dynamodb-local';
import { silentLogger } from '../../../src/logging/logger';
import {
  type CheckpointStore,
  fileCheckpoints,
  type StreamPoller,
  startStreamPoller,
} from '../../../src/pipeline/stream-poller';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let streams: DynamoDBStreamsClient;
let workDir: string;
const pollers: StreamPoller[] = [];

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'stream-poller-'));
});

afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
  streams?.destroy();
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function start(
  table: TestTable,
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
  checkpoints?: CheckpointStore,
): Promise<StreamPoller> {
  streams = new DynamoDBStreamsClient({
    endpoint: table.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const poller = await startStreamPoller({
    dynamo: table.client,
    streams,
    tableName: table.tableName,
    handler,
    checkpoints,
    logger: silentLogger,
    idleMs: 20,
    maxRetryDelayMs: 50,
  });
  pollers.push(poller);
  return poller;
}

async function put(table: TestTable, pk: string, extra: Record<string, unknown> = {}): Promise<void> {
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: { PK: { S: pk }, SK: { S: 'BOOKING' }, entity: { S: 'booking' }, revision: { N: '1' }, ...extra },
    }),
  );
}

const pkOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.PK?.S;

describe('the stream poller', () => {
  it('hands records over shaped as Lambda delivers them', async () => {
    const table = await createTestTable('poller');
    const seen: DynamoDBRecord[] = [];
    const poller = await start(table, async (event) => {
      seen.push(...event.Records);
      return { batchItemFailures: [] };
    });
    await put(table, 'BOOKING#shape', {
      guest: { M: { name: { S: 'Jordan' }, partySize: { N: '6' } } },
      tags: { L: [{ S: 'vip' }] },
      blob: { B: new Uint8Array([1, 2, 3]) },
      cancelled: { BOOL: false },
    });
    await poller.caughtUp();

    const [record] = seen;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: poller.streamArn,
      eventVersion: expect.any(String),
      dynamodb: {
        Keys: { PK: { S: 'BOOKING#shape' }, SK: { S: 'BOOKING' } },
        NewImage: {
          entity: { S: 'booking' },
          revision: { N: '1' },
          guest: { M: { name: { S: 'Jordan' }, partySize: { N: '6' } } },
          tags: { L: [{ S: 'vip' }] },
          blob: { B: Buffer.from([1, 2, 3]).toString('base64') },
          cancelled: { BOOL: false },
        },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(typeof record?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('delivers a partly failed batch again from its first failed record, not before it', async () => {
    const table = await createTestTable('poller');
    const deliveries: string[][] = [];
    let failOnce = true;
    const poller = await start(table, async (event) => {
      deliveries.push(event.Records.map((r) => pkOf(r) ?? ''));
      const second = event.Records.find((r) => pkOf(r) === 'BOOKING#2');
      if (failOnce && second) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
      }
      return { batchItemFailures: [] };
    });
    await put(table, 'BOOKING#1');
    await put(table, 'BOOKING#2');
    await put(table, 'BOOKING#3');
    await poller.caughtUp();

    const all = deliveries.flat();
    expect(all.filter((pk) => pk === 'BOOKING#1')).toHaveLength(1);
    expect(all.filter((pk) => pk === 'BOOKING#2')).toHaveLength(2);
    expect(all.lastIndexOf('BOOKING#3')).toBeGreaterThan(all.lastIndexOf('BOOKING#2'));
  });

  it('delivers the whole batch again when the handler throws', async () => {
    const table = await createTestTable('poller');
    let calls = 0;
    const handled: string[] = [];
    const poller = await start(table, async (event) => {
      calls += 1;
      if (calls === 1) throw new Error('DynamoDB went away');
      handled.push(...event.Records.map((r) => pkOf(r) ?? ''));
      return { batchItemFailures: [] };
    });
    await put(table, 'BOOKING#a');
    await poller.caughtUp();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(handled).toEqual(['BOOKING#a']);
  });

  it('resumes after its last checkpoint when started again, so nothing is handled twice or skipped', async () => {
    const table = await createTestTable('poller');
    const checkpoints = fileCheckpoints(join(workDir, `${table.tableName}.json`));
    const first: string[] = [];
    const poller = await start(
      table,
      async (event) => {
        first.push(...event.Records.map((r) => pkOf(r) ?? ''));
        return { batchItemFailures: [] };
      },
      checkpoints,
    );
    await put(table, 'BOOKING#before');
    await poller.caughtUp();
    await poller.stop();
    pollers.splice(pollers.indexOf(poller), 1);

    // Written while no poller runs: the stream keeps it.
    await put(table, 'BOOKING#while-down');
    const second: string[] = [];
    const restarted = await start(
      table,
      async (event) => {
        second.push(...event.Records.map((r) => pkOf(r) ?? ''));
        return { batchItemFailures: [] };
      },
      checkpoints,
    );
    await restarted.caughtUp();
    expect(first).toEqual(['BOOKING#before']);
    expect(second).toEqual(['BOOKING#while-down']);
  });
});
