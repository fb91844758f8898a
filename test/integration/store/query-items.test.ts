import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAll, queryItems } from '../../../src/store';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

let table: TestTable;
const input = () => ({
  TableName: table.tableName,
  KeyConditionExpression: 'PK = :pk',
  ExpressionAttributeValues: { ':pk': 'PAGES' },
  Limit: 2, // two items a page: five items take three pages
});

beforeAll(async () => {
  table = await createTestTable('pages');
  for (const n of [1, 2, 3, 4, 5]) {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { PK: 'PAGES', SK: `N#${n}` } }));
  }
});

describe('queryAll', () => {
  it('reads every page, not just the first', async () => {
    expect((await queryAll(table.doc, input())).map((i) => i.SK)).toEqual([
      'N#1',
      'N#2',
      'N#3',
      'N#4',
      'N#5',
    ]);
  });

  it('stops fetching when the caller stops reading', async () => {
    const seen: unknown[] = [];
    for await (const item of queryItems(table.doc, input())) {
      seen.push(item.SK);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['N#1', 'N#2', 'N#3']);
  });
});
