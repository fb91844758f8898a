/** The booking store on the dev stack's DynamoDB Local, for seeding and the dev pages. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBookingStore } from '../../store';

export function createDevStore(client: DynamoDBClient, tableName: string): DynamoBookingStore {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return new DynamoBookingStore(doc, tableName);
}
