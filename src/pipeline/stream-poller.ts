/**
 * Reads a table's DynamoDB stream (DynamoDB Local's, on one machine) with @aws-sdk/client-dynamodb-streams and
 * hands the records, shaped exactly as Lambda delivers them, to the same handler Lambda runs. Follows shards
 * (parents before children), keeps one checkpoint per shard (in memory or in a file under .data), and
 * honours partial batch failures as Lambda does: everything before the first failed record is checkpointed,
 * and delivery resumes from that record after a backoff.
 *
 * A checkpoint moves only after the handler returned, so a crash while a batch is being handled delivers
 * that batch again on restart: at-least-once, like Lambda. Development and tests only: in AWS, Lambda's
 * event source mapping does this job.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as RawRecord,
  type AttributeValue as RawValue,
  type Shard,
  type ShardIteratorType,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  AttributeValue as LambdaValue,
} from 'aws-lambda';
import type { Logger } from '../logging';
import { realSleep, type Sleep } from '../retry';
import { compareSequence } from './stream-event';

// ── checkpoints ───────────────────────────────────────────────────────────────

export interface ShardCheckpoint {
  /** The last sequence number handled; delivery resumes after it. */
  sequenceNumber?: string;
  /** The shard is closed and fully handled. */
  finished?: boolean;
}

export interface CheckpointStore {
  load(streamArn: string): Record<string, ShardCheckpoint>;
  save(streamArn: string, shards: Record<string, ShardCheckpoint>): void;
}

export function memoryCheckpoints(): CheckpointStore {
  const streams = new Map<string, Record<string, ShardCheckpoint>>();
  return {
    load: (arn) => ({ ...(streams.get(arn) ?? {}) }),
    save: (arn, shards) => {
      streams.set(arn, { ...shards });
    },
  };
}

/** Checkpoints in one JSON file, replaced atomically (write then rename) so a crash never leaves half of one. */
export function fileCheckpoints(path: string): CheckpointStore {
  const read = (): Record<string, Record<string, ShardCheckpoint>> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, ShardCheckpoint>>;
    } catch {
      return {};
    }
  };
  return {
    load: (arn) => ({ ...(read()[arn] ?? {}) }),
    save: (arn, shards) => {
      const all = read();
      all[arn] = shards;
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(all, null, 2));
      renameSync(temporary, path);
    },
  };
}

// ── the poller ────────────────────────────────────────────────────────────────

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  checkpoints?: CheckpointStore;
  logger: Logger;
  /** Records per delivery (Lambda's batch size). */
  batchSize?: number;
  /** Pause when no shard had anything new. */
  idleMs?: number;
  /** Longest pause before a failed batch is delivered again (the backoff doubles up to it). */
  maxRetryDelayMs?: number;
  sleep?: Sleep;
}

export interface StreamPoller {
  readonly streamArn: string;
  /** Resolves once every record written before the call has been handled (or stop was called). */
  caughtUp(): Promise<void>;
  /** Records delivered so far (a redelivery counts again). */
  readonly delivered: number;
  stop(): Promise<void>;
}

interface ShardState {
  shard: Shard;
  iterator?: string;
  failures: number;
  retryAt: number;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const sleep = options.sleep ?? realSleep;
  const batchSize = options.batchSize ?? 100;
  const idleMs = options.idleMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const checkpoints = options.checkpoints ?? memoryCheckpoints();
  const logger = options.logger.child({ component: 'stream-poller', table: options.tableName });

  const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: enable NEW_AND_OLD_IMAGES.`);

  const saved = checkpoints.load(streamArn);
  const shards = new Map<string, ShardState>();
  let running = true;
  let delivered = 0;
  let sweeps = 0;
  const sweepWaiters: Array<{ after: number; resolve: () => void }> = [];

  const saveCheckpoints = () => checkpoints.save(streamArn, saved);

  async function refreshShards(): Promise<void> {
    let start: string | undefined;
    do {
      const page = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of page.StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !shards.has(shard.ShardId))
          shards.set(shard.ShardId, { shard, failures: 0, retryAt: 0 });
      }
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  /** A child shard waits until its parent is handled to the end, so a booking's changes stay in order. */
  function ready(state: ShardState): boolean {
    if (saved[state.shard.ShardId ?? '']?.finished) return false;
    const parent = state.shard.ParentShardId;
    return !parent || !shards.has(parent) || saved[parent]?.finished === true;
  }

  async function iteratorFor(state: ShardState): Promise<string | undefined> {
    if (state.iterator) return state.iterator;
    const shardId = state.shard.ShardId as string;
    const after = saved[shardId]?.sequenceNumber;
    const type: ShardIteratorType = after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON';
    const reply = await options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        ...(after ? { SequenceNumber: after } : {}),
      }),
    );
    state.iterator = reply.ShardIterator;
    return state.iterator;
  }

  /** One GetRecords on one shard and, when it returned records, one delivery. Returns the records read. */
  async function pollShard(state: ShardState): Promise<number> {
    const shardId = state.shard.ShardId as string;
    if (Date.now() < state.retryAt) return 0;
    const iterator = await iteratorFor(state);
    if (!iterator) {
      saved[shardId] = { ...saved[shardId], finished: true };
      saveCheckpoints();
      return 0;
    }
    let page: GetRecordsCommandOutput;
    try {
      page = await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        state.iterator = undefined;
        return 0;
      }
      if (error instanceof TrimmedDataAccessException) {
        logger.warn('records were trimmed before they were read; resuming at the oldest record', { shardId });
        saved[shardId] = {};
        state.iterator = undefined;
        return 0;
      }
      throw error;
    }
    const arn = streamArn as string;
    const records = (page.Records ?? []).map((r) => toLambdaRecord(r, arn));
    if (records.length === 0) {
      state.iterator = page.NextShardIterator;
      if (!page.NextShardIterator) {
        saved[shardId] = { ...saved[shardId], finished: true };
        saveCheckpoints();
        await refreshShards();
      }
      return 0;
    }
    delivered += records.length;
    const firstFailure = await deliver(records);
    if (firstFailure === undefined) {
      saved[shardId] = { sequenceNumber: records[records.length - 1]?.dynamodb?.SequenceNumber };
      saveCheckpoints();
      state.iterator = page.NextShardIterator;
      state.failures = 0;
      if (!page.NextShardIterator) {
        saved[shardId] = { ...saved[shardId], finished: true };
        saveCheckpoints();
        await refreshShards();
      }
      return records.length;
    }
    // Lambda's partial batch response: keep what came before the failed record, resume at it.
    const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === firstFailure);
    const handledBefore = index > 0 ? records[index - 1]?.dynamodb?.SequenceNumber : undefined;
    if (handledBefore) {
      saved[shardId] = { sequenceNumber: handledBefore };
      saveCheckpoints();
    }
    state.iterator = undefined;
    state.failures += 1;
    const delay = Math.min(maxRetryDelayMs, 100 * 2 ** (state.failures - 1));
    state.retryAt = Date.now() + delay;
    logger.warn('batch partly failed; delivering again from the first failed record', {
      shardId,
      failedSequence: firstFailure,
      attempt: state.failures,
      delayMs: delay,
    });
    return records.length;
  }

  /** Hands one batch to the handler; returns the first failed sequence number, if any. */
  async function deliver(records: DynamoDBRecord[]): Promise<string | undefined> {
    try {
      const response = await options.handler({ Records: records });
      const failures = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier).filter(Boolean);
      if (failures.length === 0) return undefined;
      return failures.sort(compareSequence)[0];
    } catch (error) {
      logger.error('handler threw; the whole batch will be delivered again', { error });
      return records[0]?.dynamodb?.SequenceNumber;
    }
  }

  const loop = (async () => {
    await refreshShards();
    let sinceRefresh = 0;
    while (running) {
      let read = 0;
      try {
        for (const state of [...shards.values()]) {
          if (!running) break;
          if (ready(state)) read += await pollShard(state);
        }
        // Shards roll over now and then; look for new ones even when nothing closed.
        if (++sinceRefresh >= 50) {
          sinceRefresh = 0;
          await refreshShards();
        }
      } catch (error) {
        logger.error('reading the stream failed; trying again', { error });
        for (const state of shards.values()) state.iterator = undefined;
        await sleep(idleMs);
      }
      if (read === 0) {
        // Quiet only when nothing is waiting to be delivered again either.
        if (![...shards.values()].some((state) => state.failures > 0)) {
          sweeps += 1;
          const waiting = sweepWaiters.splice(0);
          for (const waiter of waiting) {
            if (sweeps > waiter.after) waiter.resolve();
            else sweepWaiters.push(waiter);
          }
        }
        if (running) await sleep(idleMs);
      }
    }
    for (const waiter of sweepWaiters.splice(0)) waiter.resolve();
  })();

  return {
    streamArn,
    get delivered() {
      return delivered;
    },
    caughtUp() {
      // Two quiet sweeps after the call: the first may have started before the caller's write.
      return new Promise<void>((resolve) => {
        if (!running) return resolve();
        sweepWaiters.push({ after: sweeps + 1, resolve });
      });
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

// ── records as Lambda delivers them ───────────────────────────────────────────

export function toLambdaRecord(record: RawRecord, streamArn: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const created = stream.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(stream.Keys ? { Keys: toLambdaImage(stream.Keys) } : {}),
      ...(stream.NewImage ? { NewImage: toLambdaImage(stream.NewImage) } : {}),
      ...(stream.OldImage ? { OldImage: toLambdaImage(stream.OldImage) } : {}),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
  };
}

function toLambdaImage(image: Record<string, RawValue>): Record<string, LambdaValue> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));
}

/** The SDK gives binary as bytes; Lambda's JSON event carries it base64-encoded. */
function toLambdaValue(value: RawValue): LambdaValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  return { NULL: true };
}
