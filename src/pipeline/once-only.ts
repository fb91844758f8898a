/**
 * Doing a side effect once although whatever triggers it (a timer, a stream record) arrives at least once:
 * a short lease keeps two concurrent runs from both acting, and a "done" marker written after the action
 * keeps later runs from acting again. A crash between the action and the marker can repeat it once, after
 * the lease lapses; callers whose action can look first (a Slack reply found by its key) close that gap.
 */
import type { MarkerStore } from '../store';

export type Markers = Pick<MarkerStore, 'claimOnce' | 'readMarker'>;

/** Another run holds the lease: try again later (a timer redelivery, a stream retry). */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

export interface OnceOnlyOptions {
  /** How long one run may take before another may act in its place. */
  leaseSeconds?: number;
  /** How long "done" is remembered (markers expire by DynamoDB TTL). */
  keepSeconds?: number;
}

const DEFAULT_LEASE_SECONDS = 120;
const DEFAULT_KEEP_SECONDS = 120 * 24 * 3600;

export class OnceOnly {
  private readonly leaseSeconds: number;
  private readonly keepSeconds: number;

  constructor(
    private readonly markers: Markers,
    options: OnceOnlyOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    this.keepSeconds = options.keepSeconds ?? DEFAULT_KEEP_SECONDS;
  }

  async isDone(key: string): Promise<boolean> {
    return (await this.markers.readMarker(`lifecycle:done:${key}`)) !== undefined;
  }

  /** Runs `action` unless it already ran for `key`; throws BusyError while another run holds it. */
  async run(key: string, action: () => Promise<void>): Promise<'done' | 'already'> {
    if (await this.isDone(key)) return 'already';
    if (!(await this.markers.claimOnce(`lifecycle:lease:${key}`, this.leaseSeconds))) {
      if (await this.isDone(key)) return 'already';
      throw new BusyError(`${key} is being handled by another run.`);
    }
    await action();
    await this.markers.claimOnce(`lifecycle:done:${key}`, this.keepSeconds);
    return 'done';
  }
}
