/**
 * `npm run dlq:replay -- <scheduler DLQ URL> [--apply]`: reads the timers EventBridge Scheduler could not
 * deliver and schedules each again a minute from now (dlq-replay.ts). A dry run unless --apply. The DLQ URL is
 * the stack output ScheduleDeadLetterQueueUrl; the schedule group, the scheduler role, the reconciler's ARN
 * and the DLQ's ARN come from SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, RECONCILER_FUNCTION_ARN and
 * SCHEDULER_DLQ_ARN (the reconciler's own environment, in the Lambda console).
 *
 * Never prints a message body beyond the timer's kind, booking id and name.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describeReplay, replayTimerDeadLetters } from './dlq-replay';
import { EventBridgeTimerScheduler } from './eventbridge-scheduler';

const USAGE =
  'usage: npm run dlq:replay -- <scheduler DLQ URL> [--apply]\n' +
  '  env: SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, RECONCILER_FUNCTION_ARN (needed with --apply), SCHEDULER_DLQ_ARN';

async function main(argv: readonly string[]): Promise<number> {
  const apply = argv.includes('--apply');
  const queueUrl = argv.find((a) => !a.startsWith('--'));
  if (!queueUrl || !/^https?:\/\//.test(queueUrl)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const env = process.env;
  const missing = ['SCHEDULE_GROUP_NAME', 'SCHEDULER_ROLE_ARN', 'RECONCILER_FUNCTION_ARN'].filter(
    (k) => !env[k],
  );
  if (apply && missing.length > 0) {
    process.stderr.write(`${missing.join(', ')} not set.\n${USAGE}\n`);
    return 2;
  }
  const scheduler = new EventBridgeTimerScheduler(new SchedulerClient({}), {
    groupName: env.SCHEDULE_GROUP_NAME ?? '',
    roleArn: env.SCHEDULER_ROLE_ARN ?? '',
    targetArn: env.RECONCILER_FUNCTION_ARN ?? '',
    ...(env.SCHEDULER_DLQ_ARN ? { deadLetterArn: env.SCHEDULER_DLQ_ARN } : {}),
  });
  const summary = await replayTimerDeadLetters({ sqs: new SQSClient({}), queueUrl, scheduler, apply });
  process.stdout.write(`${describeReplay(summary)}\n`);
  return summary.failed.length > 0 || summary.unreadable.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
