import { describe, expect, it } from 'vitest';
import type { PlannedTimer } from '../../../src/lifecycle/timer-plan';
import { syncTimers } from '../../../src/lifecycle/timer-sync';
import { silentLogger } from '../../../src/logging/logger';
import type { Timer, TimerScheduler } from '../../../src/scheduler';

/** A scheduler that records calls, and a lifecycle store in memory. */
function fakes(before: Record<string, string> = {}) {
  const calls: string[] = [];
  const scheduler: TimerScheduler = {
    async schedule(timer: Timer) {
      calls.push(`schedule ${timer.name} ${timer.at.toISOString()}`);
    },
    async cancel(name: string) {
      calls.push(`cancel ${name}`);
    },
  };
  let saved = new Map(Object.entries(before));
  const store = {
    scheduledTimers: async () => new Map(saved),
    saveScheduledTimers: async (_id: string, timers: ReadonlyMap<string, string>) => {
      saved = new Map(timers);
    },
  };
  return { calls, saved: () => Object.fromEntries(saved), deps: { scheduler, store, logger: silentLogger } };
}

const timer = (name: string, at: string): PlannedTimer => ({
  name,
  at: new Date(at),
  payload: { kind: 'reminder', bookingId: 'bk-1', revision: 1 },
});
const NOW = new Date('2026-11-25T00:00:00Z');

describe('syncTimers', () => {
  it('schedules new and moved timers, cancels dropped ones, leaves unchanged ones alone', async () => {
    const f = fakes({
      same: '2026-11-26T00:00:00.000Z',
      moved: '2026-11-27T00:00:00.000Z',
      gone: '2026-11-28T00:00:00.000Z',
    });
    await syncTimers(
      f.deps,
      { id: 'bk-1' },
      [
        timer('same', '2026-11-26T00:00:00Z'),
        timer('moved', '2026-11-29T00:00:00Z'),
        timer('new', '2026-11-30T00:00:00Z'),
      ],
      NOW,
    );
    expect(f.calls).toEqual([
      'schedule moved 2026-11-29T00:00:00.000Z',
      'schedule new 2026-11-30T00:00:00.000Z',
      'cancel gone',
    ]);
    expect(Object.keys(f.saved()).sort()).toEqual(['moved', 'new', 'same']);
  });

  it('never cancels a planned timer whose time has come (it may be firing), nor schedules one in the past', async () => {
    const f = fakes({ due: '2026-11-24T23:59:00.000Z' });
    await syncTimers(
      f.deps,
      { id: 'bk-1' },
      [timer('due', '2026-11-24T23:59:00Z'), timer('late', '2026-11-24T12:00:00Z')],
      NOW,
    );
    expect(f.calls).toEqual([]);
    expect(f.saved()).toEqual({ due: '2026-11-24T23:59:00.000Z' });
  });

  it('cancels everything when nothing is planned (a cancelled charter)', async () => {
    const f = fakes({ a: '2026-11-26T00:00:00.000Z', b: '2026-11-27T00:00:00.000Z' });
    await syncTimers(f.deps, { id: 'bk-1' }, [], NOW);
    expect(f.calls).toEqual(['cancel a', 'cancel b']);
    expect(f.saved()).toEqual({});
  });
});
