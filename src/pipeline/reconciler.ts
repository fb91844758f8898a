/**
 * The reconciler: given a booking id, it loads the booking and runs, in order, every step whose recorded
 * outcome is missing or older than the booking's revision (SCC event → calendar entry → guest page →
 * invalidation → Slack thread), each under its own claim, with retries for transient failures.
 *
 * It is the only code that decides what the pipeline does next. It never writes a booking except to move
 * its status when the captain answers (confirmed ↔ pending), through the store's revision-guarded setStatus.
 * It may be run twice, concurrently, or after a crash at any point: the claims in step-records.ts and the
 * steps' own idempotency make every outside side effect happen once.
 */
import { randomUUID } from 'node:crypto';
import type { BackgroundRetrySettings, RetrySettings } from '../config';
import {
  type Booking,
  type BookingStatus,
  captainOf,
  type HistoryEntry,
  isWhenOrBoatChange,
} from '../domain';
import { StaleRevisionError } from '../errors';
import type { Logger } from '../logging';
import { type BusinessMetrics, METRIC, noBusinessMetrics } from '../observability';
import { describeFailure, realSleep, retryTransient, type Sleep, type StepFailure } from '../retry';
import type { TimerScheduler } from '../scheduler';
import type { DynamoBookingStore } from '../store';
import { decideRetry, isRetryDue, retryTimer, type StepRetry } from './background-retry';
import {
  LeaseLostError,
  type StepName,
  type StepRecord,
  type StepRecordStore,
  type StepStatus,
} from './step-records';
import type { PipelineStep } from './steps/step';

/** Who the history says moved a booking's status when the captain answered. */
export const PIPELINE_ACTOR = 'pipeline';

const MAX_PASSES = 4;

export type BookingPort = Pick<
  DynamoBookingStore,
  'getBooking' | 'setStatus' | 'listConfirmations' | 'listHistory'
>;

export interface ReconcilerDeps {
  store: BookingPort;
  stepRecords: StepRecordStore;
  /** In the order they run. */
  steps: readonly PipelineStep[];
  retry: RetrySettings;
  leaseMs: number;
  logger: Logger;
  /** Counts failed, retried and waiting steps and the time from a write to all green. */
  metrics?: BusinessMetrics;
  /** Longest wait for another reconciler's claim before this run gives up (and is retried). */
  maxWaitMs?: number;
  /** Identifies this reconciler's claims; unique per process by default. */
  owner?: string;
  sleep?: Sleep;
  random?: () => number;
  /**
   * Background retries (background-retry.ts): a step whose run ended in a transient failure gets a timer that
   * runs it again later. Without it, every failed step waits for the Retry button.
   */
  background?: { settings: BackgroundRetrySettings; scheduler: TimerScheduler; now?: () => Date };
}

export interface ReconcileOptions {
  /** Run steps that failed at this revision again (the "Retry failed steps" button). */
  retryFailed?: boolean;
  /** Run failed steps whose background retry is due (a retry timer fired). */
  retryDue?: boolean;
}

export type ReconcileStatus =
  /** Every step is done at the booking's revision. */
  | 'converged'
  /** At least one step failed and waits for the Retry button; the thread says so. */
  | 'failed'
  /** Some steps are not done at this revision yet (they wait for a failed one, or another reconciler). */
  | 'incomplete'
  /** Another reconciler took over a step (our claim lapsed); it finishes the run. */
  | 'handed-over'
  | 'missing';

export interface ReconcileOutcome {
  bookingId: string;
  status: ReconcileStatus;
  revision?: number;
  steps: Partial<Record<StepName, StepStatus>>;
}

/** Thrown when another reconciler holds a step longer than we are willing to wait; the caller retries. */
export class StepBusyError extends Error {
  override readonly name = 'StepBusyError';
}

type StepRun =
  | { kind: 'succeeded' | 'failed' | 'done' | 'skipped'; record: StepRecord }
  | { kind: 'stale' }
  | { kind: 'lost' };

export interface Reconciler {
  reconcileBooking(bookingId: string, options?: ReconcileOptions): Promise<ReconcileOutcome>;
  readonly owner: string;
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const owner = deps.owner ?? `reconciler-${randomUUID()}`;
  const sleep = deps.sleep ?? realSleep;
  const maxWaitMs = deps.maxWaitMs ?? deps.leaseMs * 2;
  const pollMs = Math.max(20, Math.min(250, Math.floor(deps.leaseMs / 4)));
  const now = deps.background?.now ?? (() => new Date());
  const metrics = deps.metrics ?? noBusinessMetrics;
  const retryNow = (options: ReconcileOptions, record: StepRecord | undefined, revision: number) =>
    options.retryFailed === true ||
    (options.retryDue === true && record?.status === 'failed' && isRetryDue(record.retry, revision, now()));

  async function reconcileBooking(
    bookingId: string,
    options: ReconcileOptions = {},
  ): Promise<ReconcileOutcome> {
    const logger = deps.logger.child({ bookingId });
    let outcome: ReconcileOutcome = { bookingId, status: 'missing', steps: {} };
    let ranAny = false;
    let writtenAt: string | undefined;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const loaded = await deps.store.getBooking(bookingId);
      if (!loaded) {
        logger.warn('booking not found; nothing to reconcile');
        return outcome;
      }
      const booking = await followCaptain(loaded, logger);
      const records = await deps.stepRecords.list(bookingId);
      const run = await runSteps(booking, records, options, logger);
      if (run !== 'idle') ranAny = true;
      writtenAt = booking.updatedAt;
      if (run === 'lost') return { ...summarise(deps.steps, booking, records), status: 'handed-over' };
      outcome = summarise(deps.steps, booking, records);
      if (run === 'stale') continue;
      // A write that landed while we worked has its own stream record, but finishing it now is cheaper.
      const latest = await deps.store.getBooking(bookingId);
      if (!latest || latest.revision === booking.revision) break;
    }
    logger.info('reconciled', { revision: outcome.revision, status: outcome.status, steps: outcome.steps });
    // All green because of this run (not a no-op pass over a booking that already was): how long it took.
    if (outcome.status === 'converged' && ranAny && writtenAt) {
      metrics.record(METRIC.timeToAllGreen, Math.max(0, now().getTime() - Date.parse(writtenAt)));
    }
    return outcome;
  }

  async function runSteps(
    booking: Booking,
    records: Map<StepName, StepRecord>,
    options: ReconcileOptions,
    logger: Logger,
  ): Promise<'ok' | 'idle' | 'stale' | 'lost'> {
    let ran = false;
    // In order; then once more for steps that show the others' outcomes (the calendar's progress), since
    // the steps after them have moved on since they ran.
    const sweeps = [deps.steps, deps.steps.filter((step) => step.isStale)];
    for (const sweep of sweeps) {
      for (const step of sweep) {
        const record = records.get(step.name);
        if (!(await isDue(step, booking, record, records, retryNow(options, record, booking.revision))))
          continue;
        if (!dependenciesMet(step, booking, records)) continue;
        const run = await runStep(step, booking, record, records, options, logger.child({ step: step.name }));
        if (run.kind === 'stale' || run.kind === 'lost') return run.kind;
        if (run.kind === 'succeeded' || run.kind === 'failed') ran = true;
        records.set(step.name, run.record);
      }
    }
    return ran ? 'ok' : 'idle';
  }

  async function runStep(
    step: PipelineStep,
    booking: Booking,
    seen: StepRecord | undefined,
    records: ReadonlyMap<StepName, StepRecord>,
    options: ReconcileOptions,
    logger: Logger,
  ): Promise<StepRun> {
    const claimed = await claimStep(step, booking, seen, records, options);
    if (claimed.kind !== 'claimed') return claimed;
    const claim = claimed.record;
    const heartbeat = startHeartbeat(booking.id, step.name, logger);
    try {
      // The claim counted this run's first try; `before` is the tries of earlier runs at this revision.
      const before = claim.attempts - 1;
      // What the step saved on one attempt (an intent, a found message) is what the next attempt starts from.
      let current = claim;
      const save = async (result: StepRecord['result']) => {
        await deps.stepRecords.saveResult(booking.id, step.name, owner, result);
        current = { ...current, result };
      };
      const outcome = await retryTransient(
        (attempt) => step.run({ booking, previous: current, records, attempt, logger, save }),
        {
          settings: deps.retry,
          classify: (error) => {
            // A lapsed claim is not the step's failure: stop at once, whoever took over finishes.
            if (error instanceof LeaseLostError) throw error;
            return describeFailure(error, step.service);
          },
          onRetry: async (failure, attempt, delayMs) => {
            logger.warn('step failed; retrying', { attempt, delayMs, failure });
            await deps.stepRecords.recordAttempt(booking.id, step.name, owner, before + attempt + 1, failure);
          },
          sleep,
          random: deps.random,
        },
      );
      const attempts = before + outcome.attempts;
      if (outcome.ok) {
        const record = await deps.stepRecords.succeed(booking.id, step.name, owner, {
          attempts,
          result: outcome.value,
        });
        return { kind: 'succeeded', record };
      }
      const retry = await scheduleRetry(booking, step, claim.retry, outcome.failure, logger);
      metrics.record(METRIC.stepsFailed);
      metrics.record(retry ? METRIC.stepsRetried : METRIC.stepsWaitingForPerson);
      logger.error(retry ? 'step failed; retrying in the background' : 'step failed; waiting for a person', {
        attempts,
        failure: outcome.failure,
        error: outcome.error,
        ...(retry ? { retryAt: retry.at, retryAttempt: retry.attempt } : {}),
      });
      const record = await deps.stepRecords.fail(booking.id, step.name, owner, {
        attempts,
        error: outcome.failure,
        ...(retry ? { retry } : {}),
      });
      return { kind: 'failed', record };
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn('claim lapsed while the step ran; another reconciler took over');
        return { kind: 'lost' };
      }
      throw error;
    } finally {
      heartbeat();
    }
  }

  /**
   * Schedules the background retry of a failed run when it deserves one. Scheduled before the failure is
   * recorded: a record promising a retry that was never scheduled would leave the thread waiting for nothing.
   */
  async function scheduleRetry(
    booking: Booking,
    step: PipelineStep,
    previous: StepRetry | undefined,
    failure: StepFailure,
    logger: Logger,
  ): Promise<StepRetry | undefined> {
    if (!deps.background) return undefined;
    const decision = decideRetry({
      failure,
      revision: booking.revision,
      previous,
      now: now(),
      settings: deps.background.settings,
    });
    if (decision.kind === 'person') return undefined;
    try {
      await deps.background.scheduler.schedule(
        retryTimer(booking.id, step.name, booking.revision, new Date(decision.retry.at)),
      );
      return decision.retry;
    } catch (error) {
      logger.error('could not schedule a background retry; the step waits for a person', { error });
      return undefined;
    }
  }

  async function claimStep(
    step: PipelineStep,
    booking: Booking,
    seen: StepRecord | undefined,
    records: ReadonlyMap<StepName, StepRecord>,
    options: ReconcileOptions,
  ): Promise<StepRun | { kind: 'claimed'; record: StepRecord }> {
    const giveUpAt = Date.now() + maxWaitMs;
    let last = seen;
    for (;;) {
      const claim = await deps.stepRecords.claim({
        bookingId: booking.id,
        name: step.name,
        revision: booking.revision,
        owner,
        leaseMs: deps.leaseMs,
        retryFailed: retryNow(options, last, booking.revision),
        seen: last,
      });
      switch (claim.kind) {
        case 'claimed':
          return claim;
        case 'done':
          if (claim.record.redo && claim.record.version !== last?.version) {
            last = claim.record;
            continue;
          }
          // Done at this revision, but perhaps before what woke us (a crew answer): look again.
          if (step.isStale && (await step.isStale(booking, claim.record, records))) {
            last = claim.record;
            continue;
          }
          return { kind: 'done', record: claim.record };
        case 'failed':
          return { kind: 'skipped', record: claim.record };
        case 'newer':
          return { kind: 'stale' };
        case 'held':
          // Another reconciler is on it. Wait: it finishes, or (crashed) its claim lapses and we take over.
          if (Date.now() > giveUpAt) {
            throw new StepBusyError(`${step.name} of ${booking.id} is held by ${claim.record.leaseOwner}`);
          }
          last = claim.record;
          await sleep(pollMs);
      }
    }
  }

  /** Renews the claim while the step runs; returns the function that stops it. */
  function startHeartbeat(bookingId: string, name: StepName, logger: Logger): () => void {
    let stopped = false;
    const timer = setInterval(
      () => {
        deps.stepRecords.renew(bookingId, name, owner, deps.leaseMs).then(
          (kept) => {
            // A renewal racing the step's own final write finds the claim released: that is not a loss.
            if (!kept && !stopped) logger.warn('claim lost to another reconciler');
          },
          (error: unknown) => {
            if (!stopped) logger.warn('could not renew the claim', { error });
          },
        );
      },
      Math.max(10, Math.floor(deps.leaseMs / 3)),
    );
    timer.unref();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }

  /**
   * The captain's answer decides the status: confirmed once they confirm (and nothing they agreed to has
   * changed since), pending when they decline, are replaced, or their answer predates a change of date,
   * time or boat. Cancelled and completed bookings are left alone.
   */
  async function followCaptain(booking: Booking, logger: Logger): Promise<Booking> {
    if (booking.status !== 'pending' && booking.status !== 'confirmed') return booking;
    const wanted = await captainStatus(booking);
    if (wanted === booking.status) return booking;
    try {
      const moved = await deps.store.setStatus(booking.id, booking.revision, wanted, PIPELINE_ACTOR);
      logger.info('status follows the captain', {
        from: booking.status,
        to: wanted,
        revision: moved.revision,
      });
      return moved;
    } catch (error) {
      if (!(error instanceof StaleRevisionError)) throw error;
      // Someone wrote a newer revision; its own stream record brings us back here.
      return (await deps.store.getBooking(booking.id)) ?? booking;
    }
  }

  async function captainStatus(booking: Booking): Promise<BookingStatus> {
    const captain = captainOf(booking);
    if (!captain) return 'pending';
    const confirmations = await deps.store.listConfirmations(booking.id);
    const answer = confirmations.find((c) => c.crewId === captain.crewId);
    if (answer?.answer !== 'confirmed') return 'pending';
    if (answer.revision >= booking.revision) return 'confirmed';
    const history = await deps.store.listHistory(booking.id);
    return answer.revision >= lastReconfirmRevision(history) ? 'confirmed' : 'pending';
  }

  return { reconcileBooking, owner };
}

function lastReconfirmRevision(history: readonly HistoryEntry[]): number {
  let revision = 1;
  for (const entry of history) {
    // A captain's earlier "confirmed" no longer counts after a change to when or on what they sail.
    if (entry.changes.some(isWhenOrBoatChange)) revision = Math.max(revision, entry.revision);
  }
  return revision;
}

async function isDue(
  step: PipelineStep,
  booking: Booking,
  record: StepRecord | undefined,
  records: ReadonlyMap<StepName, StepRecord>,
  retryFailed: boolean,
): Promise<boolean> {
  if (!record || record.revision !== booking.revision) return true;
  switch (record.status) {
    case 'succeeded':
      // The drift audit found its outside copy gone or changed: the same step puts it back.
      if (record.redo) return true;
      return step.isStale ? step.isStale(booking, record, records) : false;
    case 'failed':
      return retryFailed;
    default:
      // Running or retrying: in progress elsewhere, or cut short by a crash. The claim sorts out which.
      return true;
  }
}

function dependenciesMet(
  step: PipelineStep,
  booking: Booking,
  records: ReadonlyMap<StepName, StepRecord>,
): boolean {
  return step.dependsOn.every((name) => {
    const record = records.get(name);
    return record?.revision === booking.revision && record.status === 'succeeded';
  });
}

function summarise(
  pipeline: readonly PipelineStep[],
  booking: Booking,
  records: ReadonlyMap<StepName, StepRecord>,
): ReconcileOutcome {
  const steps: Partial<Record<StepName, StepStatus>> = {};
  let converged = true;
  let failed = false;
  for (const { name } of pipeline) {
    const record = records.get(name);
    if (record?.revision !== booking.revision) {
      converged = false;
      continue;
    }
    steps[name] = record.status;
    if (record.status !== 'succeeded') converged = false;
    if (record.status === 'failed') failed = true;
  }
  return {
    bookingId: booking.id,
    revision: booking.revision,
    status: failed ? 'failed' : converged ? 'converged' : 'incomplete',
    steps,
  };
}
