/**
 * Crew magic links and calendar-feed tokens: HMAC-SHA256 over a small URL-safe payload, so a link proves
 * which event, which person and which assignment version it was made for, and until when it works.
 * Bumping the assignment's version (or the person's feed version) revokes every older link.
 *
 * Format: base64url(JSON claims) "." base64url(HMAC-SHA256(purpose key, first part)). The signature is
 * recomputed over the exact text received and compared in constant time.
 * Must never log a token or put one anywhere but the link itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, GoneError } from '../errors';

export interface CrewLinkClaims {
  eventId: string;
  crewId: string;
  version: number;
  /** Epoch seconds after which the link stops working. */
  expiresAt: number;
}

export interface FeedClaims {
  crewId: string;
  version: number;
}

type Purpose = 'crew-link' | 'crew-feed' | 'guest-unsubscribe';

/** A link that was never signed by us, or was altered: 403. */
export class TamperedLinkError extends ForbiddenError {
  constructor() {
    super('This link is not valid.');
  }
}

/** A genuine link whose time is up: 410. */
export class ExpiredLinkError extends GoneError {
  constructor() {
    super('This link has expired.');
  }
}

export function signCrewLink(claims: CrewLinkClaims, secret: string): string {
  return sign(
    'crew-link',
    { e: claims.eventId, c: claims.crewId, v: claims.version, x: claims.expiresAt },
    secret,
  );
}

/** Verifies signature, then expiry. Throws TamperedLinkError or ExpiredLinkError. */
export function verifyCrewLink(token: string, secret: string, now: Date): CrewLinkClaims {
  const raw = verify('crew-link', token, secret);
  const claims = {
    eventId: raw.e,
    crewId: raw.c,
    version: raw.v,
    expiresAt: raw.x,
  };
  if (
    typeof claims.eventId !== 'string' ||
    typeof claims.crewId !== 'string' ||
    !Number.isInteger(claims.version) ||
    !Number.isInteger(claims.expiresAt)
  ) {
    throw new TamperedLinkError();
  }
  if (now.getTime() / 1000 > (claims.expiresAt as number)) throw new ExpiredLinkError();
  return claims as CrewLinkClaims;
}

export function signFeedToken(claims: FeedClaims, secret: string): string {
  return sign('crew-feed', { c: claims.crewId, v: claims.version }, secret);
}

/** A feed token has no expiry (a phone polls it for months); it dies when the person's feed version moves. */
export function verifyFeedToken(token: string, secret: string): FeedClaims {
  const raw = verify('crew-feed', token, secret);
  if (typeof raw.c !== 'string' || !Number.isInteger(raw.v)) throw new TamperedLinkError();
  return { crewId: raw.c, version: raw.v as number };
}

/**
 * The one-click unsubscribe token in every guest email (List-Unsubscribe, RFC 8058): names the booking and
 * nothing else, never expires (a guest may unsubscribe from an old email), and is useless for anything but
 * stopping that booking's guest mail.
 */
export function signGuestUnsubscribe(bookingId: string, secret: string): string {
  return sign('guest-unsubscribe', { b: bookingId }, secret);
}

export function verifyGuestUnsubscribe(token: string, secret: string): { bookingId: string } {
  const raw = verify('guest-unsubscribe', token, secret);
  if (typeof raw.b !== 'string' || raw.b.length === 0) throw new TamperedLinkError();
  return { bookingId: raw.b };
}

/** Expiry of a crew link: `hoursAfterEnd` after the charter ends. */
export function crewLinkExpiry(endsAt: string, hoursAfterEnd: number): number {
  return Math.floor(Date.parse(endsAt) / 1000) + hoursAfterEnd * 3600;
}

function sign(purpose: Purpose, claims: Record<string, unknown>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${signature(purpose, payload, secret)}`;
}

function verify(purpose: Purpose, token: string, secret: string): Record<string, unknown> {
  if (typeof token !== 'string' || token.length > 1024) throw new TamperedLinkError();
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) throw new TamperedLinkError();
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'utf8');
  const expected = Buffer.from(signature(purpose, payload, secret), 'utf8');
  // Comparing the canonical text (not decoded bytes) also refuses base64 spellings we never produce.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TamperedLinkError();
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (claims && typeof claims === 'object' && !Array.isArray(claims))
      return claims as Record<string, unknown>;
  } catch {
    // fall through: a correctly signed but unreadable payload is still not a link of ours
  }
  throw new TamperedLinkError();
}

/** One key per purpose, derived from the secret, so a feed token can never pass as a crew link. */
function signature(purpose: Purpose, payload: string, secret: string): string {
  const key = createHmac('sha256', secret).update(`charter-ops/scc/${purpose}`).digest();
  return createHmac('sha256', key).update(payload).digest('base64url');
}
