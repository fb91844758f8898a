/**
 * The dashboard's shared-secret checks. Tokens are compared as SHA-256 digests with timingSafeEqual, so
 * neither the content nor the length of the secret leaks through timing. Never log a token.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-dashboard-token';

export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The read-only token for the iCalendar subscription URL, derived from the dashboard token: a phone's
 * calendar app keeps its URL in plain sight, and this token can read the feed but cannot write anything.
 */
export function feedToken(dashboardToken: string): string {
  return createHmac('sha256', dashboardToken).update('charter-ops calendar feed v1').digest('base64url');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
