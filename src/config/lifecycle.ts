/**
 * Configuration of the crew lifecycle (answer deadlines, reminders, the day-before roster) and of where its
 * timers run: EventBridge Scheduler in AWS (the infra gives the reconciler its schedule group and the role
 * the scheduler assumes), the local store-backed scheduler otherwise. Read once at start-up.
 */
import { z } from 'zod';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../domain';
import { type Env, optional, parseEnv, positiveInt } from './env';

export interface LifecycleConfig {
  policy: DeadlinePolicy;
  /** EventBridge Scheduler; absent → timers run on the local scheduler (npm run dev, tests). */
  eventBridge?: { groupName: string; roleArn: string; deadLetterArn?: string };
}

const lifecycleEnv = {
  CREW_ANSWER_WITHIN_HOURS: positiveInt(
    DEFAULT_DEADLINE_POLICY.answerWithinHours,
    'the hours crew have to answer an invite, e.g. 48',
  ),
  CREW_ANSWER_LATEST_BEFORE_START_HOURS: positiveInt(
    DEFAULT_DEADLINE_POLICY.latestBeforeStartHours,
    'how many hours before the charter answers are due at the latest, e.g. 24',
  ),
  CREW_ROSTER_LOCAL_TIME: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? DEFAULT_DEADLINE_POLICY.rosterLocalTime : v))
    .pipe(
      z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
        error: 'set it to the local time of the day-before roster email, HH:MM, e.g. 09:00',
      }),
    ),
  SCHEDULE_GROUP_NAME: optional(),
  SCHEDULER_ROLE_ARN: optional(),
  /** The SQS queue a timer goes to when EventBridge Scheduler gives up invoking its target. */
  SCHEDULER_DLQ_ARN: optional(),
};

export function loadLifecycleConfig(env: Env): LifecycleConfig {
  const parsed = parseEnv(lifecycleEnv, env);
  const policy: DeadlinePolicy = {
    answerWithinHours: parsed.CREW_ANSWER_WITHIN_HOURS,
    latestBeforeStartHours: parsed.CREW_ANSWER_LATEST_BEFORE_START_HOURS,
    rosterLocalTime: parsed.CREW_ROSTER_LOCAL_TIME,
  };
  const { SCHEDULE_GROUP_NAME: groupName, SCHEDULER_ROLE_ARN: roleArn } = parsed;
  if (Boolean(groupName) !== Boolean(roleArn)) {
    // One without the other would schedule timers nobody can fire: say so at start-up.
    parseEnv(
      {
        SCHEDULE_GROUP_NAME: z.string({ error: 'set it together with SCHEDULER_ROLE_ARN' }),
        SCHEDULER_ROLE_ARN: z.string({ error: 'set it together with SCHEDULE_GROUP_NAME' }),
      },
      env,
    );
  }
  const deadLetterArn = parsed.SCHEDULER_DLQ_ARN;
  return {
    policy,
    ...(groupName && roleArn
      ? { eventBridge: { groupName, roleArn, ...(deadLetterArn ? { deadLetterArn } : {}) } }
      : {}),
  };
}
