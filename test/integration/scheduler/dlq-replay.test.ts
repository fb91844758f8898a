/**
 * `npm run dlq:replay` against the SQS stand-in (real @aws-sdk/client-sqs on the wire) and the local timer
 * scheduler on DynamoDB Local: timers in the dead-letter queue are scheduled again and their messages
 * deleted; anything else stays in the queue. Throttling and faults stay in the unit test
 * (test/unit/scheduler/dlq-replay.test.ts, aws-sdk-client-mock).
 */
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsLocal, startSqsLocal } from '../../../src/dev/stand-ins/sqs-local';
import { describeReplay, replayTimerDeadLetters } from '../../../src/scheduler/dlq-replay';
import { LocalTimerScheduler, ManualClock } from '../../../src/scheduler/local-scheduler';
import type { TimerPayload } from '../../../src/scheduler/timer';
import { createTestTable, type TestTable } from '../../helpers/dynamo';

const clock = new ManualClock(new Date('2026-12-05T14:00:00Z'));
let table: TestTable;
let sqs: SqsLocal;
let client: SQSClient;

beforeAll(async () => {
  table = await createTestTable('dlq-replay');
  sqs = await startSqsLocal({ now: () => clock.now() });
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await sqs?.stop();
  table?.client.destroy();
});

let queues = 0;
/** A dead-letter queue holding `bodies`, each with the error attributes EventBridge Scheduler adds. */
async function deadLetterQueue(bodies: string[]): Promise<{ url: string; name: string }> {
  const name = `ScheduleDeadLetterQueue-${++queues}`;
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name }));
  for (const MessageBody of bodies) {
    await client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody,
        MessageAttributes: {
          ERROR_CODE: { DataType: 'String', StringValue: 'TooManyRequestsException' },
          ERROR_MESSAGE: { DataType: 'String', StringValue: 'Lambda was throttled' },
        },
      }),
    );
  }
  return { url: QueueUrl as string, name };
}

function timerBody(bookingId: string, kind: TimerPayload['kind'] = 'retry') {
  const payload: TimerPayload = {
    kind,
    bookingId,
    revision: 3,
    ...(kind === 'retry' ? { step: 'scc-event' } : {}),
  };
  return JSON.stringify({ source: 'charter-ops.timer', timer: { name: `${kind}.${bookingId}`, payload } });
}

describe('npm run dlq:replay against a local SQS', () => {
  it('schedules each timer again a minute from now on the scheduler and deletes its message; the rest stays', async () => {
    const scheduler = new LocalTimerScheduler(table.doc, table.tableName, clock);
    const dlq = await deadLetterQueue([
      timerBody('bk-replay-1'),
      'not json',
      timerBody('bk-replay-2', 'deadline'),
      JSON.stringify({ source: 'aws.events', detail: {} }),
    ]);

    const summary = await replayTimerDeadLetters({
      sqs: client,
      queueUrl: dlq.url,
      scheduler,
      apply: true,
      now: () => clock.now(),
    });

    expect(summary).toMatchObject({ received: 4, deleted: 2, failed: [] });
    expect(summary.unreadable.map((u) => u.reason)).toEqual([
      'the body is not JSON',
      'the body is not a Charter Ops timer',
    ]);
    expect(sqs.messages(dlq.name).map((m) => m.body)).toEqual([
      'not json',
      JSON.stringify({ source: 'aws.events', detail: {} }),
    ]);
    const pending = (await scheduler.pending()).filter((t) => t.payload.bookingId.startsWith('bk-replay-'));
    expect(pending.map((t) => [t.name, t.at.toISOString()])).toEqual([
      ['deadline.bk-replay-2', '2026-12-05T14:01:00.000Z'],
      ['retry.bk-replay-1', '2026-12-05T14:01:00.000Z'],
    ]);
    expect(describeReplay(summary)).toContain(
      'retry bk-replay-1 (retry.bk-replay-1): dropped because Lambda was throttled',
    );

    // A minute later the local scheduler fires them, as EventBridge Scheduler would.
    clock.advance(60_000);
    const fired: string[] = [];
    await scheduler.runDue(async (timer) => {
      if (timer.payload.bookingId.startsWith('bk-replay-')) fired.push(timer.name);
    });
    expect(fired.sort()).toEqual(['deadline.bk-replay-2', 'retry.bk-replay-1']);
  });

  it('a dry run lists every timer, more than one receive holds, and leaves the queue as it was', async () => {
    const scheduler = new LocalTimerScheduler(table.doc, table.tableName, clock);
    const ids = Array.from({ length: 23 }, (_, i) => `bk-dry-${String(i).padStart(2, '0')}`);
    const dlq = await deadLetterQueue(ids.map((id) => timerBody(id)));

    const summary = await replayTimerDeadLetters({
      sqs: client,
      queueUrl: dlq.url,
      scheduler,
      apply: false,
      now: () => clock.now(),
    });

    expect(summary.replayed.map((t) => t.bookingId).sort()).toEqual(ids);
    expect(summary.deleted).toBe(0);
    expect((await scheduler.pending()).filter((t) => t.payload.bookingId.startsWith('bk-dry-'))).toEqual([]);
    // Still there, and visible again at once: an --apply right after finds them all.
    const again = await replayTimerDeadLetters({
      sqs: client,
      queueUrl: dlq.url,
      scheduler,
      apply: true,
      now: () => clock.now(),
    });
    expect(again.deleted).toBe(23);
    expect(sqs.messages(dlq.name)).toEqual([]);
  });

  it('replays a queue of more than ten timers in one run', async () => {
    const scheduler = new LocalTimerScheduler(table.doc, table.tableName, clock);
    const ids = Array.from({ length: 14 }, (_, i) => `bk-many-${i}`);
    const dlq = await deadLetterQueue(ids.map((id) => timerBody(id)));

    const summary = await replayTimerDeadLetters({
      sqs: client,
      queueUrl: dlq.url,
      scheduler,
      apply: true,
      now: () => clock.now(),
    });

    expect(summary.deleted).toBe(14);
    expect(sqs.messages(dlq.name)).toEqual([]);
    expect(
      (await scheduler.pending()).filter((t) => t.payload.bookingId.startsWith('bk-many-')),
    ).toHaveLength(14);
  });
});
