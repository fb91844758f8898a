/**
 * Slack request signing (v0): `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret. Checked here rather than by Bolt because Bolt accepts timestamps from the future; a request is
 * accepted only within five minutes either side of now. Comparison is constant-time on equal-length digests.
 * Must never log the secret or the signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own tolerance for clock skew and replays. */
export const MAX_SKEW_SECONDS = 300;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function verifySlackSignature(options: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
  maxSkewSeconds?: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature))
    return { ok: false, reason: 'malformed' };
  const skew = Number(timestamp) - options.nowSeconds;
  const max = options.maxSkewSeconds ?? MAX_SKEW_SECONDS;
  if (skew < -max) return { ok: false, reason: 'stale' };
  if (skew > max) return { ok: false, reason: 'future' };
  const expected = Buffer.from(signSlackRequest(options.signingSecret, Number(timestamp), options.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
