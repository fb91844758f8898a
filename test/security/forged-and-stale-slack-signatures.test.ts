/**
 * Attacks that held (#14): a request claiming to come from Slack with a forged, replayed or altered signature
 * is refused before any listener runs. https://api.slack.com/authentication/verifying-requests-from-slack
 * (the HTTP refusals themselves: test/integration/slack/requests.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS, signSlackRequest, verifySlackSignature } from '../../src/slack/signature';

const SECRET = 'security-suite-signing-secret';
const NOW = 1_800_000_000;
const BODY = 'command=%2Fcharter&text=cancel+bk-1&user_id=UOPS';

const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
  verifySlackSignature({
    signingSecret: SECRET,
    rawBody: BODY,
    timestamp: String(NOW),
    signature: signSlackRequest(SECRET, NOW, BODY),
    nowSeconds: NOW,
    ...overrides,
  });

describe('forged Slack signatures', () => {
  it('accepts the genuine request (so the refusals below are about the forgery)', () => {
    expect(check({})).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret', () => {
    expect(check({ signature: signSlackRequest('guessed-secret', NOW, BODY) })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a genuine signature over another body (a changed command)', () => {
    expect(check({ rawBody: BODY.replace('bk-1', 'bk-2') })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a genuine signature moved to another timestamp', () => {
    expect(check({ timestamp: String(NOW - 1) })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses missing, truncated, upper-case and non-v0 signatures without comparing them', () => {
    const genuine = signSlackRequest(SECRET, NOW, BODY);
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    for (const signature of [
      genuine.slice(0, -1),
      genuine.toUpperCase(),
      genuine.replace('v0=', 'v1='),
      `${genuine}0`,
    ]) {
      expect(check({ signature })).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('stale Slack signatures', () => {
  it(`refuses a genuine request replayed more than ${MAX_SKEW_SECONDS} seconds later`, () => {
    const then = NOW - MAX_SKEW_SECONDS - 1;
    const replay = { timestamp: String(then), signature: signSlackRequest(SECRET, then, BODY) };
    expect(check(replay)).toEqual({ ok: false, reason: 'stale' });
    const edge = NOW - MAX_SKEW_SECONDS;
    expect(check({ timestamp: String(edge), signature: signSlackRequest(SECRET, edge, BODY) })).toEqual({
      ok: true,
    });
  });

  it('refuses a genuine request dated in the future (pre-signed for a later replay)', () => {
    const later = NOW + MAX_SKEW_SECONDS + 1;
    expect(check({ timestamp: String(later), signature: signSlackRequest(SECRET, later, BODY) })).toEqual({
      ok: false,
      reason: 'future',
    });
  });

  it('refuses a timestamp that is not a plain number', () => {
    for (const timestamp of [`${NOW}.0`, `-${NOW}`, '1e9', ` ${NOW}`]) {
      expect(check({ timestamp })).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
