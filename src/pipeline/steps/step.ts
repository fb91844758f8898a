/**
 * What a pipeline step is: a name, the words the thread uses for it, the steps it waits for, and a `run`
 * that brings one outside copy of the booking up to date and returns what it learned (ids, paths, ts).
 *
 * A step's run must be safe to repeat: it may be cut short by a crash at any point and run again, by this
 * reconciler or another. Each step says in its own file which tool of the outside system makes it so.
 */
import type { Booking } from '../../domain';
import type { Logger } from '../../logging';
import type { StepName, StepRecord, StepResult } from '../step-records';

export interface StepContext {
  booking: Booking;
  /** This step's record before the run: `result` carries what earlier runs learned, at any revision. */
  previous: StepRecord | undefined;
  /** Every step's record as this run sees it (earlier steps of the run included). */
  records: ReadonlyMap<StepName, StepRecord>;
  /** 1 for the first try of this run. */
  attempt: number;
  /** Durably records what the step is about to do (an intent), under its claim, before doing it. */
  save(result: StepResult): Promise<void>;
  logger: Logger;
}

export interface PipelineStep {
  name: StepName;
  /** The outside system, as failure messages name it: "ShipCaptainCrew", "Amazon S3". */
  service: string;
  /** Steps that must have succeeded at the booking's revision before this one runs. */
  dependsOn: readonly StepName[];
  /**
   * Whether a step that already succeeded at this revision must run again anyway (the thread also follows
   * crew answers and the other steps' outcomes). Default: no.
   */
  isStale?(
    booking: Booking,
    record: StepRecord,
    records: ReadonlyMap<StepName, StepRecord>,
  ): Promise<boolean>;
  run(context: StepContext): Promise<StepResult>;
}
