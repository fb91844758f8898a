/**
 * Timers on Amazon EventBridge Scheduler: one one-time `at()` schedule per timer, deleted by the service after
 * it fires. Create is idempotent by name (an existing schedule is updated instead).
 */
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { Timer, TimerScheduler } from './timer';

export interface EventBridgeTarget {
  groupName: string;
  /** The function the schedule invokes with the timer's payload. */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke it. */
  roleArn: string;
  /**
   * Where a timer goes when its retries are spent, so nothing scheduled is dropped
   * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html); replayed with
   * `npm run dlq:replay -- <queue URL>`.
   */
  deadLetterArn?: string;
}

/** `at()` takes local time without zone; we always pass UTC and say so. */
function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}

export class EventBridgeTimerScheduler implements TimerScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly target: EventBridgeTarget,
  ) {}

  async schedule(timer: Timer): Promise<void> {
    const input: CreateScheduleCommandInput = {
      Name: timer.name,
      GroupName: this.target.groupName,
      ScheduleExpression: atExpression(timer.at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.target.targetArn,
        RoleArn: this.target.roleArn,
        Input: JSON.stringify({
          source: 'charter-ops.timer',
          timer: { name: timer.name, payload: timer.payload },
        }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
        ...(this.target.deadLetterArn ? { DeadLetterConfig: { Arn: this.target.deadLetterArn } } : {}),
      },
    };
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
