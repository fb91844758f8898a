/**
 * The one DynamoDB table, defined once: the infra (BookingTable construct) and the tests (DynamoDB Local)
 * both build it from this definition, so they cannot drift.
 *
 * Single-table layout (PK / SK):
 *   BOOKING#<id>        / BOOKING                 the booking (entity "booking"); GSI1: BOOKING / <startsAt>#<id>
 *   CONFIRM#<id>        / CONFIRMATION#<crewId>   latest answer of one crew member (entity "confirmation")
 *   CONFIRM#<id>        / ANSWER#<crewId>#<at>    every answer ever given, for history (entity "answer")
 *                       (before: the same sort keys in BOOKING#<id>; see confirmation-migration.ts)
 *   BOOKING#<id>        / STEP#<name>             pipeline step outcome (entity "step")
 *   BOOKING#<id>        / HISTORY#<rev, 6 digits> change history (entity "history")
 *   SLUG#<domain>#<slug>/ SLUG                    slug reservation → bookingId (entity "slug")
 *   CREW#<crewId>       / CREW                    roster member (entity "crew"); GSI1: CREW / <name>
 *   IDEMPOTENCY#<key>   / IDEMPOTENCY             once-only markers with a TTL (entity "idempotency")
 *   TIMEOFF#<crewId>    / AWAY#<from>#<id>        a person's time off (entity "timeoff"); GSI1: TIMEOFF / <to>#<crewId>#<id>
 * Other modules add their own prefixes (SCC#…, SCCCREW#…, LIFECYCLE#…, TIMER#…) and document them where
 * they are written. Every key, of every module, is spelled in keys.ts.
 *
 * The stream (NEW_AND_OLD_IMAGES) drives the pipeline; its filter passes entity "booking" and "confirmation".
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  ttlAttribute: 'expiresAt',
  entityAttribute: 'entity',
} as const;

/** Entities whose changes start the pipeline. */
/** `delivery`: SES said a crew member's email bounced (src/mail/mail-feedback.ts): the crew board shows it. */
export const STREAM_ENTITIES = ['booking', 'confirmation', 'delivery', 'audit-request'] as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, gsi1 } = TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: sortKey, AttributeType: 'S' },
      { AttributeName: gsi1.partitionKey, AttributeType: 'S' },
      { AttributeName: gsi1.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: gsi1.name,
        KeySchema: [
          { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
