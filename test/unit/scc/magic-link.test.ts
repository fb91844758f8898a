import { describe, expect, it } from 'vitest';
import {
  crewLinkExpiry,
  ExpiredLinkError,
  signCrewLink,
  signFeedToken,
  TamperedLinkError,
  verifyCrewLink,
  verifyFeedToken,
} from '../../../src/scc/magic-link';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = new Date('2026-11-24T17:00:00Z');
const claims = {
  eventId: 'bk-test-0001',
  crewId: 'ana-ruiz',
  version: 3,
  expiresAt: crewLinkExpiry('2026-12-06T03:00:00.000Z', 24),
};

describe('crew links', () => {
  it('round-trips the event, the person, the version and the expiry', () => {
    const token = signCrewLink(claims, SECRET);
    expect(verifyCrewLink(token, SECRET, NOW)).toEqual(claims);
  });

  it('is URL-safe: letters, digits, dash, underscore and one dot', () => {
    expect(signCrewLink(claims, SECRET)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('expires 24 hours after the charter ends', () => {
    const token = signCrewLink(claims, SECRET);
    expect(() => verifyCrewLink(token, SECRET, new Date('2026-12-07T02:59:59Z'))).not.toThrow();
    expect(() => verifyCrewLink(token, SECRET, new Date('2026-12-07T03:00:01Z'))).toThrow(ExpiredLinkError);
  });

  it('refuses a token with any single character changed', () => {
    const token = signCrewLink(claims, SECRET);
    const refused = [...token].map((char, i) => {
      const swapped = char === 'A' ? 'B' : 'A';
      try {
        verifyCrewLink(`${token.slice(0, i)}${swapped}${token.slice(i + 1)}`, SECRET, NOW);
        return false;
      } catch (error) {
        return error instanceof TamperedLinkError;
      }
    });
    expect(refused.every(Boolean)).toBe(true);
  });

  it('refuses claims re-encoded with another expiry, even keeping the signature', () => {
    const token = signCrewLink(claims, SECRET);
    const [, signature] = token.split('.');
    const longer = Buffer.from(
      JSON.stringify({
        e: claims.eventId,
        c: claims.crewId,
        v: claims.version,
        x: claims.expiresAt + 86400 * 365,
      }),
    ).toString('base64url');
    expect(() => verifyCrewLink(`${longer}.${signature}`, SECRET, NOW)).toThrow(TamperedLinkError);
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const token = signCrewLink(claims, `${SECRET}-other`);
    expect(() => verifyCrewLink(token, SECRET, NOW)).toThrow(TamperedLinkError);
    for (const junk of ['', '.', 'abc', 'a.b.c', `${'x'.repeat(2000)}.y`]) {
      expect(() => verifyCrewLink(junk, SECRET, NOW)).toThrow(TamperedLinkError);
    }
  });

  it('refuses a calendar-feed token presented as a crew link, and the other way round', () => {
    const feed = signFeedToken({ crewId: 'ana-ruiz', version: 1 }, SECRET);
    const link = signCrewLink(claims, SECRET);
    expect(() => verifyCrewLink(feed, SECRET, NOW)).toThrow(TamperedLinkError);
    expect(() => verifyFeedToken(link, SECRET)).toThrow(TamperedLinkError);
  });
});

describe('calendar feed tokens', () => {
  it('round-trip the person and their feed version', () => {
    const token = signFeedToken({ crewId: 'ben-okafor', version: 2 }, SECRET);
    expect(verifyFeedToken(token, SECRET)).toEqual({ crewId: 'ben-okafor', version: 2 });
  });
});
