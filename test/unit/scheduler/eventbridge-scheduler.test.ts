/** Error paths of the EventBridge adapter (there is no local EventBridge Scheduler to integrate against). */
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeTimerScheduler } from '../../../src/scheduler';

const scheduler = mockClient(SchedulerClient);
const target = { groupName: 'charter-ops', targetArn: 'arn:aws:lambda:fn', roleArn: 'arn:aws:iam::1:role/r' };
const timer = {
  name: 'reminder.bk-1.ben',
  at: new Date('2026-12-02T10:00:00.000Z'),
  payload: { kind: 'reminder' as const, bookingId: 'bk-1', revision: 2, crewId: 'ben' },
};

beforeEach(() => scheduler.reset());

describe('EventBridgeTimerScheduler', () => {
  it('creates a one-time UTC schedule that deletes itself after firing', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    await new EventBridgeTimerScheduler(new SchedulerClient({}), target).schedule(timer);
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Name: 'reminder.bk-1.ben',
      ScheduleExpression: 'at(2026-12-02T10:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(JSON.parse(String(input?.Target?.Input))).toEqual({
      source: 'charter-ops.timer',
      timer: { name: timer.name, payload: timer.payload },
    });
  });

  it('updates the schedule when one of that name exists already', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await new EventBridgeTimerScheduler(new SchedulerClient({}), target).schedule(timer);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
  });

  it('treats cancelling a schedule that is already gone as done', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));
    await expect(
      new EventBridgeTimerScheduler(new SchedulerClient({}), target).cancel('x'),
    ).resolves.toBeUndefined();
  });

  it('passes other failures on', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(new Error('throttled'));
    await expect(new EventBridgeTimerScheduler(new SchedulerClient({}), target).cancel('x')).rejects.toThrow(
      'throttled',
    );
  });
});
