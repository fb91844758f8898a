/**
 * Step records: one item per pipeline step on the booking's partition (PK BOOKING#<id>, SK STEP#<name>,
 * entity "step"), holding {status, revision, attempts, lastError, result} and a lease.
 *
 * The lease is what makes concurrent reconcilers do each side effect once: a step runs only under a claim
 * won by a conditional write, the claim is renewed by a heartbeat while the step runs, and every later write
 * is fenced on the owner, so a reconciler whose claim lapsed (it crashed, or stalled past the lease) cannot
 * record an outcome over the one that took over. A crashed holder's claim frees up after `leaseMs`.
 *
 * Never writes a booking: step records are not in the stream filter, so writing them cannot loop the pipeline.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { FailureKind } from '../retry';
import { bookingPartition, SORT_PREFIX, stepKey } from '../store';
import type { StepRetry } from './background-retry';
import type { StepName } from './step-names';

// The names live in step-names.ts (background-retry.ts needs them too); re-exported for the step records' readers.
export { LATER_STEP_NAMES, type ProvisioningStepName, STEP_NAMES, type StepName } from './step-names';

export type StepStatus = 'running' | 'retrying' | 'succeeded' | 'failed';

export interface StepError {
  kind: FailureKind;
  /** Plain words, shown in the thread. */
  message: string;
  status?: number;
  /** Work still under way elsewhere, not a failure of the outside system (see StepFailure.wait). */
  wait?: boolean;
  at: string;
}

export type StepResult = Record<string, unknown>;

export interface StepRecord {
  bookingId: string;
  name: StepName;
  status: StepStatus;
  /** The booking revision this outcome is about. */
  revision: number;
  /** Tries started at this revision, across runs (a run cut short by a crash included). */
  attempts: number;
  /** Runs at this revision that ended failed; a new failure report is posted for each. */
  failures: number;
  lastError?: StepError;
  /** What the step knows about its outside copy (SCC event id, root message ts, …), kept across revisions. */
  result: StepResult;
  updatedAt: string;
  /**
   * Succeeded, but its outside copy drifted since (the drift audit found it deleted or edited behind the
   * system's back): run again at this revision. Cleared by the next success.
   */
  redo?: { reason: string; at: string };
  /** Failed, and due to be run again in the background at `retry.at` (absent: it waits for a person). */
  retry?: StepRetry;
  /** Bumped by every write but a lease renewal: a reader's token that nothing changed since it read. */
  version: number;
  leaseOwner?: string;
  /** Epoch milliseconds. */
  leaseUntil?: number;
}

export type ClaimOutcome =
  /** Ours to run. */
  | { kind: 'claimed'; record: StepRecord }
  /** Someone already did it, at this revision or a newer one. */
  | { kind: 'done'; record: StepRecord }
  /** Failed at this revision and the caller did not ask to retry failed steps. */
  | { kind: 'failed'; record: StepRecord }
  /** The record is about a newer revision than the caller's booking: the caller's copy is stale. */
  | { kind: 'newer'; record: StepRecord }
  /** Another reconciler holds a live lease. */
  | { kind: 'held'; record: StepRecord };

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(bookingId: string, step: StepName) {
    super(`The claim on ${step} for booking ${bookingId} lapsed and was taken over.`);
  }
}

export interface ClaimRequest {
  bookingId: string;
  name: StepName;
  revision: number;
  owner: string;
  leaseMs: number;
  /** Also claim a step that failed at this revision (the "Retry failed steps" button). */
  retryFailed: boolean;
  /**
   * The record as last read; decides whether attempts restart (new revision) or continue. When it is a
   * success at this very revision, the claim re-runs it (a step that is stale for reasons beyond the revision)
   * only if nobody has written the record since it was read.
   */
  seen: StepRecord | undefined;
}

const key = (bookingId: string, name: StepName) => stepKey(bookingId, name);

export class StepRecordStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(bookingId: string): Promise<Map<StepName, StepRecord>> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': bookingPartition(bookingId), ':sk': SORT_PREFIX.step },
        ConsistentRead: true,
      }),
    );
    const records = new Map<StepName, StepRecord>();
    for (const item of Items ?? []) {
      const record = toRecord(item);
      records.set(record.name, record);
    }
    return records;
  }

  async get(bookingId: string, name: StepName): Promise<StepRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key(bookingId, name), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  /** Claims the step for `revision`, or says why not. One conditional write decides between racers. */
  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    let seen = request.seen;
    // A lost race is re-read and tried again; a few rounds settle it (a lease lapsed or was just released).
    for (let round = 0; ; round++) {
      const nowMs = this.now().getTime();
      const claimed = await this.tryClaim(request, seen, nowMs);
      if (claimed) return { kind: 'claimed', record: claimed };
      const record = await this.get(request.bookingId, request.name);
      if (!record) {
        seen = undefined;
        continue;
      }
      if (record.revision > request.revision) return { kind: 'newer', record };
      const rerun = seen?.status === 'succeeded' && seen.revision === request.revision;
      if (record.revision === request.revision && record.status === 'succeeded') {
        if (!rerun || record.version !== seen?.version) return { kind: 'done', record };
      }
      const leased = record.leaseOwner !== undefined && (record.leaseUntil ?? 0) >= nowMs;
      if (leased && record.leaseOwner !== request.owner) return { kind: 'held', record };
      if (record.revision === request.revision && record.status === 'failed' && !request.retryFailed)
        return { kind: 'failed', record };
      if (round >= 3) return { kind: 'held', record };
      seen = record;
    }
  }

  private async tryClaim(
    request: ClaimRequest,
    seen: StepRecord | undefined,
    nowMs: number,
  ): Promise<StepRecord | undefined> {
    const sameRevision = seen?.revision === request.revision;
    const values: Record<string, unknown> = {
      ':entity': 'step',
      ':bookingId': request.bookingId,
      ':name': request.name,
      ':running': 'running',
      ':rev': request.revision,
      ':me': request.owner,
      ':until': nowMs + request.leaseMs,
      ':now': nowMs,
      ':at': this.now().toISOString(),
      // The run's first try starts now. Tries of a run cut short (a crash) still count; a success re-run does not.
      ':attempts': (sameRevision && seen?.status !== 'succeeded' ? (seen?.attempts ?? 0) : 0) + 1,
      ':failures': sameRevision ? (seen?.failures ?? 0) : 0,
      ':empty': {},
      ':succeeded': 'succeeded',
      ':one': 1,
    };
    const notFailed = request.retryFailed ? '' : ' AND #status <> :failed';
    if (!request.retryFailed) values[':failed'] = 'failed';
    let notSucceeded = '#status <> :succeeded';
    if (sameRevision && seen?.status === 'succeeded') {
      notSucceeded = '(#status <> :succeeded OR version = :seenVersion)';
      values[':seenVersion'] = seen.version;
    }
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(request.bookingId, request.name),
          UpdateExpression:
            'SET entity = :entity, bookingId = :bookingId, stepName = :name, #status = :running, ' +
            '#rev = :rev, leaseOwner = :me, leaseUntil = :until, updatedAt = :at, attempts = :attempts, ' +
            'failures = :failures, #result = if_not_exists(#result, :empty) ADD version :one',
          // Never over a live lease of someone else, whatever the revision: two runs of one step at once could
          // land their outside writes in either order.
          ConditionExpression:
            'attribute_not_exists(PK) OR ((attribute_not_exists(leaseUntil) OR leaseUntil < :now OR ' +
            `leaseOwner = :me) AND (#rev < :rev OR (#rev = :rev AND ${notSucceeded}${notFailed})))`,
          ExpressionAttributeNames: { '#status': 'status', '#rev': 'revision', '#result': 'result' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRecord(Attributes ?? {});
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  /** Extends a live lease; false when it was lost. */
  async renew(bookingId: string, name: StepName, owner: string, leaseMs: number): Promise<boolean> {
    try {
      await this.fenced(bookingId, name, owner, {
        UpdateExpression: 'SET leaseUntil = :until',
        ExpressionAttributeValues: { ':until': this.now().getTime() + leaseMs },
      });
      return true;
    } catch (error) {
      if (error instanceof LeaseLostError) return false;
      throw error;
    }
  }

  /**
   * Records what the step knows before it acts on it (an intent, such as the idempotency key of a create
   * about to be sent), so a run that crashes right after the outside call can find it again.
   */
  async saveResult(bookingId: string, name: StepName, owner: string, result: StepResult): Promise<void> {
    await this.fenced(bookingId, name, owner, {
      UpdateExpression: 'SET #result = :result, updatedAt = :at ADD version :one',
      ExpressionAttributeNames: { '#result': 'result' },
      ExpressionAttributeValues: { ':result': result, ':at': this.now().toISOString() },
    });
  }

  async recordAttempt(
    bookingId: string,
    name: StepName,
    owner: string,
    attempts: number,
    error: Omit<StepError, 'at'>,
  ): Promise<void> {
    await this.fenced(bookingId, name, owner, {
      UpdateExpression:
        'SET #status = :retrying, attempts = :attempts, lastError = :error, updatedAt = :at ADD version :one',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':retrying': 'retrying',
        ':attempts': attempts,
        ':error': { ...error, at: this.now().toISOString() },
        ':at': this.now().toISOString(),
      },
    });
  }

  async succeed(
    bookingId: string,
    name: StepName,
    owner: string,
    outcome: { attempts: number; result: StepResult },
  ): Promise<StepRecord> {
    return this.fenced(bookingId, name, owner, {
      UpdateExpression:
        'SET #status = :succeeded, attempts = :attempts, #result = :result, updatedAt = :at ' +
        'REMOVE lastError, leaseOwner, leaseUntil, #retry, redo ADD version :one',
      ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#retry': 'retry' },
      ExpressionAttributeValues: {
        ':succeeded': 'succeeded',
        ':attempts': outcome.attempts,
        ':result': outcome.result,
        ':at': this.now().toISOString(),
      },
    });
  }

  async fail(
    bookingId: string,
    name: StepName,
    owner: string,
    outcome: { attempts: number; error: Omit<StepError, 'at'>; retry?: StepRetry },
  ): Promise<StepRecord> {
    const values: Record<string, unknown> = {
      ':failed': 'failed',
      ':attempts': outcome.attempts,
      ':error': { ...outcome.error, at: this.now().toISOString() },
      ':at': this.now().toISOString(),
      ':one': 1,
    };
    if (outcome.retry) values[':retry'] = outcome.retry;
    return this.fenced(bookingId, name, owner, {
      UpdateExpression:
        'SET #status = :failed, attempts = :attempts, lastError = :error, updatedAt = :at, ' +
        `failures = failures + :one${outcome.retry ? ', #retry = :retry' : ''} ` +
        `REMOVE leaseOwner, leaseUntil${outcome.retry ? '' : ', #retry'} ADD version :one`,
      ExpressionAttributeNames: { '#status': 'status', '#retry': 'retry' },
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Marks a step that succeeded at `revision` as needing a redo (the drift audit): the reconciler runs it
   * again at the same revision, through the same idempotent step. False when the record moved on meanwhile
   * (another revision, a run under way, not a success): that run brings the copy up to date anyway.
   */
  async markRedo(bookingId: string, name: StepName, revision: number, reason: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(bookingId, name),
          UpdateExpression: 'SET redo = :redo, updatedAt = :at ADD version :one',
          ConditionExpression: '#status = :succeeded AND #rev = :rev AND attribute_not_exists(leaseOwner)',
          ExpressionAttributeNames: { '#status': 'status', '#rev': 'revision' },
          ExpressionAttributeValues: {
            ':redo': { reason, at: this.now().toISOString() },
            ':at': this.now().toISOString(),
            ':one': 1,
            ':succeeded': 'succeeded',
            ':rev': revision,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  /** Gives a claim back without an outcome (the run was abandoned because the booking moved on). */
  async release(bookingId: string, name: StepName, owner: string): Promise<void> {
    try {
      await this.fenced(bookingId, name, owner, { UpdateExpression: 'REMOVE leaseOwner, leaseUntil' });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
    }
  }

  private async fenced(
    bookingId: string,
    name: StepName,
    owner: string,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<StepRecord> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(bookingId, name),
          ...update,
          ConditionExpression: 'leaseOwner = :me',
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ':me': owner,
            // DynamoDB refuses values an expression does not use: only the versioned writes get :one.
            ...(update.UpdateExpression?.includes(':one') ? { ':one': 1 } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRecord(Attributes ?? {});
    } catch (error) {
      if (isConditionalCheckFailure(error)) throw new LeaseLostError(bookingId, name);
      throw error;
    }
  }
}

function toRecord(item: Record<string, unknown>): StepRecord {
  return {
    bookingId: String(item.bookingId),
    name: String(item.stepName) as StepName,
    status: item.status as StepStatus,
    revision: Number(item.revision),
    attempts: Number(item.attempts ?? 0),
    failures: Number(item.failures ?? 0),
    lastError: item.lastError as StepError | undefined,
    result: (item.result as StepResult | undefined) ?? {},
    updatedAt: String(item.updatedAt),
    ...(item.retry ? { retry: item.retry as StepRetry } : {}),
    ...(item.redo ? { redo: item.redo as StepRecord['redo'] } : {}),
    version: Number(item.version ?? 0),
    leaseOwner: item.leaseOwner as string | undefined,
    leaseUntil: item.leaseUntil === undefined ? undefined : Number(item.leaseUntil),
  };
}

function isConditionalCheckFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}
