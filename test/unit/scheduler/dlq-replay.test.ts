/**
 * The scheduler DLQ replay. The SQS transport is aws-sdk-client-mock (a queue stand-in of our own is not
 * written yet); the mock keeps a tiny queue model honest to the calls used: ReceiveMessage returns visible
 * messages and hides them for VisibilityTimeout seconds, DeleteMessage needs the receipt handle it handed out.
 */
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { describeReplay, replayTimerDeadLetters } from '../../../src/scheduler/dlq-replay';
import type { Timer, TimerScheduler } from '../../../src/scheduler/timer';

const QUEUE = 'https://sqs.us-west-2.amazonaws.com/123456789012/ScheduleDeadLetterQueue';
const sqsMock = mockClient(SQSClient);
afterEach(() => sqsMock.reset());

function timerBody(name: string, bookingId: string) {
  return JSON.stringify({
    source: 'charter-ops.timer',
    timer: { name, payload: { kind: 'retry', bookingId, revision: 3, step: 'scc-event' } },
  });
}

/** A queue model behind the mock: visibility timeouts and receipt handles as SQS has them. */
function queueOf(bodies: string[]) {
  let clock = 0;
  const messages = bodies.map((body, i) => ({ id: `m${i}`, body, hiddenUntil: 0, handle: '' }));
  sqsMock.on(ReceiveMessageCommand).callsFake((input) => {
    const visible = messages.filter((m) => m.hiddenUntil <= clock).slice(0, input.MaxNumberOfMessages ?? 1);
    return {
      Messages: visible.map((m): Message => {
        m.handle = `${m.id}-${clock++}`;
        m.hiddenUntil = clock + (input.VisibilityTimeout ?? 30);
        return {
          MessageId: m.id,
          ReceiptHandle: m.handle,
          Body: m.body,
          MessageAttributes: { ERROR_MESSAGE: { DataType: 'String', StringValue: 'Lambda was throttled' } },
        };
      }),
    };
  });
  sqsMock.on(DeleteMessageCommand).callsFake((input) => {
    const at = messages.findIndex((m) => m.handle === input.ReceiptHandle);
    if (at === -1)
      throw Object.assign(new Error('ReceiptHandleIsInvalid'), { name: 'ReceiptHandleIsInvalid' });
    messages.splice(at, 1);
    return {};
  });
  return messages;
}

function recordingScheduler(failFor?: string): TimerScheduler & { scheduled: Timer[] } {
  const scheduled: Timer[] = [];
  return {
    scheduled,
    async schedule(timer) {
      if (timer.name === failFor) throw new Error('AccessDenied');
      scheduled.push(timer);
    },
    async cancel() {},
  };
}

const now = () => new Date('2026-12-05T14:00:00Z');

describe('npm run dlq:replay (scheduler DLQ)', () => {
  it('is a dry run by default: reports each timer, schedules nothing, deletes nothing', async () => {
    const queue = queueOf([
      timerBody('retry.bk-1.scc-event', 'bk-1'),
      timerBody('retry.bk-2.scc-event', 'bk-2'),
    ]);
    const scheduler = recordingScheduler();

    const summary = await replayTimerDeadLetters({
      sqs: new SQSClient({}),
      queueUrl: QUEUE,
      scheduler,
      apply: false,
      now,
    });

    expect(summary.replayed.map((t) => t.bookingId)).toEqual(['bk-1', 'bk-2']);
    expect(scheduler.scheduled).toEqual([]);
    expect(queue).toHaveLength(2);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.VisibilityTimeout).toBe(0);
    expect(describeReplay(summary)).toMatch(/dry run: add --apply/);
  });

  it('with --apply schedules each timer again a minute from now, then deletes its message', async () => {
    const queue = queueOf([timerBody('retry.bk-1.scc-event', 'bk-1')]);
    const scheduler = recordingScheduler();

    const summary = await replayTimerDeadLetters({
      sqs: new SQSClient({}),
      queueUrl: QUEUE,
      scheduler,
      apply: true,
      now,
    });

    expect(scheduler.scheduled).toEqual([
      {
        name: 'retry.bk-1.scc-event',
        at: new Date('2026-12-05T14:01:00Z'),
        payload: { kind: 'retry', bookingId: 'bk-1', revision: 3, step: 'scc-event' },
      },
    ]);
    expect(queue).toEqual([]);
    expect(summary).toMatchObject({ received: 1, deleted: 1 });
    expect(describeReplay(summary)).toContain(
      'retry bk-1 (retry.bk-1.scc-event): dropped because Lambda was throttled',
    );
  });

  it('keeps what it cannot replay in the queue and says why', async () => {
    const queue = queueOf([
      'not json',
      JSON.stringify({ hello: 1 }),
      timerBody('retry.bk-3.scc-event', 'bk-3'),
    ]);
    const scheduler = recordingScheduler('retry.bk-3.scc-event');

    const summary = await replayTimerDeadLetters({
      sqs: new SQSClient({}),
      queueUrl: QUEUE,
      scheduler,
      apply: true,
      now,
    });

    expect(summary.unreadable.map((u) => u.reason)).toEqual([
      'the body is not JSON',
      'the body is not a Charter Ops timer',
    ]);
    expect(summary.failed).toEqual([
      { messageId: 'm2', timer: 'retry.bk-3.scc-event', error: 'AccessDenied' },
    ]);
    expect(summary.deleted).toBe(0);
    expect(queue).toHaveLength(3);
  });
});
