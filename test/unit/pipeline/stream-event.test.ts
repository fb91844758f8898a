import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logging/logger';
import type { ReconcileOutcome } from '../../../src/pipeline/reconciler';
import { bookingIdOf, compareSequence, createStreamHandler } from '../../../src/pipeline/stream-event';

let sequence = 100;

function record(
  entity: string,
  pk: string,
  sk: string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'MODIFY',
): DynamoDBRecord {
  const image = { PK: { S: pk }, SK: { S: sk }, entity: { S: entity } };
  sequence += 1;
  return {
    eventID: `e${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: { PK: { S: pk }, SK: { S: sk } },
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
      SequenceNumber: String(sequence).padStart(21, '0'),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

function fakeReconciler(failing: ReadonlySet<string> = new Set()) {
  const calls: string[] = [];
  return {
    calls,
    reconciler: {
      async reconcileBooking(bookingId: string): Promise<ReconcileOutcome> {
        calls.push(bookingId);
        if (failing.has(bookingId)) throw new Error('DynamoDB is unreachable');
        return { bookingId, status: 'converged', revision: 1, steps: {} };
      },
    },
  };
}

describe('the stream handler', () => {
  it('reconciles each booking once per batch, however many of its records the batch holds', async () => {
    const { calls, reconciler } = fakeReconciler();
    const handle = createStreamHandler({ reconciler, logger: silentLogger, concurrency: 2 });
    const result = await handle({
      Records: [
        record('booking', 'BOOKING#a', 'BOOKING', 'INSERT'),
        record('confirmation', 'BOOKING#a', 'CONFIRMATION#ana'),
        record('booking', 'BOOKING#b', 'BOOKING'),
        record('booking', 'BOOKING#a', 'BOOKING'),
      ],
    });
    expect(calls.sort()).toEqual(['a', 'b']);
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('ignores what does not start the pipeline: step records, history, slugs, SCC items', async () => {
    const { calls, reconciler } = fakeReconciler();
    const handle = createStreamHandler({ reconciler, logger: silentLogger, concurrency: 2 });
    await handle({
      Records: [
        record('step', 'BOOKING#a', 'STEP#scc-event'),
        record('history', 'BOOKING#a', 'HISTORY#000002'),
        record('slug', 'SLUG#sailjada.com#x', 'SLUG'),
        record('scc-event', 'SCC#a', 'EVENT'),
        record('answer', 'BOOKING#a', 'ANSWER#ana#2026'),
      ],
    });
    expect(calls).toEqual([]);
  });

  it('reports only the failed booking records as batch item failures, in stream order', async () => {
    const { reconciler } = fakeReconciler(new Set(['b']));
    const handle = createStreamHandler({ reconciler, logger: silentLogger, concurrency: 4 });
    const first = record('booking', 'BOOKING#b', 'BOOKING');
    const other = record('booking', 'BOOKING#a', 'BOOKING');
    const second = record('confirmation', 'BOOKING#b', 'CONFIRMATION#ben');
    const result = await handle({ Records: [first, other, second] });
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: first.dynamodb?.SequenceNumber },
      { itemIdentifier: second.dynamodb?.SequenceNumber },
    ]);
  });

  it('tells who watches of each outcome', async () => {
    const { reconciler } = fakeReconciler();
    const seen: string[] = [];
    const handle = createStreamHandler({
      reconciler,
      logger: silentLogger,
      concurrency: 1,
      onReconciled: (outcome) => seen.push(`${outcome.bookingId}:${outcome.status}`),
    });
    await handle({ Records: [record('booking', 'BOOKING#a', 'BOOKING')] });
    expect(seen).toEqual(['a:converged']);
  });
});

describe('bookingIdOf', () => {
  it('reads a removed confirmation from its old image', () => {
    expect(bookingIdOf(record('confirmation', 'BOOKING#bk-1', 'CONFIRMATION#ana', 'REMOVE'))).toBe('bk-1');
  });

  it("wakes the booking for an answer in the confirmations' own partition", () => {
    expect(bookingIdOf(record('confirmation', 'CONFIRM#bk-1', 'CONFIRMATION#ana'))).toBe('bk-1');
  });
});

describe('compareSequence', () => {
  it('orders stream sequence numbers as numbers, not text', () => {
    expect(['900', '1000', '000000000000000000099'].sort(compareSequence)).toEqual([
      '000000000000000000099',
      '900',
      '1000',
    ]);
  });
});
