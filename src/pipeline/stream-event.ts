/**
 * The table's change feed, as Lambda delivers it (and as the local stream poller hands it over): picks the
 * booking and confirmation records, reconciles each booking once per batch however many of its records the
 * batch holds, and reports the records of bookings that could not be reconciled as `batchItemFailures`, so
 * only they are delivered again rather than the whole batch.
 *
 * Never acts on a record's image beyond finding the booking id: the reconciler reads the booking itself
 * (consistently), so an old or out-of-order record cannot roll anything back.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '../logging';
import { bookingIdOfPartition, STREAM_ENTITIES, TABLE_KEYS } from '../store';
import type { ReconcileOutcome, Reconciler } from './reconciler';

export type StreamEventHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface StreamHandlerDeps {
  reconciler: Pick<Reconciler, 'reconcileBooking'>;
  logger: Logger;
  /** Bookings reconciled at the same time. */
  concurrency: number;
  /** Told of each booking's outcome (tests, the bench and the dev console watch it). */
  onReconciled?(outcome: ReconcileOutcome): void;
  /** An operator's `/charter audit` (an audit-request item): runs the drift audit. */
  onAuditRequest?(request: { requestId: string; requestedBy: string }): Promise<unknown>;
}

const ENTITIES = new Set<string>(STREAM_ENTITIES);

export function createStreamHandler(deps: StreamHandlerDeps): StreamEventHandler {
  return async function handleStreamEvent(event) {
    const byBooking = new Map<string, string[]>();
    const failed: string[] = [];
    for (const record of event.Records ?? []) {
      const audit = auditRequestOf(record);
      if (audit) {
        // Only new requests: the item's TTL removal arrives on the stream too.
        if (record.eventName !== 'INSERT' || !deps.onAuditRequest) continue;
        try {
          await deps.onAuditRequest(audit);
        } catch (error) {
          deps.logger.error('the requested audit failed; its record will be delivered again', { error });
          failed.push(record.dynamodb?.SequenceNumber ?? record.eventID ?? '');
        }
        continue;
      }
      const bookingId = bookingIdOf(record);
      if (!bookingId) continue;
      const sequence = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
      byBooking.set(bookingId, [...(byBooking.get(bookingId) ?? []), sequence]);
    }
    await forEachLimited([...byBooking.keys()], deps.concurrency, async (bookingId) => {
      try {
        const outcome = await deps.reconciler.reconcileBooking(bookingId);
        deps.onReconciled?.(outcome);
      } catch (error) {
        deps.logger.error('reconcile failed; its records will be delivered again', { bookingId, error });
        failed.push(...(byBooking.get(bookingId) ?? []));
      }
    });
    return { batchItemFailures: failed.sort(compareSequence).map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The booking a record is about, when it is a booking or confirmation change; undefined otherwise. */
export function bookingIdOf(record: DynamoDBRecord): string | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const entity = image?.[TABLE_KEYS.entityAttribute]?.S;
  if (!entity || !ENTITIES.has(entity)) return undefined;
  const pk = record.dynamodb?.Keys?.[TABLE_KEYS.partitionKey]?.S ?? image?.[TABLE_KEYS.partitionKey]?.S;
  return pk ? bookingIdOfPartition(pk) : undefined;
}

/** An operator's audit request, when the record is one. */
function auditRequestOf(record: DynamoDBRecord): { requestId: string; requestedBy: string } | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (image?.[TABLE_KEYS.entityAttribute]?.S !== 'audit-request') return undefined;
  return { requestId: image.requestId?.S ?? '', requestedBy: image.requestedBy?.S ?? '' };
}

/** Stream sequence numbers are decimal strings of varying length: compare them as numbers. */
export function compareSequence(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
