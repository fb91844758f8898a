/**
 * Crew answers in their own partition (CONFIRM#<bookingId>, keys in keys.ts), apart from the booking:
 *
 *   CONFIRM#<id> / CONFIRMATION#<crewId>     latest answer of one crew member (entity "confirmation")
 *   CONFIRM#<id> / ANSWER#<crewId>#<at>      every answer ever given, for history (entity "answer")
 *
 * Apart because ShipCaptainCrew records the crew page's answers and faces the internet: IAM limits it to the
 * partitions it needs (dynamodb:LeadingKeys), and the booking's partition, with its money and internal
 * notes, is not one of them. So this store never reads the booking: whoever calls `recordConfirmation`
 * has already proven the person is on the charter (the Slack side against the booking, SCC against its event
 * through the signed crew link).
 *
 * Answers given before the move live in the booking's partition with the same sort keys; `withLegacy`
 * reads those too (ops-side callers only, they may read BOOKING#), and confirmation-migration.ts copies them.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Answer, type Confirmation, ConfirmationSchema } from '../domain';
import { bookingKeys, confirmPartition, legacyConfirmationKeys, SORT_PREFIX } from './keys';
import { queryAll } from './query-items';

export interface ConfirmationStoreOptions {
  /**
   * Also read answers still in the booking's own partition (written before CONFIRM# existed), newest per
   * person winning. Needs read access to BOOKING#: never set it in SCC.
   */
  withLegacy?: boolean;
}

export class ConfirmationStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: ConfirmationStoreOptions = {},
  ) {}

  /**
   * Records a crew answer: the latest per person (what the crew board shows, and what the stream carries to
   * Slack) plus an append-only copy for history. Repeating the same answer changes nothing.
   */
  async recordConfirmation(confirmation: Confirmation): Promise<{ changed: boolean }> {
    const valid = ConfirmationSchema.parse(confirmation);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...bookingKeys.confirmation(valid.bookingId, valid.crewId),
                  entity: 'confirmation',
                  data: valid,
                },
                ConditionExpression:
                  'attribute_not_exists(PK) OR #data.#answer <> :answer OR #data.#rev <> :rev',
                ExpressionAttributeNames: { '#data': 'data', '#answer': 'answer', '#rev': 'revision' },
                ExpressionAttributeValues: { ':answer': valid.answer, ':rev': valid.revision },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...bookingKeys.answer(valid.bookingId, valid.crewId, valid.at),
                  entity: 'answer',
                  data: valid,
                },
              },
            },
          ],
        }),
      );
      return { changed: true };
    } catch (error) {
      if (firstCancellationReason(error) === 'ConditionalCheckFailed') return { changed: false };
      throw error;
    }
  }

  /** The latest answer of each person on the booking, in crew id order. */
  async listConfirmations(bookingId: string): Promise<Confirmation[]> {
    const current = await this.items(confirmPartition(bookingId), SORT_PREFIX.confirmation);
    if (!this.options.withLegacy) return current;
    const legacy = await this.items(legacyConfirmationKeys.partition(bookingId), SORT_PREFIX.confirmation);
    const byCrew = new Map<string, Confirmation>();
    for (const c of [...legacy, ...current]) {
      const seen = byCrew.get(c.crewId);
      if (!seen || seen.at <= c.at) byCrew.set(c.crewId, c);
    }
    return [...byCrew.values()].sort((a, b) => a.crewId.localeCompare(b.crewId));
  }

  /** Every answer ever given on a booking, oldest first. */
  async listAnswers(bookingId: string): Promise<Confirmation[]> {
    const current = await this.items(confirmPartition(bookingId), SORT_PREFIX.answer);
    const legacy = this.options.withLegacy
      ? await this.items(legacyConfirmationKeys.partition(bookingId), SORT_PREFIX.answer)
      : [];
    // A migrated answer is in both places: one entry per (person, moment).
    const unique = new Map([...legacy, ...current].map((a) => [`${a.crewId}#${a.at}`, a]));
    return [...unique.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  async latestAnswer(bookingId: string, crewId: string): Promise<Answer | undefined> {
    const found = await this.get(bookingKeys.confirmation(bookingId, crewId));
    if (found || !this.options.withLegacy) return found?.answer;
    return (await this.get(legacyConfirmationKeys.confirmation(bookingId, crewId)))?.answer;
  }

  private async get(key: Record<string, string>): Promise<Confirmation | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item?.data as Confirmation | undefined;
  }

  private async items(partition: string, prefix: string): Promise<Confirmation[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': partition, ':sk': prefix },
      ConsistentRead: true,
    });
    return items.map((item) => item.data as Confirmation);
  }
}

function firstCancellationReason(error: unknown): string | undefined {
  if (
    error instanceof TransactionCanceledException ||
    (error as { name?: string })?.name === 'TransactionCanceledException'
  ) {
    return (error as TransactionCanceledException).CancellationReasons?.[0]?.Code;
  }
  return undefined;
}
