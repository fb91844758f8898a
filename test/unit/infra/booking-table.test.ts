import { describe, expect, it } from 'vitest';
import { TABLE_LOGICAL_ID } from '../../../infra/lib/stacks/data-stack';
import { createTableInput, TABLE_KEYS } from '../../../src/store/table-definition';
import { synthesize } from './synth-helper';

const { dataTemplate } = synthesize();
const table = dataTemplate.toJSON().Resources[TABLE_LOGICAL_ID];
const definition = createTableInput('unused');

describe('BookingTable', () => {
  it('has the key schema and attributes of table-definition.ts, the one DynamoDB Local uses', () => {
    expect(table.Properties.KeySchema).toEqual(definition.KeySchema);
    expect(sortByName(table.Properties.AttributeDefinitions)).toEqual(
      sortByName(definition.AttributeDefinitions ?? []),
    );
  });

  it('has the global secondary indexes of table-definition.ts', () => {
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
  });

  it('streams new and old images, as the pipeline expects', () => {
    expect(definition.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('is on-demand, with point-in-time recovery, deletion protection and the TTL attribute', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
      // Encrypted at rest with the AWS-owned key (free), not a per-table KMS key.
      SSESpecification: { SSEEnabled: false },
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

function sortByName<T extends { AttributeName?: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
}
