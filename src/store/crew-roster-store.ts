/**
 * The crew roster on DynamoDB: one item per member (CREW#<id> / CREW), listed by name through GSI1 (keys.ts).
 * Members hold their rates, so the roster is ops-side data: a function facing the internet gets no grant on
 * CREW# (crew time off lives apart for that reason, time-off-store.ts).
 *
 * Removal is soft and must stay so: bookings name their crew by id, and past ones must still resolve.
 * Validation is the caller's; this module only stores and reads.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CrewMember } from '../domain';
import { NotFoundError } from '../errors';
import { bookingKeys, INDEX_PARTITION, indexKeys } from './keys';
import { queryAll } from './query-items';
import { TABLE_KEYS } from './table-definition';

export class CrewRosterStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Adds or replaces a member (a plain put: the last write wins). */
  async putCrewMember(member: CrewMember): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...bookingKeys.crew(member.id),
          ...indexKeys.crew(member.name, member.id),
          entity: 'crew',
          data: member,
        },
      }),
    );
  }

  async getCrewMember(id: string): Promise<CrewMember | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.crew(id) }),
    );
    return Item ? (Item.data as CrewMember) : undefined;
  }

  /** The roster by name; removed members are kept (bookings refer to them) but left out unless asked. */
  async listCrew(options: { includeInactive?: boolean } = {}): Promise<CrewMember[]> {
    const { gsi1 } = TABLE_KEYS;
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: gsi1.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': gsi1.partitionKey },
      ExpressionAttributeValues: { ':pk': INDEX_PARTITION.crew },
    });
    const members = items.map((item) => item.data as CrewMember);
    return members.filter((member) => member.active || options.includeInactive);
  }

  /** Removes a member from the roster (soft: past bookings still name them); NotFoundError if unknown. */
  async removeCrewMember(id: string): Promise<CrewMember> {
    const member = await this.getCrewMember(id);
    if (!member) throw new NotFoundError(`No crew member with id ${id}.`);
    const removed = { ...member, active: false };
    await this.putCrewMember(removed);
    return removed;
  }
}
