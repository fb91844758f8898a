/**
 * Builds the crew lifecycle from the clients the reconciler already has: its pipeline step (plans timers,
 * proposes replacements, handles "Remind again" and the completion report) and its timer handler (what a
 * firing timer does). Used by the reconciler's entry, `npm run dev` and the tests, so all run the same code.
 * Reads no environment: the caller passes the scheduler (EventBridge in AWS, local elsewhere) and the policy.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GuestMailSender, SccFollowUpClient, SlackThread } from '../clients';
import type { DeadlinePolicy } from '../domain';
import type { GuestPageUrl } from '../guest';
import {
  createTimerHandler,
  crewLifecycleStep,
  type FiredTimer,
  LifecycleStore,
  type TimerOutcome,
} from '../lifecycle';
import type { Logger } from '../logging';
import { DeliveryStore } from '../mail';
import type { PipelineStep, StepRecordStore } from '../pipeline';
import { OnceOnly, ThreadReplies } from '../pipeline';
import type { TimerScheduler } from '../scheduler';
import { type DynamoBookingStore, DynamoTimeOffStore } from '../store';

export interface CrewLifecycleDeps {
  doc: DynamoDBDocumentClient;
  tableName: string;
  store: DynamoBookingStore;
  stepRecords: Pick<StepRecordStore, 'get'>;
  slack: Pick<SlackThread, 'replyKeys' | 'postReply'> & Partial<Pick<SlackThread, 'postDirect'>>;
  scc: Pick<SccFollowUpClient, 'remind' | 'sendRoster'>;
  scheduler: TimerScheduler;
  /** Links to the guest page (GUEST_SITE_URL), in the completion message. */
  guestPageUrl: GuestPageUrl;
  /** Guest email through SCC: the guest's day-before timer sends it. */
  guestMail?: GuestMailSender;
  policy?: DeadlinePolicy;
  now?: () => Date;
  logger: Logger;
}

export interface CrewLifecycle {
  /** Runs after the pipeline's other steps (see crewLifecycleStep). */
  step: PipelineStep;
  /** What a firing timer does; throws when it should be retried. */
  handleTimer(timer: FiredTimer): Promise<TimerOutcome>;
  thread: ThreadReplies;
}

export function createCrewLifecycle(deps: CrewLifecycleDeps): CrewLifecycle {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'crew-lifecycle' });
  const thread = new ThreadReplies({
    thread: deps.slack,
    stepRecords: deps.stepRecords,
    once: new OnceOnly(deps.store),
  });
  const timeOff = new DynamoTimeOffStore(deps.doc, deps.tableName);
  // What SES reported about crew mail: a bounced person cannot answer (domain: unreachableCrew).
  const deliveries = new DeliveryStore(deps.doc, deps.tableName);
  const step = crewLifecycleStep({
    deliveries,
    store: deps.store,
    timeOff,
    lifecycle: new LifecycleStore(deps.doc, deps.tableName),
    scheduler: deps.scheduler,
    scc: deps.scc,
    thread,
    guestPageUrl: deps.guestPageUrl,
    ...(deps.policy ? { policy: deps.policy } : {}),
    now,
    logger,
  });
  const handleTimer = createTimerHandler({
    store: deps.store,
    timeOff,
    deliveries,
    scc: deps.scc,
    thread,
    ...(deps.guestMail ? { guestMail: deps.guestMail } : {}),
    ...(deps.policy ? { policy: deps.policy } : {}),
    now,
    logger,
  });
  return { step, handleTimer, thread };
}
