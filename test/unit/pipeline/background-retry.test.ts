import { describe, expect, it } from 'vitest';
import { loadPipelineConfig } from '../../../src/config/pipeline';
import {
  backgroundDelayMs,
  decideRetry,
  isRetryDue,
  retryTimer,
  type StepRetry,
} from '../../../src/pipeline/background-retry';

const settings = { firstDelayMs: 120_000, maxDelayMs: 2 * 3_600_000, windowMs: 24 * 3_600_000 };
const transient = { kind: 'transient' as const, message: 'ShipCaptainCrew is having trouble (HTTP 503).' };
const now = new Date('2026-12-05T14:00:00Z');

describe('decideRetry', () => {
  it('leaves a permanent failure to a person', () => {
    const decision = decideRetry({
      failure: { kind: 'permanent', message: 'refused (HTTP 400)', status: 400 },
      revision: 1,
      previous: undefined,
      now,
      settings,
    });
    expect(decision).toEqual({ kind: 'person', why: 'permanent' });
  });

  it('retries a first transient failure after the first delay, as run 2', () => {
    const decision = decideRetry({ failure: transient, revision: 3, previous: undefined, now, settings });
    expect(decision).toEqual({
      kind: 'retry',
      retry: { revision: 3, attempt: 2, firstFailedAt: now.toISOString(), at: '2026-12-05T14:02:00.000Z' },
    });
  });

  it('doubles the delay per failed run and keeps the first failure time', () => {
    const previous: StepRetry = {
      revision: 3,
      attempt: 3,
      firstFailedAt: '2026-12-05T13:54:00.000Z',
      at: now.toISOString(),
    };
    const decision = decideRetry({ failure: transient, revision: 3, previous, now, settings });
    expect(decision.kind === 'retry' && decision.retry).toMatchObject({
      attempt: 4,
      firstFailedAt: previous.firstFailedAt,
      at: '2026-12-05T14:08:00.000Z',
    });
  });

  it('counts a wait (still sending) as no attempt and comes back after the first delay', () => {
    const previous: StepRetry = {
      revision: 2,
      attempt: 5,
      firstFailedAt: now.toISOString(),
      at: now.toISOString(),
    };
    const decision = decideRetry({
      failure: { ...transient, wait: true },
      revision: 2,
      previous,
      now,
      settings,
    });
    expect(decision.kind === 'retry' && decision.retry).toMatchObject({
      attempt: 5,
      at: '2026-12-05T14:02:00.000Z',
    });
  });

  it('ignores a retry planned for an older revision', () => {
    const previous: StepRetry = {
      revision: 1,
      attempt: 7,
      firstFailedAt: '2026-12-04T00:00:00.000Z',
      at: '',
    };
    const decision = decideRetry({ failure: transient, revision: 2, previous, now, settings });
    expect(decision.kind === 'retry' && decision.retry.attempt).toBe(2);
  });

  it('gives up to a person once the next retry would fall outside the window', () => {
    const previous: StepRetry = {
      revision: 1,
      attempt: 14,
      firstFailedAt: '2026-12-04T15:00:00.000Z',
      at: now.toISOString(),
    };
    const decision = decideRetry({ failure: transient, revision: 1, previous, now, settings });
    expect(decision).toEqual({ kind: 'person', why: 'window' });
  });
});

describe('backgroundDelayMs', () => {
  it('grows from minutes to hours and stops at the cap', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backgroundDelayMs(n, settings) / 60_000);
    expect(minutes).toEqual([2, 4, 8, 16, 32, 64, 120, 120, 120]);
  });
});

describe('isRetryDue', () => {
  const retry: StepRetry = { revision: 4, attempt: 2, firstFailedAt: '', at: '2026-12-05T14:10:00.000Z' };
  it('is due at its time, or a minute before (a timer may fire early)', () => {
    expect(isRetryDue(retry, 4, new Date('2026-12-05T14:09:30Z'))).toBe(true);
    expect(isRetryDue(retry, 4, new Date('2026-12-05T14:05:00Z'))).toBe(false);
  });
  it('is never due for another revision', () => {
    expect(isRetryDue(retry, 5, new Date('2026-12-05T15:00:00Z'))).toBe(false);
  });
});

describe('retryTimer', () => {
  it('names a fresh EventBridge-valid schedule per due time', () => {
    const id = '7a0c2f0e-9a53-4c38-8a1b-2f2b1c9d0e11';
    const a = retryTimer(id, 'scc-event', 2, new Date('2026-12-05T14:02:00Z'));
    const b = retryTimer(id, 'scc-event', 2, new Date('2026-12-05T14:06:00Z'));
    expect(a.name).not.toBe(b.name);
    expect(a.name).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
    expect(a.name.endsWith(id)).toBe(true);
    expect(a.payload).toEqual({ kind: 'retry', bookingId: id, revision: 2, step: 'scc-event' });
  });
});

describe('configuration', () => {
  const base = {
    SCC_URL: 'https://scc.example.com',
    DASHBOARD_URL: 'https://dash.example.com',
    SLACK_OPS_CHANNEL: 'C0123',
    SCC_SERVICE_KEY: 'k',
    DASHBOARD_TOKEN: 't',
    SLACK_BOT_TOKEN: 'xoxb-1',
  };
  it('defaults to a day of retries from two minutes up to two hours apart', () => {
    expect(loadPipelineConfig(base).backgroundRetry).toEqual(settings);
  });
  it('takes the window from the environment and names a bad value', () => {
    expect(
      loadPipelineConfig({ ...base, PIPELINE_RETRY_WINDOW_MS: '3600000' }).backgroundRetry.windowMs,
    ).toBe(3_600_000);
    expect(() => loadPipelineConfig({ ...base, PIPELINE_RETRY_WINDOW_MS: 'a day' })).toThrow(
      /PIPELINE_RETRY_WINDOW_MS is invalid/,
    );
  });
});
