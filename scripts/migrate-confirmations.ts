/**
 * `npm run migrate:confirmations`: copies crew answers stored in the booking's partition before they moved to
 * CONFIRM#<bookingId> (src/store/confirmation-migration.ts). Safe to run again; copies, never deletes.
 *
 * Needs TABLE_NAME and AWS credentials with Scan and PutItem on the table (an operator's, never SCC's).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { migrateLegacyConfirmations } from '../src/store';

const tableName = process.env.TABLE_NAME;
if (!tableName) {
  console.error('TABLE_NAME is not set: set it to the Charter Ops table (the data stack output TableName).');
  process.exit(2);
}
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const result = await migrateLegacyConfirmations(doc, tableName);
console.log(
  `Crew answers in booking partitions: ${result.found}; copied to CONFIRM#: ${result.copied}; already there: ${result.alreadyThere}.`,
);
