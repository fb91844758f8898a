/**
 * Every item a DynamoDB query matches, page after page: one loop for the whole code base, so no caller
 * forgets LastEvaluatedKey and silently reads only the first megabyte.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export type StoredItem = Record<string, unknown>;

/** Yields items lazily, so a caller that needs only the first few stops fetching pages. */
export async function* queryItems(
  doc: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<StoredItem> {
  let startKey: StoredItem | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for await (const item of queryItems(doc, input)) items.push(item);
  return items;
}
