/**
 * BookingTable: the single DynamoDB table, built from src/store/table-definition.ts, the same definition the
 * tests use for DynamoDB Local, so that keys, index and stream cannot drift between the two.
 *
 * Must never declare a key, index or stream setting of its own: change table-definition.ts instead.
 */
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { createTableInput, TABLE_KEYS } from '../../../src/store/table-definition';

export interface BookingTableProps {
  /** CloudFormation logical id; fixed so that a refactor never replaces the table. */
  readonly logicalId: string;
}

export class BookingTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: BookingTableProps) {
    super(scope, id);
    // The name is CloudFormation's to choose: one table per deployment, reached through TABLE_NAME.
    const definition = createTableInput('unused');
    const keys = keysOf(definition, definition.KeySchema);

    this.table = new dynamodb.Table(this, 'Table', {
      ...keys,
      billingMode: billingModeOf(definition),
      stream: streamViewTypeOf(definition),
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Encrypted at rest with an AWS-owned key: free, unlike a KMS key per table.
      encryption: dynamodb.TableEncryption.DEFAULT,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if (!index.IndexName) throw new Error('table-definition: a global secondary index has no name');
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName,
        ...keysOf(definition, index.KeySchema),
        projectionType: projectionTypeOf(index.Projection?.ProjectionType),
        nonKeyAttributes: index.Projection?.NonKeyAttributes,
      });
    }
    (this.table.node.defaultChild as dynamodb.CfnTable).overrideLogicalId(props.logicalId);
  }
}

function keysOf(
  definition: CreateTableCommandInput,
  schema: readonly KeySchemaElement[] | undefined,
): { partitionKey: dynamodb.Attribute; sortKey?: dynamodb.Attribute } {
  const attribute = (keyType: 'HASH' | 'RANGE'): dynamodb.Attribute | undefined => {
    const name = schema?.find((k) => k.KeyType === keyType)?.AttributeName;
    if (!name) return undefined;
    const type = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    if (!type) throw new Error(`table-definition: attribute ${name} has no definition`);
    return { name, type: attributeTypeOf(type) };
  };
  const partitionKey = attribute('HASH');
  if (!partitionKey) throw new Error('table-definition: a key schema has no HASH key');
  const sortKey = attribute('RANGE');
  return sortKey ? { partitionKey, sortKey } : { partitionKey };
}

function attributeTypeOf(type: string): dynamodb.AttributeType {
  switch (type) {
    case 'S':
      return dynamodb.AttributeType.STRING;
    case 'N':
      return dynamodb.AttributeType.NUMBER;
    case 'B':
      return dynamodb.AttributeType.BINARY;
    default:
      throw new Error(`table-definition: unknown attribute type ${type}`);
  }
}

function billingModeOf(definition: CreateTableCommandInput): dynamodb.BillingMode {
  if (definition.BillingMode !== 'PAY_PER_REQUEST') {
    throw new Error('table-definition: the deployed table is on-demand (PAY_PER_REQUEST) only');
  }
  return dynamodb.BillingMode.PAY_PER_REQUEST;
}

function streamViewTypeOf(definition: CreateTableCommandInput): dynamodb.StreamViewType {
  const spec = definition.StreamSpecification;
  if (!spec?.StreamEnabled || !spec.StreamViewType) {
    throw new Error('table-definition: the pipeline needs the table stream enabled');
  }
  return spec.StreamViewType as dynamodb.StreamViewType;
}

function projectionTypeOf(type: string | undefined): dynamodb.ProjectionType {
  switch (type) {
    case undefined:
    case 'ALL':
      return dynamodb.ProjectionType.ALL;
    case 'KEYS_ONLY':
      return dynamodb.ProjectionType.KEYS_ONLY;
    case 'INCLUDE':
      return dynamodb.ProjectionType.INCLUDE;
    default:
      throw new Error(`table-definition: unknown projection type ${type}`);
  }
}
