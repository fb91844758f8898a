/**
 * Once-only markers on DynamoDB (IDEMPOTENCY#<key> / IDEMPOTENCY, keys.ts): a conditional put that exactly one
 * caller wins while the marker lives. Used to drop Slack's retries and double clicks, and to record an email's
 * intent before sending it. Markers expire (`expiresAt`, the table's TTL attribute); an expired one counts as
 * free at once, before DynamoDB's TTL sweeper removes it, and reads as absent.
 *
 * A booking's own creation marker (`booking:<key>`) is not written here: it must be in the booking's
 * transaction (booking-aggregate-store.ts). Must never overwrite a live marker.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { bookingKeys } from './keys';

type Item = Record<string, unknown>;

export class MarkerStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Claims `key` for `ttlSeconds`: true the first time, false while an earlier claim lives. `value`'s
   * attributes are stored on the marker (readMarker returns them).
   */
  async claimOnce(key: string, ttlSeconds: number, value: Item = {}): Promise<boolean> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...bookingKeys.idempotency(key),
            entity: 'idempotency',
            ...value,
            expiresAt: nowSeconds + ttlSeconds,
          },
          // An expired marker counts as free even before DynamoDB's TTL sweeper removes it.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  /** The live marker's item (keys, `entity`, the claim's value, `expiresAt`); undefined if none or expired. */
  async readMarker(key: string): Promise<Item | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.idempotency(key), ConsistentRead: true }),
    );
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    return Item && Number(Item.expiresAt) >= nowSeconds ? Item : undefined;
  }
}

function isConditionalCheckFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}
