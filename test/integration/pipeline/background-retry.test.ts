/**
 * Retries that outlive a bad hour (issue #16): with SCC down for 40 minutes of a moved clock, the booking's
 * SCC step is retried in the background on one-time timers (the local scheduler, as EventBridge Scheduler in
 * AWS), the thread says when, and the booking turns green by itself once SCC is back, with nobody pressing
 * a button. A permanent refusal (a 4xx) gets no timer: the thread says a person must act and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTimerScheduler, ManualClock } from '../../../src/scheduler';
import { ACTION } from '../../../src/slack/ids';
import type { Pipeline } from '../../../src/wiring/create-pipeline';
import { OPS_CHANNEL, type PipelineStack, startPipelineStack } from './helpers/pipeline-stack';

let stack: PipelineStack;
let pipeline: Pipeline;
let scheduler: LocalTimerScheduler;
const clock = new ManualClock(new Date('2026-12-05T14:00:00Z'));

beforeAll(async () => {
  // A generous call timeout: the outage is injected as 503s, so a slow shared machine must not add timeouts.
  stack = await startPipelineStack({ httpTimeoutMs: 3_000, maxAttempts: 3, backoffMs: [5, 20] });
  scheduler = new LocalTimerScheduler(stack.table.doc, stack.table.tableName, clock);
  pipeline = stack.buildPipeline({ timers: { scheduler, now: () => clock.now() } });
  await stack.startPoller(pipeline);
});

afterAll(async () => {
  await stack?.stop();
});

async function retryTimersOf(bookingId: string) {
  return (await scheduler.pending()).filter(
    (t) => t.payload.kind === 'retry' && t.payload.bookingId === bookingId,
  );
}

function rootText(bookingId: string): string {
  const [root] = stack.rootMessages(bookingId);
  return JSON.stringify(root?.blocks ?? []);
}

function replies(bookingId: string) {
  const [root] = stack.rootMessages(bookingId);
  return stack.slack.replies(OPS_CHANNEL, root?.ts ?? '');
}

describe('SCC down for 40 minutes, then back', () => {
  it('converges with no button press, saying in the thread when it retries', {
    timeout: 60_000,
  }, async () => {
    stack.setFaults({ transientRate: 1, faults: ['error-before'] }, ['scc']);
    const booking = await stack.createBooking({ title: 'Outage Sail' }, 'bk-outage');
    const downUntil = clock.now().getTime() + 40 * 60_000;

    await stack.waitFor('the SCC step to fail with a retry planned', async () => {
      const record = await pipeline.stepRecords.get(booking.id, 'scc-event');
      return (
        record?.status === 'failed' &&
        record.retry !== undefined &&
        rootText(booking.id).includes('retrying at') &&
        replies(booking.id).some((r) => (r.text ?? '').includes('Retrying automatically'))
      );
    });
    const first = await pipeline.stepRecords.get(booking.id, 'scc-event');
    expect(first?.lastError?.kind).toBe('transient');
    expect(first?.retry?.attempt).toBe(2);
    expect(rootText(booking.id)).toContain('(attempt 2)');
    // The first failure is said once in the thread, without a Retry button: nobody needs to act.
    const said = replies(booking.id).find((r) => (r.text ?? '').includes('Retrying automatically'));
    expect(said?.text).toMatch(/Retrying automatically at 6:02 AM PST \(attempt 2\)/);
    expect(JSON.stringify(said?.blocks)).not.toContain(ACTION.retrySteps);

    const firings: string[] = [];
    const notes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [next] = await retryTimersOf(booking.id);
      if (!next) break;
      clock.set(next.at);
      if (clock.now().getTime() >= downUntil) stack.setFaults({ transientRate: 0 }, ['scc']);
      await scheduler.runDue(async (timer) => {
        const outcome = await pipeline.handleTimer(timer);
        // The guest mail goes through SCC too and has retries of its own: follow the SCC event's.
        if (timer.payload.step !== 'scc-event') return;
        const after = await pipeline.stepRecords.get(booking.id, 'scc-event');
        firings.push(`${timer.payload.step}@${next.at.toISOString()}:${outcome}`);
        notes.push(`${after?.status} ${after?.lastError?.message ?? ''}`);
      });
    }

    await stack.waitFor('the booking to converge by itself', () => stack.isConverged(booking.id));
    // Backoff grows: the retries at 2, 6, 14 and 30 minutes fail while SCC is down; the one 32 minutes later
    // (62 min in) finds it back. (A retry that meets a hiccup after that is simply retried again.)
    const times = firings.map((f) => Date.parse(f.replace(/^.*@|:\w+$/g, '')));
    const gaps = times.slice(1).map((at, i) => (at - (times[i] as number)) / 60_000);
    expect(gaps.slice(0, 4), notes.join(', ')).toEqual([4, 8, 16, 32]);
    expect(notes.slice(0, 4).every((n) => n.startsWith('failed'))).toBe(true);
    expect(notes.at(-1)).toMatch(/^succeeded/);
    const done = await pipeline.stepRecords.get(booking.id, 'scc-event');
    expect(done?.status).toBe('succeeded');
    expect(done?.retry).toBeUndefined();
    expect(await retryTimersOf(booking.id)).toHaveLength(0);
    // Nobody pressed Retry: the booking is still at its first revision, and the thread is all green.
    expect((await stack.store.getBooking(booking.id))?.revision).toBe(1);
    expect(rootText(booking.id)).not.toContain('retrying at');
    // Issue #18: the steps' progress is in the root's lines, not in replies ("…are set up: done.").
    expect(rootText(booking.id)).toContain('Crew event (ShipCaptainCrew): done');
    expect(replies(booking.id).some((r) => /set up|out everywhere/.test(r.text ?? ''))).toBe(false);
  });
});

describe('SCC refusing the booking (a permanent 4xx)', () => {
  it('schedules no retry and tells a person what to do', { timeout: 60_000 }, async () => {
    stack.setFaults({ permanentStatus: 400, transientRate: 0 }, ['scc']);
    const booking = await stack.createBooking({ title: 'Refused Sail' }, 'bk-refused-for-good');

    await stack.waitFor('the SCC failure to reach the thread', async () => {
      const record = await pipeline.stepRecords.get(booking.id, 'scc-event');
      return (
        record?.status === 'failed' &&
        replies(booking.id).some((r) => (r.text ?? '').includes('will not fix itself'))
      );
    });
    const record = await pipeline.stepRecords.get(booking.id, 'scc-event');
    expect(record?.lastError?.kind).toBe('permanent');
    expect(record?.retry).toBeUndefined();
    expect(await retryTimersOf(booking.id)).toHaveLength(0);
    const said = replies(booking.id).find((r) => (r.text ?? '').includes('will not fix itself'));
    expect(said?.text).toContain('press *Retry failed steps*');
    expect(said?.text).toContain(record?.lastError?.message.slice(0, 30));
    expect(JSON.stringify(said?.blocks)).toContain(ACTION.retrySteps);
    stack.setFaults({ permanentStatus: undefined }, ['scc']);
  });
});
