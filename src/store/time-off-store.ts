/**
 * Crew time off on DynamoDB: one item per entry in the person's own partition (keys.ts `timeOffKeys`), and
 * GSI1 listing everyone's by last day. Entity "timeoff" is not a stream entity: entering time off starts no
 * pipeline. Validation is the caller's (domain `timeOffProblems`); this module only stores and reads.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TimeOff } from '../domain';
import { ConflictError, NotFoundError } from '../errors';
import { INDEX_PARTITION, timeOffKeys } from './keys';
import { queryAll } from './query-items';
import { randomCode } from './random-ids';
import { TABLE_KEYS } from './table-definition';

/** How many entries one person may hold at once (a bound on every list; old ones can be removed). */
export const MAX_TIME_OFF_ENTRIES = 50;

export class DynamoTimeOffStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores an entry under a fresh id; ConflictError past MAX_TIME_OFF_ENTRIES for the person. */
  async addTimeOff(entry: Omit<TimeOff, 'id'> & { id?: string }): Promise<TimeOff> {
    const existing = await this.listTimeOff(entry.crewId);
    if (existing.length >= MAX_TIME_OFF_ENTRIES) {
      throw new ConflictError(
        `You already have ${MAX_TIME_OFF_ENTRIES} entries of time off: remove an old one first.`,
      );
    }
    const stored: TimeOff = {
      id: entry.id ?? `to-${randomCode(10)}`,
      crewId: entry.crewId,
      from: entry.from,
      to: entry.to,
      note: entry.note,
      by: entry.by,
      at: entry.at,
    };
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...timeOffKeys.entry(stored.crewId, stored.from, stored.id),
          ...timeOffKeys.index(stored.to, stored.crewId, stored.id),
          entity: 'timeoff',
          data: stored,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return stored;
  }

  /** One person's entries, earliest first (past ones too, until removed). */
  async listTimeOff(crewId: string): Promise<TimeOff[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': timeOffKeys.partition(crewId), ':prefix': timeOffKeys.sortPrefix },
    });
    return items.map((item) => item.data as TimeOff);
  }

  /**
   * Everyone's entries whose last day is `fromDay` or later and whose first day is `toDay` or earlier: the
   * time off that could touch charters between those local days.
   */
  async listTimeOffBetween(fromDay: string, toDay: string): Promise<TimeOff[]> {
    const { gsi1 } = TABLE_KEYS;
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: gsi1.name,
      KeyConditionExpression: '#pk = :pk AND #sk >= :from',
      ExpressionAttributeNames: { '#pk': gsi1.partitionKey, '#sk': gsi1.sortKey },
      ExpressionAttributeValues: { ':pk': INDEX_PARTITION.timeOff, ':from': fromDay },
    });
    return items.map((item) => item.data as TimeOff).filter((entry) => entry.from <= toDay);
  }

  /** Removes one of the person's entries; NotFoundError when it is not theirs or not there. */
  async removeTimeOff(crewId: string, id: string): Promise<TimeOff> {
    const entry = (await this.listTimeOff(crewId)).find((e) => e.id === id);
    if (!entry) throw new NotFoundError('No such time off.');
    await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: timeOffKeys.entry(crewId, entry.from, entry.id) }),
    );
    return entry;
  }
}
