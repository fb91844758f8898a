/**
 * Replays the timers EventBridge Scheduler could not deliver. A timer whose invocations all failed lands in
 * the scheduler's dead-letter queue with the schedule's target input as the message body
 * (`{source: 'charter-ops.timer', timer: {name, payload}}`, see eventbridge-scheduler.ts and
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html). Replaying one means
 * scheduling it again, a minute from now, through the same scheduler (so a second failure lands in the DLQ
 * again, nothing is lost), and then deleting the message.
 *
 * Dry run unless `apply`: nothing is scheduled or deleted. Each message is hidden while the run lists it (a
 * receive with a visibility timeout of 0 would hand the same ten out again and again, and the rest would never
 * be seen) and made visible again at the end, so an `--apply` right after finds them all. A message that is
 * not a timer is never deleted: it is reported. Receives long-poll for a second: a short poll samples only
 * some of SQS's servers and may answer empty while messages wait, which would end the run early.
 * SQS calls used: ReceiveMessage (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html),
 * DeleteMessage (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html)
 * and ChangeMessageVisibility (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { TimerScheduler } from './timer';
import { isTimerEvent } from './timer-event';

export interface ReplayOptions {
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
  scheduler: TimerScheduler;
  /** Schedule and delete; without it, only report what would be replayed. */
  apply: boolean;
  now?: () => Date;
  /** How far from now replayed timers fire. */
  delayMs?: number;
  /** Stop after this many messages (a safety bound). */
  maxMessages?: number;
  /** How long a message stays hidden while it is replayed (seconds). */
  visibilityTimeoutSeconds?: number;
}

export interface ReplayedTimer {
  messageId: string;
  timer: string;
  kind: string;
  bookingId: string;
  /** Why the timer was dropped, as EventBridge Scheduler said (message attributes). */
  error?: string;
}

export interface ReplaySummary {
  apply: boolean;
  received: number;
  /** Scheduled again (apply) or would be (dry run). */
  replayed: ReplayedTimer[];
  /** Not a timer: left in the queue. */
  unreadable: { messageId: string; reason: string }[];
  /** Scheduling failed: left in the queue to try again. */
  failed: { messageId: string; timer: string; error: string }[];
  deleted: number;
}

export async function replayTimerDeadLetters(options: ReplayOptions): Promise<ReplaySummary> {
  const now = options.now ?? (() => new Date());
  const maxMessages = options.maxMessages ?? 1_000;
  const summary: ReplaySummary = {
    apply: options.apply,
    received: 0,
    replayed: [],
    unreadable: [],
    failed: [],
    deleted: 0,
  };
  const seen = new Set<string>();
  const listed: string[] = [];
  while (summary.received < maxMessages) {
    const { Messages = [] } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // Hidden while this run handles it, so the next receive hands out the next ones.
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
        MessageAttributeNames: ['All'],
      }),
    );
    const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      seen.add(message.MessageId as string);
      summary.received++;
      await replayOne(message, options, now, summary);
      if (!options.apply && message.ReceiptHandle) listed.push(message.ReceiptHandle);
    }
  }
  // A dry run gives every message back at once.
  for (const handle of listed) {
    await options.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: options.queueUrl,
        ReceiptHandle: handle,
        VisibilityTimeout: 0,
      }),
    );
  }
  return summary;
}

async function replayOne(
  message: Message,
  options: ReplayOptions,
  now: () => Date,
  summary: ReplaySummary,
): Promise<void> {
  const messageId = message.MessageId as string;
  let event: unknown;
  try {
    event = JSON.parse(message.Body ?? '');
  } catch {
    summary.unreadable.push({ messageId, reason: 'the body is not JSON' });
    return;
  }
  if (!isTimerEvent(event)) {
    summary.unreadable.push({ messageId, reason: 'the body is not a Charter Ops timer' });
    return;
  }
  const { name, payload } = event.timer;
  const error =
    message.MessageAttributes?.ERROR_MESSAGE?.StringValue ??
    message.MessageAttributes?.ERROR_CODE?.StringValue;
  const replayed: ReplayedTimer = {
    messageId,
    timer: name,
    kind: payload.kind,
    bookingId: payload.bookingId,
    ...(error ? { error } : {}),
  };
  if (!options.apply) {
    summary.replayed.push(replayed);
    return;
  }
  try {
    await options.scheduler.schedule({
      name,
      payload,
      at: new Date(now().getTime() + (options.delayMs ?? 60_000)),
    });
  } catch (cause) {
    summary.failed.push({
      messageId,
      timer: name,
      error: cause instanceof Error ? cause.message : String(cause),
    });
    return;
  }
  summary.replayed.push(replayed);
  await options.sqs.send(
    new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
  );
  summary.deleted++;
}

/** The summary a person reads. */
export function describeReplay(summary: ReplaySummary): string {
  const verb = summary.apply ? 'scheduled again' : 'would be scheduled again (dry run: add --apply)';
  const lines = [
    `${summary.received} message(s) in the dead-letter queue; ${summary.replayed.length} ${verb}.`,
  ];
  for (const t of summary.replayed)
    lines.push(`  ${t.kind} ${t.bookingId} (${t.timer})${t.error ? `: dropped because ${t.error}` : ''}`);
  for (const u of summary.unreadable) lines.push(`  left in the queue, ${u.reason}: message ${u.messageId}`);
  for (const f of summary.failed)
    lines.push(`  could not schedule ${f.timer}, left in the queue: ${f.error}`);
  if (summary.apply) lines.push(`${summary.deleted} message(s) deleted.`);
  return lines.join('\n');
}
