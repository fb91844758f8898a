/**
 * The scheduler DLQ replay's decisions, on aws-sdk-client-mock: what is scheduled, what is kept and why, and
 * a scheduler that fails. The replay against a real SQS wire (the stand-in src/dev/stand-ins/sqs-local.ts)
 * and the local scheduler is test/integration/scheduler/dlq-replay.test.ts. The mock keeps a tiny queue model
 * honest to the calls used: ReceiveMessage returns visible messages and hides them for VisibilityTimeout
 * seconds, DeleteMessage needs the receipt handle it handed out, ChangeMessageVisibility shows one again.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
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
  sqsMock.on(ChangeMessageVisibilityCommand).callsFake((input) => {
    const message = messages.find((m) => m.handle === input.ReceiptHandle);
    if (!message)
      throw Object.assign(new Error('ReceiptHandleIsInvalid'), { name: 'ReceiptHandleIsInvalid' });
    message.hiddenUntil = clock + (input.VisibilityTimeout ?? 0);
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

const sqs = () => new SQSClient({ region: 'us-west-2', maxAttempts: 1 });

describe('npm run dlq:replay (scheduler DLQ): faults', () => {
  it('keeps a timer the scheduler refused in the queue, and what is no timer, and says why', async () => {
    const queue = queueOf([
      'not json',
      JSON.stringify({ hello: 1 }),
      timerBody('retry.bk-3.scc-event', 'bk-3'),
    ]);
    const scheduler = recordingScheduler('retry.bk-3.scc-event');

    const summary = await replayTimerDeadLetters({
      sqs: sqs(),
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
    expect(describeReplay(summary)).toContain('could not schedule retry.bk-3.scc-event, left in the queue');
  });

  it('stops with SQS’s error when the receive is throttled, having scheduled and deleted nothing', async () => {
    const queue = queueOf([timerBody('retry.bk-4.scc-event', 'bk-4')]);
    sqsMock
      .on(ReceiveMessageCommand)
      .rejects(Object.assign(new Error('Request is throttled.'), { name: 'RequestThrottled' }));
    const scheduler = recordingScheduler();

    await expect(
      replayTimerDeadLetters({ sqs: sqs(), queueUrl: QUEUE, scheduler, apply: true, now }),
    ).rejects.toThrow('Request is throttled.');
    expect(scheduler.scheduled).toEqual([]);
    expect(queue).toHaveLength(1);
  });

  it('a delete that fails after scheduling surfaces; the timer is scheduled and a rerun schedules the same name', async () => {
    const queue = queueOf([timerBody('retry.bk-5.scc-event', 'bk-5')]);
    sqsMock
      .on(DeleteMessageCommand)
      .rejectsOnce(Object.assign(new Error('Service unavailable'), { name: 'InternalError' }));
    const scheduler = recordingScheduler();

    await expect(
      replayTimerDeadLetters({ sqs: sqs(), queueUrl: QUEUE, scheduler, apply: true, now }),
    ).rejects.toThrow('Service unavailable');
    expect(scheduler.scheduled.map((t) => t.name)).toEqual(['retry.bk-5.scc-event']);
    expect(queue).toHaveLength(1);
  });
});
