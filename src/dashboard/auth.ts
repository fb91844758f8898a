/**
 * The dashboard's shared-secret checks. Tokens are compared as SHA-256 digests with timingSafeEqual, so
 * neither the content nor the length of the secret leaks through timing. Never log a token.
 *
 * Two secrets, never interchangeable: the API token (X-Dashboard-Token header only, reads and writes) and the
 * calendar feed token (the only token ever accepted in a URL, reads the feed alone). The feed token is its own
 * random secret, not derived from the API token, so rotating it revokes every subscription and nothing else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-dashboard-token';

export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** A feed token shorter than this is refused as configuration: it sits in URLs that get shared. */
export const MIN_FEED_TOKEN_LENGTH = 32;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
