/** Issue #12: a rate-limited Slack call waits Slack's Retry-After and is made again; nothing else is retried. */
import { describe, expect, it } from 'vitest';
import { rateLimitedFor, waitOutRateLimits } from '../../../src/clients/slack-rate-limit-wait';

function rateLimited(retryAfter: number) {
  return Object.assign(new Error('A rate-limit has been reached'), {
    code: 'slack_webapi_rate_limited_error',
    retryAfter,
  });
}

describe('waitOutRateLimits', () => {
  it('waits each Retry-After Slack asks for, then returns the call’s answer', async () => {
    const slept: number[] = [];
    let calls = 0;
    const answer = await waitOutRateLimits(
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(2);
        if (calls === 2) throw rateLimited(1);
        return 'posted';
      },
      { sleep: async (ms) => void slept.push(ms) },
    );
    expect(answer).toBe('posted');
    expect(slept).toEqual([2000, 1000]);
  });

  it('never retries a failure that is not a rate limit', async () => {
    let calls = 0;
    const failure = Object.assign(new Error('channel_not_found'), { code: 'slack_webapi_platform_error' });
    await expect(
      waitOutRateLimits(async () => {
        calls += 1;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('hands the 429 to the caller after its bounded number of waits', async () => {
    const limited = rateLimited(1);
    await expect(
      waitOutRateLimits(
        async () => {
          throw limited;
        },
        { sleep: async () => {}, maxWaits: 3 },
      ),
    ).rejects.toBe(limited);
    expect(rateLimitedFor(limited)).toBe(1);
    expect(rateLimitedFor(new Error('other'))).toBeUndefined();
  });
});
