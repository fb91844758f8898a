import { describe, expect, it } from 'vitest';
import type { RetrySettings } from '../../../src/config/pipeline';
import type { StepFailure } from '../../../src/retry/failures';
import {
  backoffDelay,
  CALL_ATTEMPTS,
  callRetrySettings,
  retryCall,
  retryTransient,
  sdkRetryStrategy,
} from '../../../src/retry/retry';

const SETTINGS: RetrySettings = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 500 };
const transient: StepFailure = { kind: 'transient', message: 'busy' };
const permanent: StepFailure = { kind: 'permanent', message: 'refused' };
const noSleep = async () => {};

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt and never exceeds the maximum', () => {
    const top = (attempt: number) => backoffDelay(attempt, SETTINGS, () => 0.999999);
    expect([1, 2, 3, 4, 5].map(top)).toEqual([100, 200, 400, 500, 500]);
  });

  it('draws anywhere from zero to the ceiling (full jitter)', () => {
    expect(backoffDelay(3, SETTINGS, () => 0)).toBe(0);
    expect(backoffDelay(3, SETTINGS, () => 0.5)).toBe(200);
  });
});

describe('retryTransient', () => {
  it('retries transient failures until the operation succeeds', async () => {
    const seen: number[] = [];
    const outcome = await retryTransient(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Error('flaky');
        return 'done';
      },
      { settings: SETTINGS, classify: () => transient, sleep: noSleep },
    );
    expect(outcome).toEqual({ ok: true, value: 'done', attempts: 3 });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    const outcome = await retryTransient(
      async () => {
        calls += 1;
        throw new Error('400');
      },
      { settings: SETTINGS, classify: () => permanent, sleep: noSleep },
    );
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, failure: permanent });
  });

  it('gives up after the last attempt with the last failure', async () => {
    const retries: number[] = [];
    const outcome = await retryTransient(
      async () => {
        throw new Error('503');
      },
      {
        settings: SETTINGS,
        classify: () => transient,
        sleep: noSleep,
        onRetry: async (_failure, attempt) => {
          retries.push(attempt);
        },
      },
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 4, failure: transient });
    expect(retries).toEqual([1, 2, 3]);
  });

  it('waits the jittered backoff between attempts', async () => {
    const waits: number[] = [];
    await retryTransient(
      async () => {
        throw new Error('503');
      },
      {
        settings: SETTINGS,
        classify: () => transient,
        sleep: async (ms) => void waits.push(ms),
        random: () => 0.5,
      },
    );
    expect(waits).toEqual([50, 100, 200]);
  });
});

describe('retryCall (the call layer)', () => {
  it('throws the last error once its few tries are spent', async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error(`try ${calls}`);
    };
    await expect(retryCall(failing, callRetrySettings(SETTINGS), () => transient, noSleep)).rejects.toThrow(
      `try ${CALL_ATTEMPTS}`,
    );
    expect(calls).toBe(CALL_ATTEMPTS);
  });
});

describe('sdkRetryStrategy', () => {
  it('retries transient, throttling and server errors up to the limit, with our backoff', async () => {
    const strategy = sdkRetryStrategy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.5);
    const first = await strategy.acquireInitialRetryToken('');
    const second = await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    expect([second.getRetryCount(), second.getRetryDelay()]).toEqual([1, 50]);
    const third = await strategy.refreshRetryTokenForRetry(second, { errorType: 'SERVER_ERROR' });
    expect([third.getRetryCount(), third.getRetryDelay()]).toEqual([2, 100]);
    await expect(strategy.refreshRetryTokenForRetry(third, { errorType: 'TRANSIENT' })).rejects.toThrow();
  });

  it('never retries a client error (4xx)', async () => {
    const strategy = sdkRetryStrategy(SETTINGS);
    const token = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });

  it('has no retry quota: a burst of failures does not turn retries off', async () => {
    const strategy = sdkRetryStrategy({ maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 });
    for (let i = 0; i < 1000; i++) {
      const token = await strategy.acquireInitialRetryToken('');
      await expect(
        strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' }),
      ).resolves.toBeDefined();
    }
  });
});
