/**
 * `/charter audit`: the Slack handler records the request (entity "audit-request", on the stream filter) and
 * the reconciler, woken by the change feed, runs the drift audit. So the Slack handler never calls SCC, the
 * dashboard, S3 or Slack's history itself: it writes and acks, as for every other command.
 */
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditRequestKey } from './keys';
import { randomCode } from './random-ids';

export const AUDIT_REQUEST_ENTITY = 'audit-request';

export class AuditRequestStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records one request; returns its id. Kept a day (TTL): the stream has handed it over by then. */
  async request(requestedBy: string, now: Date): Promise<string> {
    const id = `${now
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}-${randomCode(8)}`;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...auditRequestKey(id),
          entity: AUDIT_REQUEST_ENTITY,
          requestId: id,
          requestedBy,
          at: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return id;
  }
}
