import { describe, expect, it } from 'vitest';
import { loadLifecycleConfig } from '../../../src/config/lifecycle';
import { DEFAULT_DEADLINE_POLICY } from '../../../src/domain';
import { isTimerEvent } from '../../../src/scheduler/timer-event';

describe('timer events', () => {
  const timer = {
    name: 'reminder.bk-1.ben',
    payload: { kind: 'reminder', bookingId: 'bk-1', revision: 2, crewId: 'ben' },
  };

  it('recognises what EventBridge Scheduler invokes the reconciler with', () => {
    expect(isTimerEvent({ source: 'charter-ops.timer', timer })).toBe(true);
  });

  it('does not mistake a stream batch or a malformed timer for one', () => {
    expect(isTimerEvent({ Records: [] })).toBe(false);
    expect(
      isTimerEvent({
        source: 'charter-ops.timer',
        timer: { ...timer, payload: { ...timer.payload, kind: 'x' } },
      }),
    ).toBe(false);
    expect(isTimerEvent(undefined)).toBe(false);
  });
});

describe('lifecycle configuration', () => {
  it('defaults to 48 hours, 24 hours before start, roster at 09:00, local timers', () => {
    expect(loadLifecycleConfig({})).toEqual({ policy: DEFAULT_DEADLINE_POLICY });
  });

  it('reads the policy and the EventBridge schedule group', () => {
    const config = loadLifecycleConfig({
      CREW_ANSWER_WITHIN_HOURS: '24',
      CREW_ANSWER_LATEST_BEFORE_START_HOURS: '12',
      CREW_ROSTER_LOCAL_TIME: '08:30',
      SCHEDULE_GROUP_NAME: 'charter-ops',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
    });
    expect(config).toEqual({
      policy: { answerWithinHours: 24, latestBeforeStartHours: 12, rosterLocalTime: '08:30' },
      eventBridge: { groupName: 'charter-ops', roleArn: 'arn:aws:iam::123456789012:role/scheduler' },
    });
  });

  it('names a bad roster time, and a schedule group without its role', () => {
    expect(() => loadLifecycleConfig({ CREW_ROSTER_LOCAL_TIME: '9am' })).toThrow(/CREW_ROSTER_LOCAL_TIME/);
    expect(() => loadLifecycleConfig({ SCHEDULE_GROUP_NAME: 'g' })).toThrow(/SCHEDULER_ROLE_ARN/);
  });
});
