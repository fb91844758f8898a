/**
 * Table access by partition: `dynamodb:LeadingKeys` conditions, so a function facing the internet reaches
 * only the item kinds it owns (keys.ts's PARTITION_PREFIX), never the booking's partition with its money and
 * internal notes. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
 *
 * How the conditions hold:
 * - `ForAllValues:StringLike` over every partition key a request touches (BatchGetItem and BatchWriteItem
 *   carry all of theirs; a transaction is authorized item by item as PutItem, UpdateItem, ConditionCheckItem…).
 * - `Null: false` beside it: ForAllValues is true for a request with no leading keys at all (a Scan), so the
 *   key must be present. Scan and PartiQL are never granted here anyway.
 * - Index queries are granted on the index ARN alone, with the index's own partition values (GSI1PK): the
 *   index projects whole items, so a query on GSI1 "BOOKING" would read every booking.
 *
 * Must never grant Scan, DescribeTable's siblings, or a prefix-less wildcard.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TABLE_KEYS } from '../../../src/store/table-definition';
import type { ServiceFunction } from './service-function';

export const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * Partition-key patterns (IAM StringLike: `*` any run of characters): usually a prefix from keys.ts plus `*`
 * ("SCC#*"), or one exact key ("CALENDAR").
 */
export interface TableAccess {
  /** Partitions the function may read. */
  readonly read?: readonly string[];
  /** Partitions the function may read and write. */
  readonly readWrite?: readonly string[];
  /** GSI1 partitions (GSI1PK values) the function may query. */
  readonly indexQuery?: readonly string[];
}

/** `prefix*`: every partition key starting with a keys.ts prefix. */
export const startingWith = (prefix: string) => `${prefix}*`;

export function grantTableAccess(
  service: ServiceFunction,
  table: dynamodb.ITable,
  access: TableAccess,
): void {
  const readable = [...(access.read ?? []), ...(access.readWrite ?? [])];
  if (readable.length > 0) {
    service.allow(statement('ReadOwnPartitions', READ_ACTIONS, [table.tableArn], readable));
  }
  if (access.readWrite && access.readWrite.length > 0) {
    service.allow(statement('WriteOwnPartitions', WRITE_ACTIONS, [table.tableArn], access.readWrite));
  }
  if (access.indexQuery && access.indexQuery.length > 0) {
    const index = `${table.tableArn}/index/${TABLE_KEYS.gsi1.name}`;
    service.allow(statement('QueryOwnIndexPartitions', ['dynamodb:Query'], [index], access.indexQuery));
  }
}

function statement(
  sid: string,
  actions: readonly string[],
  resources: string[],
  leadingKeys: readonly string[],
): iam.PolicyStatement {
  for (const key of leadingKeys) {
    if (key.replace(/\*/g, '') === '') throw new Error(`table access: "${key}" would match every partition`);
  }
  return new iam.PolicyStatement({
    sid,
    actions: [...actions],
    resources,
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...new Set(leadingKeys)].sort() },
      Null: { 'dynamodb:LeadingKeys': 'false' },
    },
  });
}
