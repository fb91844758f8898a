/**
 * The drift audit: for every upcoming charter, compares what the outside systems hold with what the
 * pipeline's step records say it put there — the SCC event and its crew, the dashboard calendar entry, the
 * guest page objects (present, and carrying the content hash the publisher wrote), the Slack root message —
 * and repairs what drifted by marking those step records as needing a redo and reconciling the booking: the
 * same idempotent steps put the copy back. No repair code of its own.
 *
 * Reports one line in each repaired charter's thread and a summary in the ops channel. Run nightly (quiet
 * when all is in order) and on demand with `/charter audit` (always answers). Ops channel only: the lines
 * name charters and steps, never money or contact details.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DashboardClient, SccClient, SlackThread } from '../clients';
import { type Booking, zonedToUtc } from '../domain';
import type { Logger } from '../logging';
import type { Timer } from '../scheduler';
import { escapeMrkdwn, message, section } from '../slack/blocks/primitives';
import type { DynamoBookingStore } from '../store';
import type { Reconciler } from './reconciler';
import type { StepName, StepRecord, StepRecordStore } from './step-records';
import type { GuestPageResult } from './steps/guest-page';
import type { SccEventResult } from './steps/scc-event';
import type { SlackThreadResult } from './steps/slack-thread';
import type { ThreadReplies } from './thread-replies';

/** What the publisher writes on every guest page object (src/guest/publish.ts). */
const CONTENT_HASH_METADATA = 'content-sha256';

export type AuditTrigger = 'nightly' | 'request';

export interface Drift {
  step: StepName;
  /** For the thread: "the guest page was missing". */
  what: string;
  /** What the redo does: "republished". */
  fix: string;
}

export interface AuditedBooking {
  bookingId: string;
  title: string;
  drift: Drift[];
  /** The reconcile after the redo marks ended converged. */
  repaired: boolean;
}

export interface AuditReport {
  trigger: AuditTrigger;
  checked: number;
  drifted: AuditedBooking[];
  /** Charters whose copies could not be read (an outside system down): checked again next time. */
  unreadable: string[];
}

export interface DriftAuditDeps {
  store: Pick<DynamoBookingStore, 'listUpcoming'>;
  stepRecords: Pick<StepRecordStore, 'list' | 'markRedo'>;
  reconciler: Pick<Reconciler, 'reconcileBooking'>;
  scc: Pick<SccClient, 'getEvent'>;
  dashboard: Pick<DashboardClient, 'getEntry'>;
  s3: S3Client;
  slack: Pick<SlackThread, 'rootExists' | 'postNotice'>;
  thread: Pick<ThreadReplies, 'post'>;
  now: () => Date;
  logger: Logger;
}

export interface DriftAudit {
  run(options: { trigger: AuditTrigger; requestedBy?: string; runId?: string }): Promise<AuditReport>;
}

export function createDriftAudit(deps: DriftAuditDeps): DriftAudit {
  const logger = deps.logger.child({ component: 'drift-audit' });

  async function driftOf(booking: Booking, records: ReadonlyMap<StepName, StepRecord>): Promise<Drift[]> {
    const drift: Drift[] = [];
    const done = (name: StepName) => {
      const record = records.get(name);
      return record?.status === 'succeeded' && record.revision === booking.revision && !record.redo
        ? record
        : undefined;
    };
    const scc = done('scc-event');
    const eventId = (scc?.result as SccEventResult | undefined)?.eventId;
    if (scc && eventId) {
      const event = await deps.scc.getEvent(eventId);
      if (!event || event.cancelled === true || event.status === 'cancelled') {
        drift.push({
          step: 'scc-event',
          what: 'the crew event was missing in ShipCaptainCrew',
          fix: 'created again',
        });
      } else if (!sameCrew(booking, event)) {
        drift.push({ step: 'scc-event', what: 'the crew event’s assignments had changed', fix: 'put back' });
      }
    }
    const calendar = done('calendar-entry');
    if (calendar) {
      const entryId = String((calendar.result as { entryId?: string }).entryId ?? booking.id);
      if (!(await deps.dashboard.getEntry(entryId))) {
        drift.push({ step: 'calendar-entry', what: 'the calendar entry was missing', fix: 'added again' });
      }
    }
    const page = done('guest-page');
    const published = page?.result as GuestPageResult | undefined;
    if (published?.bucket && published.keys && published.keys.length > 0) {
      const bad = await firstDriftedObject(deps.s3, published.bucket, published.keys);
      if (bad) drift.push({ step: 'guest-page', what: `the guest page was ${bad}`, fix: 'republished' });
    }
    const thread = done('slack-thread');
    const ts = (thread?.result as SlackThreadResult | undefined)?.ts;
    if (thread && ts && !(await deps.slack.rootExists(ts))) {
      drift.push({
        step: 'slack-thread',
        what: 'the root message was deleted in Slack',
        fix: 'posted a new one; this thread continues the old one',
      });
    }
    return drift;
  }

  async function run(options: {
    trigger: AuditTrigger;
    requestedBy?: string;
    runId?: string;
  }): Promise<AuditReport> {
    const runId = options.runId ?? deps.now().toISOString();
    const bookings = (await deps.store.listUpcoming({ from: deps.now(), limit: 500 })).filter(
      (b) => b.status === 'pending' || b.status === 'confirmed',
    );
    const report: AuditReport = { trigger: options.trigger, checked: 0, drifted: [], unreadable: [] };
    for (const booking of bookings) {
      const log = logger.child({ bookingId: booking.id });
      try {
        const records = await deps.stepRecords.list(booking.id);
        const drift = await driftOf(booking, records);
        report.checked++;
        if (drift.length === 0) continue;
        log.warn('drift found; redoing the steps', { steps: drift.map((d) => d.step) });
        for (const d of drift) await deps.stepRecords.markRedo(booking.id, d.step, booking.revision, d.what);
        const outcome = await deps.reconciler.reconcileBooking(booking.id);
        const repaired = outcome.status === 'converged';
        report.drifted.push({ bookingId: booking.id, title: booking.title, drift, repaired });
        // After the reconcile: a re-posted root has its new ts on the step record, so the line lands there.
        await deps.thread.post(booking.id, `audit:${runId}`, auditLine(drift, repaired));
      } catch (error) {
        log.warn('could not audit the charter; it is checked again next time', { error });
        report.unreadable.push(booking.title);
      }
    }
    const summary = summaryLine(report);
    if (summary) await deps.slack.postNotice(message(summary, [section(summary)]));
    logger.info('audit done', {
      trigger: options.trigger,
      checked: report.checked,
      drifted: report.drifted.length,
      unreadable: report.unreadable.length,
    });
    return report;
  }

  return { run };
}

/** The crew SCC holds for the event, by id, against the booking's. */
function sameCrew(booking: Booking, event: Record<string, unknown>): boolean {
  const list = (event.crew_assignments ?? event.crew ?? event.assignments) as unknown;
  if (!Array.isArray(list)) return true;
  const held = list
    .map((a) => String((a as { crewId?: unknown }).crewId ?? ''))
    .filter(Boolean)
    .sort();
  const wanted = booking.crew.map((a) => a.crewId).sort();
  return held.length === wanted.length && held.every((id, i) => id === wanted[i]);
}

async function firstDriftedObject(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
): Promise<string | undefined> {
  for (const key of keys) {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      // Written by someone else: the publisher always records the content hash it wrote.
      if (!head.Metadata?.[CONTENT_HASH_METADATA]) return 'changed behind the system’s back';
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (error as { name?: string }).name === 'NotFound') return 'missing';
      throw error;
    }
  }
  return undefined;
}

function auditLine(drift: readonly Drift[], repaired: boolean): ReturnType<typeof message> {
  const parts = drift.map((d) => `${d.what} — ${d.fix}`).join('; ');
  const text = repaired
    ? `:mag: Audit: ${parts}.`
    : `:mag: Audit: ${drift.map((d) => d.what).join('; ')}. The repair did not finish: see the steps above.`;
  return message(text, [section(text)]);
}

/**
 * The ops channel's summary. Nightly it speaks only when something drifted (an operator reading the channel
 * in the morning wants news, not "all fine" every day); on request it always answers.
 */
export function summaryLine(report: AuditReport): string | undefined {
  const charters = (n: number) => `${n} upcoming charter${n === 1 ? '' : 's'}`;
  const unreadable =
    report.unreadable.length > 0
      ? ` Could not check ${report.unreadable.map(escapeMrkdwn).join(', ')} (an outside system did not answer): checked again next time.`
      : '';
  if (report.drifted.length === 0) {
    if (report.trigger === 'nightly' && !unreadable) return undefined;
    return `:mag: Audit: ${charters(report.checked)} checked — all in order.${unreadable}`;
  }
  const items = report.drifted
    .map(
      (b) =>
        `*${escapeMrkdwn(b.title)}* (${b.drift.map((d) => d.step.replace('-', ' ')).join(', ')}${b.repaired ? '' : ', not finished'})`,
    )
    .join(', ');
  const repaired = report.drifted.filter((b) => b.repaired).length;
  return `:mag: Audit: ${charters(report.checked)} checked, ${repaired} repaired: ${items}.${unreadable}`;
}

/** The nightly audit as a one-time timer: `npm run dev`'s local scheduler (AWS has a recurring schedule). */
export const NIGHTLY_AUDIT_TIMER = 'audit.nightly';

/** The next 02:00 Pacific after `now` (the CDK's schedule: cron(0 2 * * ? *), America/Los_Angeles). */
export function nextNightlyAudit(now: Date): Timer {
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
      new Date(now.getTime() + offset * 86_400_000),
    );
  let at = zonedToUtc(day(0), '02:00', 'America/Los_Angeles');
  if (at.getTime() <= now.getTime()) at = zonedToUtc(day(1), '02:00', 'America/Los_Angeles');
  return { name: NIGHTLY_AUDIT_TIMER, at, payload: { kind: 'audit', bookingId: '-', revision: 0 } };
}
