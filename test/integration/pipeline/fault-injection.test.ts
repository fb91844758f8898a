/**
 * Fault injection: a faulty proxy sits in front of every downstream (SCC, dashboard, Slack, S3, CloudFront).
 * Permanent failures (4xx) are not retried and reach the thread with the Retry button; pressing it brings the
 * booking home. Under a 30% rate of transient failures (5xx before and after the side effect, timeouts before
 * and after it, throttling) 50 bookings all converge, and every side effect happened exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepName } from '../../../src/pipeline/step-records';
import { ACTION } from '../../../src/slack/ids';
import type { Pipeline } from '../../../src/wiring/create-pipeline';
import {
  DOWNSTREAMS,
  type Downstream,
  OPS_CHANNEL,
  type PipelineStack,
  startPipelineStack,
} from './helpers/pipeline-stack';

let stack: PipelineStack;
let pipeline: Pipeline;

beforeAll(async () => {
  stack = await startPipelineStack({
    httpTimeoutMs: 300,
    // 40, not 10: since #14, #17 and #18 a guest page attempt makes about ten S3 calls (its pages, the
    // brand's 404 page, photo checks, the decliners' republish) and succeeds only when all of them do, each
    // under the 30% fault rate; with 20, one booking in a run of 50 sometimes used them all up (seen once in
    // three quiet runs). In production the background retries of #16 take over after the last attempt; this
    // stack runs without timers (giving it timers is the open item in #16's note).
    maxAttempts: 40,
    backoffMs: [10, 400],
    seed: 20261205,
  });
  pipeline = stack.buildPipeline();
  await stack.startPoller(pipeline);
});

afterAll(async () => {
  await stack?.stop();
});

const FAILING_STEP: Record<Downstream, StepName> = {
  scc: 'scc-event',
  dashboard: 'calendar-entry',
  s3: 'guest-page',
  cloudFront: 'invalidation',
  slack: 'slack-thread',
};

const REFUSAL: Record<Downstream, number> = {
  scc: 400,
  dashboard: 400,
  s3: 403,
  cloudFront: 403,
  slack: 400,
};

describe('a downstream that refuses (a permanent failure)', () => {
  it.each(DOWNSTREAMS)(
    '%s: fails once, says why in the thread, and the Retry button brings it home',
    async (name) => {
      stack.setFaults({ permanentStatus: REFUSAL[name] }, [name]);
      const booking = await stack.createBooking(
        { title: `Refused by ${name}` },
        `bk-refused-${name.toLowerCase()}`,
      );
      const step = FAILING_STEP[name];
      await stack.waitFor(`${step} to fail`, async () => {
        const records = await pipeline.stepRecords.list(booking.id);
        const thread = records.get('slack-thread');
        return records.get(step)?.status === 'failed' && (name === 'slack' || thread?.status === 'succeeded');
      });

      const failed = await pipeline.stepRecords.get(booking.id, step);
      expect(failed?.attempts).toBe(1);
      expect(failed?.lastError?.kind).toBe('permanent');
      expect(failed?.lastError?.message).toMatch(/refused|not valid|credentials/i);
      if (name !== 'slack') {
        const [root] = stack.rootMessages(booking.id);
        const failure = stack.slack
          .replies(OPS_CHANNEL, root?.ts ?? '')
          .find((reply) => (reply.text ?? '').includes('failed'));
        expect(failure?.text).toContain(failed?.lastError?.message.slice(0, 30));
        expect(JSON.stringify(failure?.blocks)).toContain(ACTION.retrySteps);
      }

      stack.setFaults({ permanentStatus: undefined }, [name]);
      await stack.store.requestReconcile(booking.id, booking.revision, 'retry', 'UOPERATOR');
      await stack.waitFor('the retry to converge', () => stack.isConverged(booking.id));
      expect(stack.rootMessages(booking.id)).toHaveLength(1);
      const [root] = stack.rootMessages(booking.id);
      const replies = stack.slack.replies(OPS_CHANNEL, root?.ts ?? '').map((r) => r.text ?? '');
      expect(replies.some((text) => text.includes('asked to retry'))).toBe(true);
    },
  );
});

describe('a 30% rate of transient failures on every downstream', () => {
  it('provisions 50 bookings, each side effect exactly once', { timeout: 420_000 }, async () => {
    const before = snapshotCounts();
    stack.setFaults({ transientRate: 0.3 });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const crew =
        i % 2 === 0
          ? undefined
          : [
              { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' as const, hourlyRateCents: 6500 },
              { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' as const, hourlyRateCents: 3200 },
              { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess' as const, hourlyRateCents: 2800 },
            ];
      const booking = await stack.createBooking(
        { title: `Flaky Sail ${i}`, ...(crew ? { crew } : {}) },
        `bk-flaky-${String(i).padStart(2, '0')}`,
      );
      ids.push(booking.id);
    }
    await stack
      .waitFor(
        'all 50 bookings to converge',
        async () => (await Promise.all(ids.map((id) => stack.isConverged(id)))).every(Boolean),
        // A bound on waiting, not a speed check: on a loaded 2-core machine the last bookings were still
        // converging, one retry at a time, at 180 s.
        360_000,
      )
      .catch(async (error: unknown) => {
        const pending = [];
        for (const id of ids) if (!(await stack.isConverged(id))) pending.push(await stack.describe(id));
        throw new Error(`${String(error)}\n${pending.join('\n')}`);
      });
    stack.setFaults({ transientRate: 0 });

    const sccCreates = ids.map((id) => stack.sccCreates(id));
    const titles = new Set(ids.map((_id, i) => `Flaky Sail ${i},`));
    const invites = new Map<string, number>();
    for (const mail of await stack.crewMail()) {
      const title = /^Crew call: (.*?,)/.exec(mail.subject)?.[1];
      if (mail.kind !== 'invite' || !title || !titles.has(title)) continue;
      const key = `${title}/${mail.to}`;
      invites.set(key, (invites.get(key) ?? 0) + 1);
    }
    const expectedInvites = ids.reduce((sum, _id, i) => sum + (i % 2 === 0 ? 2 : 3), 0);
    const entries = await Promise.all(ids.map((id) => stack.calendarEntry(id)));
    const calendarEntries = entries.filter((e) => e?.revision === 1).length;
    const roots = ids.map((id) => stack.rootMessages(id).length);
    const invalidations = ids.map(
      (id) => stack.cloudFront.invalidations.filter((i) => i.callerReference.startsWith(`${id}-r1-`)).length,
    );
    const duplicateReplies = ids.flatMap((id) => {
      const [root] = stack.rootMessages(id);
      const keys = stack.slack
        .replies(OPS_CHANNEL, root?.ts ?? '')
        .map((m) => String(m.metadata?.event_payload?.key ?? m.ts));
      return keys.filter((key, i) => keys.indexOf(key) !== i);
    });
    const faults = faultCounts(before);

    console.log(
      [
        'fault injection: 50 bookings, 30% transient failures on every downstream',
        '  requests per downstream (passed, then each injected fault):',
        ...DOWNSTREAMS.map(
          (name) =>
            `    ${name.padEnd(10)} ${Object.entries(faults[name])
              .filter(([fault]) => fault !== 'permanent')
              .map(([fault, n]) => `${fault} ${n}`)
              .join(', ')}`,
        ),
        `  SCC events created: ${sum(sccCreates)} (max per booking ${Math.max(...sccCreates)})`,
        `  crew invite emails: ${sum([...invites.values()])} for ${expectedInvites} assignments (max per person ${Math.max(...invites.values())})`,
        `  calendar entries: ${calendarEntries}`,
        `  root messages: ${sum(roots)} (max per booking ${Math.max(...roots)})`,
        `  invalidations: ${sum(invalidations)} (max per booking ${Math.max(...invalidations)})`,
        `  duplicate thread replies: ${duplicateReplies.length}`,
      ].join('\n'),
    );

    expect(sccCreates.every((n) => n === 1)).toBe(true);
    expect(invites.size).toBe(expectedInvites);
    expect([...invites.values()].every((n) => n === 1)).toBe(true);
    expect(calendarEntries).toBe(50);
    expect(roots.every((n) => n === 1)).toBe(true);
    expect(invalidations.every((n) => n === 1)).toBe(true);
    expect(duplicateReplies).toEqual([]);
    for (const name of DOWNSTREAMS) {
      // Every kind of transient fault really happened on every downstream.
      for (const fault of [
        'error-before',
        'error-after',
        'timeout-before',
        'timeout-after',
        'throttle',
      ] as const)
        expect(faults[name]?.[fault], `${name} ${fault}`).toBeGreaterThan(0);
    }
  });
});

type Counts = Record<Downstream, Record<string, number>>;

function snapshotCounts(): Counts {
  return Object.fromEntries(
    DOWNSTREAMS.map((name) => [name, { ...stack.proxies[name].counts }]),
  ) as unknown as Counts;
}

function faultCounts(before: Counts): Counts {
  const now = snapshotCounts();
  return Object.fromEntries(
    DOWNSTREAMS.map((name) => [
      name,
      Object.fromEntries(
        Object.entries(now[name]).map(([fault, n]) => [fault, n - (before[name][fault] ?? 0)]),
      ),
    ]),
  ) as unknown as Counts;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
