/**
 * A per-link rate limit that holds across Lambda containers: hits are counted in the table (one counter
 * per link digest and fixed window, expiring by TTL). Keyed by a digest of the token, never the token.
 */
import { createHash } from 'node:crypto';
import { RateLimitError } from '../errors';
import type { SccEventStore } from './event-store';

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Answers from the crew page: generous for a person, useless for a script. */
export const ANSWER_RATE_LIMIT: RateLimit = { limit: 10, windowSeconds: 600 };
/** Presigns: one per photo, so a batch of photos fits. */
export const PRESIGN_RATE_LIMIT: RateLimit = { limit: 60, windowSeconds: 600 };

export async function enforceRateLimit(
  events: SccEventStore,
  scope: { eventId: string; token: string; purpose: string },
  limit: RateLimit,
  now: Date,
): Promise<void> {
  const digest = createHash('sha256').update(`${scope.purpose}:${scope.token}`).digest('hex').slice(0, 24);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % limit.windowSeconds);
  const hits = await events.countHit(
    scope.eventId,
    digest,
    windowStart,
    windowStart + 2 * limit.windowSeconds,
  );
  if (hits > limit.limit) {
    throw new RateLimitError(
      `Too many tries from this link. Wait ${Math.ceil(limit.windowSeconds / 60)} minutes and try again.`,
    );
  }
}
