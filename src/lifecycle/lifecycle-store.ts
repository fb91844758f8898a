/**
 * What the crew lifecycle remembers between runs: the timers it last scheduled for a booking, so a new plan
 * knows which to move and which to cancel (EventBridge Scheduler cannot be asked "what do you have for this
 * booking" cheaply). The only code that knows this key:
 *
 *   LIFECYCLE#<bookingId> / TIMERS    {timers: {<name>: <ISO time>}} (entity "lifecycle-timers")
 *
 * Not on the pipeline's stream filter: writing it never wakes the reconciler.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { lifecycleTimersKey } from '../store';

const key = lifecycleTimersKey;

export type ScheduledTimers = ReadonlyMap<string, string>;

export class LifecycleStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The timers last scheduled for the booking: name → ISO time. */
  async scheduledTimers(bookingId: string): Promise<ScheduledTimers> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key(bookingId), ConsistentRead: true }),
    );
    return new Map(Object.entries((Item?.timers as Record<string, string> | undefined) ?? {}));
  }

  async saveScheduledTimers(bookingId: string, timers: ScheduledTimers, at: Date): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(bookingId),
          entity: 'lifecycle-timers',
          bookingId,
          timers: Object.fromEntries(timers),
          updatedAt: at.toISOString(),
        },
      }),
    );
  }
}
