/**
 * Several reconcilers on the same bookings at the same time (as when a retried stream batch overlaps a
 * running one, or two pollers share a table): the step claims let one of them do each step, so every outside
 * side effect still happens once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepBusyError } from '../../../src/pipeline/reconciler';
import { type PipelineStack, startPipelineStack } from './helpers/pipeline-stack';

let stack: PipelineStack;

beforeAll(async () => {
  stack = await startPipelineStack({ leaseMs: 6_000 });
  // A slower downstream keeps the racers overlapping inside each step.
  stack.setFaults({ latencyMs: 25 });
});

afterAll(async () => {
  await stack?.stop();
});

describe('reconcilers racing on the same bookings', () => {
  it('do each side effect once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await stack.createBooking({ title: `Race Sail ${i}` }, `bk-race-${i}`)).id);
    const racers = ['racer-a', 'racer-b', 'racer-c'].map(
      (owner) => stack.buildPipeline({ owner }).reconciler,
    );

    // A racer that waited longer than twice the lease for another's step gives up with StepBusyError, as a
    // stream batch does in production (a wait, retried later) — on a loaded machine a step can take that long.
    // Giving up is allowed; doing a side effect twice is not. Then one more pass, as the retried batch would.
    const yieldWhenBusy = (error: unknown) => {
      if (!(error instanceof StepBusyError)) throw error;
    };
    await Promise.all(
      ids.flatMap((id) => racers.map((racer) => racer.reconcileBooking(id).catch(yieldWhenBusy))),
    );
    for (const id of ids) await racers[0]!.reconcileBooking(id);

    for (const id of ids) {
      expect(await stack.isConverged(id), id).toBe(true);
      expect(stack.sccCreates(id), id).toBe(1);
      expect(stack.rootMessages(id), id).toHaveLength(1);
      expect(
        stack.cloudFront.invalidations.filter((i) => i.callerReference.startsWith(`${id}-`)),
        id,
      ).toHaveLength(1);
    }
    const invites = (await stack.crewMail()).filter((m) => m.kind === 'invite');
    expect(invites).toHaveLength(ids.length * 2);
    expect(new Set(invites.map((m) => `${m.to}/${m.subject}`)).size).toBe(invites.length);
  });
});
