/**
 * One-off move of crew answers from the booking's partition (BOOKING#<id> / CONFIRMATION#…, ANSWER#…) to their
 * own (CONFIRM#<id>, confirmation-store.ts), so ShipCaptainCrew reads them without access to BOOKING#.
 *
 * Copies, never deletes: the old items stay where they were (the booking store still reads them as a
 * fallback). Idempotent: an item already at its new key is left alone (`attribute_not_exists`), so a newer
 * answer given since the move is never rolled back, and a second run copies nothing.
 *
 * Run with `npm run migrate:confirmations` (TABLE_NAME and the usual AWS environment), from an operator's
 * machine or CI with the table's full rights; never from SCC or the dashboard.
 */
import { type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { bookingIdOfPartition, bookingKeys, PARTITION_PREFIX, SORT_PREFIX } from './keys';

export interface ConfirmationMigrationResult {
  /** Old items found in booking partitions. */
  found: number;
  /** Copied to CONFIRM#<bookingId> this run. */
  copied: number;
  /** Already at the new key (an earlier run, or a newer answer given since). */
  alreadyThere: number;
}

export async function migrateLegacyConfirmations(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<ConfirmationMigrationResult> {
  const result: ConfirmationMigrationResult = { found: 0, copied: 0, alreadyThere: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression:
          'begins_with(PK, :booking) AND (begins_with(SK, :latest) OR begins_with(SK, :answer))',
        ExpressionAttributeValues: {
          ':booking': PARTITION_PREFIX.booking,
          ':latest': SORT_PREFIX.confirmation,
          ':answer': SORT_PREFIX.answer,
        },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      const target = newKeyOf(item);
      if (!target) continue;
      result.found++;
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...item, ...target },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        result.copied++;
      } catch (error) {
        if ((error as { name?: string })?.name !== 'ConditionalCheckFailedException') throw error;
        result.alreadyThere++;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return result;
}

/** The CONFIRM# key an old item moves to; undefined for anything that is not an old crew answer. */
function newKeyOf(item: Record<string, unknown>): { PK: string; SK: string } | undefined {
  const bookingId = bookingIdOfPartition(String(item.PK ?? ''));
  const sortKey = String(item.SK ?? '');
  if (!bookingId || !String(item.PK).startsWith(PARTITION_PREFIX.booking)) return undefined;
  if (!sortKey.startsWith(SORT_PREFIX.confirmation) && !sortKey.startsWith(SORT_PREFIX.answer))
    return undefined;
  // Same sort key, new partition: the spelling stays keys.ts's.
  return { PK: bookingKeys.confirmation(bookingId, '').PK, SK: sortKey };
}
