/**
 * Crash injection: the reconciler runs in its own process (the real Lambda entry behind the local stream
 * poller) and is killed with SIGKILL at random points, at least 20 times while 20 bookings are created,
 * edited and cancelled, and started again each time. Afterwards every booking has converged (no work lost)
 * and no outside side effect happened twice: one SCC event, one calendar entry, one root message per
 * booking, at most one invalidation per booking revision. Emails are counted: at most one repeat per crash.
 *
 * A second case kills SCC itself (its own process, as its own Lambda) in the middle of a crew email: it has
 * claimed the send and called SES, SES has not taken the message. SCC's claim then blocks that email for its
 * real 120 s lease, so the reconciler's quick retries only hear "still sending". From there nothing but time
 * passes: a moved clock (SCC's and the reconciler's) and the background retry timers it fires. The booking
 * turns green with no button press, and every crew member gets their invite exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/dev/stand-ins/free-port';
import { type Booking, bookingInputOf, scheduleInstants } from '../../../src/domain';
import { LocalTimerScheduler, ManualClock } from '../../../src/scheduler';
import { OPS_CHANNEL, type PipelineStack, startPipelineStack } from './helpers/pipeline-stack';
import { seededRandom } from './helpers/seeded-random';
import { type SesHold, startSesHold } from './helpers/ses-hold';

const CHILD = join(import.meta.dirname, 'helpers', 'reconciler-child.ts');
const SCC_CHILD = join(import.meta.dirname, 'helpers', 'scc-child.ts');
const BOOKINGS = 20;
const CRASHES = 24;

let stack: PipelineStack;
let workDir: string;
let child: ChildProcess | undefined;
let sccPort: number;
// The SIGKILL-inside-SCC case has a stack of its own (so it cannot meet the first case's bookings or
// processes), SCC in its own process, and an SES hold in front of the SES stand-in.
let own: PipelineStack;
let ownSccPort: number;
let sccChild: ChildProcess | undefined;
let sesHold: SesHold | undefined;

beforeAll(async () => {
  // SCC runs inside the reconciler's process, so a crash can also interrupt it while it emails the crew.
  sccPort = await freePort();
  stack = await startPipelineStack({
    leaseMs: 800,
    httpTimeoutMs: 1_000,
    // A crash inside SCC leaves an email "pending" until its lease (2 s here) runs out; the pipeline's retries
    // must outlast that lease (50 ms … 1 s backoff over 8 tries ≈ 3.5 s), as they must in production.
    backoffMs: [50, 1_000],
    sccUrl: `http://127.0.0.1:${sccPort}`,
  });
  // A slower downstream widens the windows between an outside call and its record, where crashes hurt most.
  stack.setFaults({ latencyMs: 30 });
  workDir = mkdtempSync(join(tmpdir(), 'pipeline-crash-'));
});

afterAll(async () => {
  child?.kill('SIGKILL');
  sccChild?.kill('SIGKILL');
  await sesHold?.stop();
  await own?.stop();
  await stack?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Starts the reconciler process; resolves once it is polling the stream. */
function startReconciler(): Promise<ChildProcess> {
  const args = ['--import', 'tsx', CHILD, join(workDir, 'checkpoints.json'), '--scc-port', String(sccPort)];
  return startChild(args, stack, { AWS_ENDPOINT_URL_SES: stack.ses.endpoint });
}

/** Starts SCC alone in its own process on `port`, its clock read from `clockFile`, SES at `ses`. */
function startScc(on: PipelineStack, port: number, clockFile: string, ses: string): Promise<ChildProcess> {
  return startChild(['--import', 'tsx', SCC_CHILD, String(port), clockFile], on, {
    AWS_ENDPOINT_URL_SES: ses,
  });
}

/** Starts a helper process; resolves once it prints "ready". */
function startChild(args: string[], on: PipelineStack, env: Record<string, string>): Promise<ChildProcess> {
  const process_ = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...on.env,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: on.table.endpoint,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  process_.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process_.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line === 'ready') resolve(process_);
    });
    process_.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL')
        reject(new Error(`${args[2]} exited (${code ?? signal}): ${errors.slice(-2000)}`));
    });
  });
}

function kill(process_: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process_.exitCode !== null || process_.signalCode !== null) return resolve();
    process_.once('exit', () => resolve());
    process_.kill('SIGKILL');
  });
}

describe('a reconciler killed at random points', () => {
  it('loses nothing and repeats no side effect', { timeout: 300_000 }, async () => {
    const random = seededRandom(7_2026);
    const ids: string[] = [];
    let crashes = 0;
    for (let cycle = 0; cycle < CRASHES; cycle++) {
      child = await startReconciler();
      // The change arrives while the reconciler runs: it must pick it up, or its successor must.
      if (cycle < BOOKINGS) {
        const booking = await stack.createBooking(
          { title: `Crash Sail ${cycle}` },
          `bk-crash-${String(cycle).padStart(2, '0')}`,
        );
        ids.push(booking.id);
      }
      if (cycle % 4 === 3) await edit(ids[cycle - 2] as string, `Crash Sail ${cycle - 2} (moved)`);
      if (cycle % 7 === 6) await cancel(ids[cycle - 4] as string);
      await new Promise((r) => setTimeout(r, 40 + random() * 400));
      await kill(child);
      crashes += 1;
    }

    child = await startReconciler();
    await stack
      .waitFor(
        `all ${BOOKINGS} bookings to converge after ${crashes} crashes`,
        async () => (await Promise.all(ids.map((id) => stack.isConverged(id)))).every(Boolean),
        90_000,
      )
      .catch(async (error: Error) => {
        // Say which bookings are stuck and where, so a rare failure can be understood from the CI log.
        const stuck: string[] = [];
        for (const id of ids) if (!(await stack.isConverged(id))) stuck.push(await stack.describe(id));
        throw new Error(`${error.message}\n${stuck.join('\n')}`);
      });
    await kill(child);

    const bookings = (await Promise.all(ids.map((id) => stack.store.getBooking(id)))) as Booking[];
    const sccCreates = ids.map((id) => stack.sccCreates(id));
    const roots = ids.map((id) => stack.rootMessages(id).length);
    const perRevision = new Map<string, number>();
    for (const invalidation of stack.cloudFront.invalidations) {
      const revision = /^(.*)-r(\d+)-/.exec(invalidation.callerReference);
      if (!revision) continue;
      const key = `${revision[1]}@${revision[2]}`;
      perRevision.set(key, (perRevision.get(key) ?? 0) + 1);
    }
    const latestInvalidated = bookings.map((b) => perRevision.get(`${b.id}@${b.revision}`) ?? 0);
    // Email has no idempotency key: a crash while SCC sends may repeat the one email in flight.
    const mails = new Map<string, number>();
    for (const mail of await stack.crewMail()) {
      const key = `${mail.to}/${mail.subject}`;
      mails.set(key, (mails.get(key) ?? 0) + 1);
    }
    const emailRepeats = [...mails.values()].reduce((total, n) => total + (n - 1), 0);
    // Who was invited to which charter (the subject names it: "Crew call: Crash Sail 7, …").
    const invited = new Set(
      (await stack.crewMail())
        .filter((m) => m.kind === 'invite')
        .map((m) => `${/^Crew call: (Crash Sail \d+)/.exec(m.subject)?.[1]}/${m.to}`),
    );
    const entries = await Promise.all(bookings.map((b) => stack.calendarEntry(b.id)));
    const events = await Promise.all(bookings.map((b) => stack.sccEvent(b.id)));
    // Every crew member on an SCC event got their invite: none lost to a crash.
    // Every crew member of a live charter got their invite: none lost to a crash. (A charter cancelled
    // before its invites went out owes a cancellation at most, not an invite.)
    const owed = bookings.flatMap((b, i) =>
      b.status === 'cancelled'
        ? []
        : b.crew.map((a) => `Crash Sail ${i}/${a.name.split(' ')[0]?.toLowerCase()}`),
    );
    const missing = owed.filter((key) => ![...invited].some((got) => got.startsWith(key)));
    // No faults are injected here, so a step tried more than once was cut short by a crash and resumed.
    const pipeline = stack.buildPipeline();
    const resumed = (await Promise.all(ids.map((id) => pipeline.stepRecords.list(id)))).flatMap((records) =>
      [...records.values()].filter((r) => r.attempts > 1).map((r) => `${r.bookingId}/${r.name}`),
    );
    const live = bookings.filter((b) => b.status !== 'cancelled');
    const cancelled = bookings.filter((b) => b.status === 'cancelled');

    console.log(
      [
        `crash injection: ${crashes} SIGKILLs across ${BOOKINGS} bookings (${cancelled.length} cancelled, edits included)`,
        `  converged: ${BOOKINGS}/${BOOKINGS}; steps cut short by a crash and resumed: ${resumed.length}`,
        `  SCC events: ${events.filter(Boolean).length} (keyed by booking id; "created" answers seen: ${sum(sccCreates)}, max per booking ${Math.max(...sccCreates)}; a booking cancelled before it was provisioned gets none)`,
        `  calendar entries: ${entries.filter(Boolean).length} (${live.length} live bookings; cancelled ones removed)`,
        `  root messages: ${sum(roots)} (max per booking ${Math.max(...roots)})`,
        `  invalidations: ${stack.cloudFront.invalidations.length} (max per booking revision ${Math.max(...perRevision.values())})`,
        `  crew emails: ${sum([...mails.values()])}; invites to live charters: ${owed.length - missing.length} of ${owed.length} owed; ${emailRepeats} repeated by a crash (allowed: ${crashes})`,
      ].join('\n'),
    );

    // SCC answered "created" at most once per booking (a crash inside SCC can swallow that answer, so the
    // event itself is checked below: one per booking, at the booking's revision, or cancelled).
    expect(Math.max(...sccCreates)).toBeLessThanOrEqual(1);
    expect(roots.every((n) => n === 1)).toBe(true);
    expect([...perRevision.values()].every((n) => n === 1)).toBe(true);
    expect(latestInvalidated.every((n) => n === 1)).toBe(true);
    bookings.forEach((b, i) => {
      if (b.status === 'cancelled') {
        expect(entries[i], b.id).toBeUndefined();
        expect(events[i]?.event.status ?? 'cancelled', b.id).toBe('cancelled');
      } else {
        expect(entries[i]?.revision, b.id).toBe(b.revision);
        expect(events[i]?.event.revision, b.id).toBe(b.revision);
      }
    });
    expect(missing).toEqual([]);
    expect(emailRepeats).toBeLessThanOrEqual(crashes);
  });
});

describe('SCC killed mid-send, then nothing but time', () => {
  beforeAll(async () => {
    ownSccPort = await freePort();
    own = await startPipelineStack({ sccUrl: `http://127.0.0.1:${ownSccPort}` });
  }, 120_000);

  it('converges with no button press and mails each crew member once', { timeout: 120_000 }, async () => {
    // One clock for SCC (its email lease) and the reconciler (its retry timers); time moves only when the
    // test moves it. SCC reads it from a file.
    const clockFile = join(workDir, 'clock');
    const clock = new ManualClock(new Date());
    const setClock = (at: Date) => {
      clock.set(at);
      writeFileSync(clockFile, clock.now().toISOString());
    };
    setClock(clock.now());
    sesHold = await startSesHold(own.ses.endpoint);
    const ses = sesHold.url;
    sccChild = await startScc(own, ownSccPort, clockFile, ses);
    // The reconciler, in this process, with background retries on the local scheduler.
    const scheduler = new LocalTimerScheduler(own.table.doc, own.table.tableName, clock);
    const pipeline = own.buildPipeline({ timers: { scheduler, now: () => clock.now() } });
    await own.startPoller(pipeline);

    // SCC claims the first crew invite and calls SES; SES never answers. Then SCC dies.
    const midSend = sesHold.arm(/^To:.*@crew\.test/im);
    const booking = await own.createBooking({ title: 'Mid-send Sail' }, 'bk-crash-mid-send');
    await midSend;
    await kill(sccChild);
    const crashedAt = clock.now();
    const pending = (await own.sccEvent(booking.id))?.emails.filter((e) => e.state === 'pending') ?? [];
    expect(pending.map((e) => e.kind)).toEqual(['invite']);
    const heldFor = pending[0]?.to as string;

    // A fresh SCC starts (as Lambda would start a container on the next call). The reconciler's quick retries
    // end either on SCC being gone (a 502) or on the email its predecessor was sending: SCC keeps that claimed
    // for 120 s of its clock and answers "still sending". Either way a background retry is planned.
    sccChild = await startScc(own, ownSccPort, clockFile, ses);
    await own
      .waitFor('the SCC step to fail with a background retry planned', async () => {
        const record = await pipeline.stepRecords.get(booking.id, 'scc-event');
        return record?.status === 'failed' && record.retry !== undefined;
      })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await own.describe(booking.id)}`);
      });
    const first = await pipeline.stepRecords.get(booking.id, 'scc-event');
    const firstError = first?.lastError?.message;
    const firstRetryAt = `at +${(Date.parse(first?.retry?.at ?? '') - crashedAt.getTime()) / 60_000} min`;
    const invites = async () =>
      (await own.crewMail()).filter((m) => m.kind === 'invite' && m.subject.includes('Mid-send Sail'));
    expect((await invites()).map((m) => m.to)).not.toContain(heldFor);
    expect(await own.isConverged(booking.id)).toBe(false);

    // Nothing but time: move the clock to the next retry timer of this booking and fire what is due.
    const firings: string[] = [];
    for (let i = 0; i < 10 && !(await own.isConverged(booking.id)); i++) {
      const [next] = (await scheduler.pending()).filter(
        (t) => t.payload.kind === 'retry' && t.payload.bookingId === booking.id,
      );
      if (!next) break;
      setClock(next.at);
      await scheduler.runDue(async (timer) => {
        const outcome = await pipeline.handleTimer(timer);
        const after = await pipeline.stepRecords.get(booking.id, 'scc-event');
        const minutes = (clock.now().getTime() - crashedAt.getTime()) / 60_000;
        firings.push(
          `+${minutes} min ${timer.payload.step ?? 'all'}:${outcome} → scc-event ${after?.status} ${after?.lastError?.message ?? ''}`,
        );
      });
    }
    await own
      .waitFor('the booking to converge by itself', () => own.isConverged(booking.id), 30_000)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${firings.join('\n')}\n${await own.describe(booking.id)}`);
      });
    await kill(sccChild);

    const mails = await invites();
    const record = await pipeline.stepRecords.get(booking.id, 'scc-event');
    const emails = (await own.sccEvent(booking.id))?.emails ?? [];
    const [root] = own.rootMessages(booking.id);
    const replies = own.slack.replies(OPS_CHANNEL, root?.ts ?? '');
    const waitedMs = clock.now().getTime() - crashedAt.getTime();
    console.log(
      [
        `SIGKILL inside SCC mid-send: held invite to ${heldFor}; converged after ${waitedMs / 1000} s of moved clock`,
        `  before time moved: scc-event failed (${firstError}), retry ${firstRetryAt}`,
        `  retry timers fired: ${firings.join('; ')}`,
        `  invites: ${mails.map((m) => m.to).join(', ')}`,
      ].join('\n'),
    );

    expect(sesHold.heldCount()).toBe(1);
    // The email in flight was not lost and not doubled: one invite per crew member.
    const crew = booking.crew.map((a) => `${a.name.split(' ')[0]?.toLowerCase()}@crew.test`).sort();
    expect(mails.map((m) => m.to).sort()).toEqual(crew);
    expect(emails.map((e) => e.state)).toEqual(crew.map(() => 'sent'));
    // Only time healed it: the held email waited out SCC's lease, and a retry timer did the rest.
    expect(waitedMs).toBeGreaterThanOrEqual(120_000);
    expect(firings.some((f) => f.includes(':done → scc-event succeeded'))).toBe(true);
    expect(record?.status).toBe('succeeded');
    expect(record?.retry).toBeUndefined();
    // Nobody pressed a button or was asked to: the booking is at its first revision, no thread line asked.
    expect((await own.store.getBooking(booking.id))?.revision).toBe(1);
    expect(replies.some((r) => (r.text ?? '').includes('will not fix itself'))).toBe(false);
  });
});

async function edit(id: string, title: string): Promise<void> {
  const booking = await stack.store.getBooking(id);
  if (!booking || booking.status === 'cancelled') return;
  const { startsAt, endsAt } = scheduleInstants(booking.schedule);
  await stack.store.updateBooking(
    id,
    booking.revision,
    {
      input: { ...bookingInputOf(booking), title },
      boat: booking.boat,
      startsAt,
      endsAt,
    },
    'UOPERATOR',
  );
}

async function cancel(id: string): Promise<void> {
  const booking = await stack.store.getBooking(id);
  if (!booking || booking.status === 'cancelled') return;
  await stack.store.cancelBooking(id, booking.revision, 'Weather', 'UOPERATOR');
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
