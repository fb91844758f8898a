/**
 * Step records on DynamoDB Local: the claim that lets exactly one reconciler run a step, the lease that frees
 * a crashed holder's claim, and the fencing that stops a reconciler whose claim lapsed from recording over
 * the one that took over.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LeaseLostError, type StepRecord, StepRecordStore } from '../../../src/pipeline/step-records';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;
let clock: { now: number };
let steps: StepRecordStore;
let bookingId: string;
let counter = 0;

beforeAll(async () => {
  table = await createTestTable('steps');
});

beforeEach(() => {
  clock = { now: Date.parse('2026-11-24T17:00:00.000Z') };
  steps = new StepRecordStore(table.doc, table.tableName, () => new Date(clock.now));
  counter += 1;
  bookingId = `bk-steps-${counter}`;
});

const LEASE = 30_000;
const claim = (owner: string, revision = 1, seen?: StepRecord, retryFailed = false) =>
  steps.claim({ bookingId, name: 'scc-event', revision, owner, leaseMs: LEASE, retryFailed, seen });

describe('claiming a step', () => {
  it('lets exactly one of many racing reconcilers win', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(`owner-${i}`)));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'held')).toHaveLength(11);
  });

  it('frees a crashed holder’s claim once its lease lapses', async () => {
    expect((await claim('crashed')).kind).toBe('claimed');
    expect((await claim('successor')).kind).toBe('held');
    clock.now += LEASE + 1;
    const taken = await claim('successor', 1, (await steps.get(bookingId, 'scc-event')) as StepRecord);
    expect(taken.kind).toBe('claimed');
    // The crashed run's try still counts: this is the second.
    expect(taken.record.attempts).toBe(2);
  });

  it('keeps a live holder’s claim while its heartbeat renews it', async () => {
    await claim('alive');
    clock.now += LEASE - 1;
    expect(await steps.renew(bookingId, 'scc-event', 'alive', LEASE)).toBe(true);
    clock.now += LEASE - 1;
    expect((await claim('other')).kind).toBe('held');
    expect(await steps.renew(bookingId, 'scc-event', 'other', LEASE)).toBe(false);
  });

  it('does not claim a step already done at this revision, but does at a newer one, keeping its result', async () => {
    await claim('a');
    await steps.succeed(bookingId, 'scc-event', 'a', { attempts: 1, result: { eventId: bookingId } });
    expect((await claim('b')).kind).toBe('done');
    const next = await claim('b', 2);
    expect(next.kind).toBe('claimed');
    expect(next.record).toMatchObject({
      revision: 2,
      attempts: 1,
      status: 'running',
      result: { eventId: bookingId },
    });
  });

  it('tells a reconciler holding an older booking that the step is already at a newer revision', async () => {
    await claim('a', 3);
    await steps.succeed(bookingId, 'scc-event', 'a', { attempts: 1, result: {} });
    expect((await claim('late', 2)).kind).toBe('newer');
  });

  it('claims a failed step again only when asked to retry failed steps', async () => {
    await claim('a');
    await steps.fail(bookingId, 'scc-event', 'a', {
      attempts: 1,
      error: { kind: 'permanent', message: 'ShipCaptainCrew refused POST /events (HTTP 400).' },
    });
    expect((await claim('b')).kind).toBe('failed');
    const retried = await claim('b', 1, (await steps.get(bookingId, 'scc-event')) as StepRecord, true);
    expect(retried.kind).toBe('claimed');
    expect(retried.record.failures).toBe(1);
  });

  it('re-runs a success (stale for other reasons) only if nobody wrote the record since it was read', async () => {
    await claim('a');
    const done = await steps.succeed(bookingId, 'scc-event', 'a', { attempts: 1, result: {} });
    expect((await claim('b', 1, done)).kind).toBe('claimed');
    await steps.succeed(bookingId, 'scc-event', 'b', { attempts: 1, result: {} });
    // `done` is what c read before b's re-run: c must look again, not run once more.
    expect((await claim('c', 1, done)).kind).toBe('done');
  });
});

describe('writing an outcome', () => {
  it('refuses the write of a reconciler whose claim lapsed and was taken over', async () => {
    await claim('slow');
    clock.now += LEASE + 1;
    await claim('successor', 1, (await steps.get(bookingId, 'scc-event')) as StepRecord);
    await expect(
      steps.succeed(bookingId, 'scc-event', 'slow', { attempts: 1, result: { eventId: 'x' } }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await expect(steps.saveResult(bookingId, 'scc-event', 'slow', { createKey: 'k' })).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    const record = await steps.succeed(bookingId, 'scc-event', 'successor', {
      attempts: 2,
      result: { eventId: 'y' },
    });
    expect(record).toMatchObject({ status: 'succeeded', result: { eventId: 'y' } });
    expect(record.leaseOwner).toBeUndefined();
  });

  it('records each retry with its reason, and the final failure in plain words', async () => {
    await claim('a');
    await steps.recordAttempt(bookingId, 'scc-event', 'a', 2, {
      kind: 'transient',
      message: 'ShipCaptainCrew is having trouble (HTTP 503).',
    });
    expect(await steps.get(bookingId, 'scc-event')).toMatchObject({
      status: 'retrying',
      attempts: 2,
      lastError: { kind: 'transient', message: 'ShipCaptainCrew is having trouble (HTTP 503).' },
    });
    const failed = await steps.fail(bookingId, 'scc-event', 'a', {
      attempts: 5,
      error: { kind: 'transient', message: 'ShipCaptainCrew did not answer within 10 seconds.' },
    });
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, failures: 1 });
    expect(failed.lastError?.at).toBe(new Date(clock.now).toISOString());
  });

  it('lists every step record of a booking', async () => {
    await claim('a');
    await steps.claim({
      bookingId,
      name: 'guest-page',
      revision: 1,
      owner: 'a',
      leaseMs: LEASE,
      retryFailed: false,
      seen: undefined,
    });
    expect([...(await steps.list(bookingId)).keys()].sort()).toEqual(['guest-page', 'scc-event']);
  });
});
