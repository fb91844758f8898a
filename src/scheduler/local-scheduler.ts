/**
 * Timers for `npm run dev` and tests: kept in the table (TIMER#<name> / TIMER, GSI1 TIMER / <dueAt>#<name>)
 * so they survive a restart, fired by `runDue()` against an injectable clock — tests move the clock instead
 * of waiting. Same interface as the EventBridge scheduler. Never used in AWS.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { INDEX_PARTITION, indexKeys, queryAll, TABLE_KEYS, timerKey } from '../store';
import type { Clock, Timer, TimerPayload, TimerScheduler } from './timer';

export type TimerHandler = (timer: { name: string; payload: TimerPayload }) => Promise<unknown>;

const key = timerKey;

export class LocalTimerScheduler implements TimerScheduler {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async schedule(timer: Timer): Promise<void> {
    const dueAt = timer.at.toISOString();
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(timer.name),
          ...indexKeys.timer(dueAt, timer.name),
          entity: 'timer',
          name: timer.name,
          dueAt,
          payload: timer.payload,
        },
      }),
    );
  }

  async cancel(name: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key(name) }));
  }

  /** Timers not yet fired, soonest first (for tests and the dev stack's status page). */
  async pending(): Promise<Timer[]> {
    return this.query('~');
  }

  /**
   * Fires every timer due at the clock's now, oldest first, and removes it once its handler succeeded.
   * A handler that throws leaves its timer to be fired again on the next run, as EventBridge would retry.
   */
  async runDue(handler: TimerHandler): Promise<number> {
    const due = await this.query(`${this.clock.now().toISOString()}~`);
    let fired = 0;
    for (const timer of due) {
      try {
        await handler({ name: timer.name, payload: timer.payload });
        fired++;
      } catch {
        continue;
      }
      // Only remove the firing we handled: a timer moved meanwhile keeps its new time.
      await this.doc
        .send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: key(timer.name),
            ConditionExpression: 'dueAt = :dueAt',
            ExpressionAttributeValues: { ':dueAt': timer.at.toISOString() },
          }),
        )
        .catch((error: { name?: string }) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    }
    return fired;
  }

  private async query(upper: string): Promise<Timer[]> {
    const { gsi1 } = TABLE_KEYS;
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: gsi1.name,
      KeyConditionExpression: '#pk = :pk AND #sk <= :upper',
      ExpressionAttributeNames: { '#pk': gsi1.partitionKey, '#sk': gsi1.sortKey },
      ExpressionAttributeValues: { ':pk': INDEX_PARTITION.timer, ':upper': upper },
    });
    return items.map((item) => ({
      name: String(item.name),
      at: new Date(String(item.dueAt)),
      payload: item.payload as TimerPayload,
    }));
  }
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
