import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../../src/slack/signature';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fcharter&text=list';
const now = 1_760_000_000;

describe('Slack request signatures', () => {
  it('signs as Slack documents: v0= + hex HMAC-SHA256 of "v0:<ts>:<body>"', () => {
    const expected = createHmac('sha256', secret).update(`v0:${now}:${body}`).digest('hex');
    expect(signSlackRequest(secret, now, body)).toBe(`v0=${expected}`);
  });

  it('accepts a matching signature within five minutes', () => {
    const signature = signSlackRequest(secret, now - 299, body);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        timestamp: String(now - 299),
        signature,
        nowSeconds: now,
      }),
    ).toEqual({ ok: true });
  });

  it.each([
    ['stale', now - 301],
    ['future', now + 301],
  ] as const)('refuses a %s timestamp even when the signature matches', (reason, timestamp) => {
    const signature = signSlackRequest(secret, timestamp, body);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        timestamp: String(timestamp),
        signature,
        nowSeconds: now,
      }),
    ).toEqual({ ok: false, reason });
  });

  it('refuses another secret, another body, missing or malformed headers', () => {
    const good = signSlackRequest(secret, now, body);
    const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        timestamp: String(now),
        signature: good,
        nowSeconds: now,
        ...overrides,
      });
    expect(check({ signingSecret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ rawBody: `${body}&x=1` })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ signature: 'v1=abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ timestamp: '17e8' })).toEqual({ ok: false, reason: 'malformed' });
  });
});
