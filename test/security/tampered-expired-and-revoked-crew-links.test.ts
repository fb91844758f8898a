/**
 * Attacks that held (#14): a crew link that was altered, is past its time, or was replaced by a newer one
 * opens nothing. The signature is checked before anything is read, a genuine link for a person no longer on
 * the event is refused, and each refusal is a page with a status, never a stack (the pages themselves are
 * tested in test/integration/scc/crew-page.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../src/config/brands';
import { CrewLinkRefused, resolveCrewLink } from '../../src/scc/crew-access';
import type { EventState, SccEventStore } from '../../src/scc/event-store';
import {
  ExpiredLinkError,
  signCrewLink,
  signFeedToken,
  signGuestUnsubscribe,
  TamperedLinkError,
  verifyCrewLink,
  verifyFeedToken,
  verifyGuestUnsubscribe,
} from '../../src/scc/magic-link';

const SECRET = 'security-suite-magic-link-secret-0123456789';
const NOW = new Date('2026-12-01T12:00:00Z');
const inAnHour = Math.floor(NOW.getTime() / 1000) + 3600;
const claims = { eventId: 'bk-1', crewId: 'ana-ruiz', version: 2, expiresAt: inAnHour };
const brands = loadBrands('templates');

/** SCC's event as the store would load it: Ana on version 2 (active), Ben removed. */
function eventsHolding(assignments: Record<string, { version: number; active: boolean }>) {
  const state = {
    event: {
      id: 'bk-1',
      bookingId: 'bk-1',
      status: 'scheduled',
      domain: 'sailjada.com',
      title: 'Sunset sail',
    },
    assignments: new Map(Object.entries(assignments)),
  } as unknown as EventState;
  return { loadState: async (id: string) => (id === 'bk-1' ? state : undefined) } as unknown as SccEventStore;
}

async function refusalOf(
  token: string,
  events = eventsHolding({ 'ana-ruiz': { version: 2, active: true } }),
) {
  try {
    await resolveCrewLink(token, { events, brands, secret: SECRET, now: NOW });
    return 'opened';
  } catch (error) {
    if (error instanceof CrewLinkRefused) return error.statusCode;
    throw error;
  }
}

describe('tampered crew links', () => {
  it('refuses every single-character change of a genuine link (403)', () => {
    const token = signCrewLink(claims, SECRET);
    for (let i = 0; i < token.length; i++) {
      const flipped = token[i] === 'A' ? 'B' : 'A';
      const tampered = `${token.slice(0, i)}${flipped}${token.slice(i + 1)}`;
      if (tampered === token) continue;
      expect(() => verifyCrewLink(tampered, SECRET, NOW), `position ${i}`).toThrow(TamperedLinkError);
    }
  });

  it('refuses a link signed with another secret, or cut short, or empty', () => {
    const foreign = signCrewLink(claims, 'another-secret-of-the-same-length-0123456');
    for (const token of [foreign, signCrewLink(claims, SECRET).slice(0, -3), '', '.', 'a.b.c']) {
      expect(() => verifyCrewLink(token, SECRET, NOW)).toThrow(TamperedLinkError);
    }
  });

  it('does not accept a feed token or an unsubscribe token as a crew link (each purpose signs apart)', () => {
    for (const token of [
      signFeedToken({ crewId: 'ana-ruiz', version: 2 }, SECRET),
      signGuestUnsubscribe('bk-1', SECRET),
    ]) {
      expect(() => verifyCrewLink(token, SECRET, NOW)).toThrow(TamperedLinkError);
    }
    expect(() => verifyFeedToken(signCrewLink(claims, SECRET), SECRET)).toThrow(TamperedLinkError);
    expect(() => verifyGuestUnsubscribe(signCrewLink(claims, SECRET), SECRET)).toThrow(TamperedLinkError);
  });

  it('refuses a genuine signature for a person who is not on the event (403)', async () => {
    expect(await refusalOf(signCrewLink({ ...claims, crewId: 'mallory' }, SECRET))).toBe(403);
  });
});

describe('expired crew links', () => {
  it('refuses a genuine link one second past its time (410), and opens it one second before', async () => {
    const now = Math.floor(NOW.getTime() / 1000);
    expect(() =>
      verifyCrewLink(signCrewLink({ ...claims, expiresAt: now - 1 }, SECRET), SECRET, NOW),
    ).toThrow(ExpiredLinkError);
    expect(await refusalOf(signCrewLink({ ...claims, expiresAt: now - 1 }, SECRET))).toBe(410);
    expect(await refusalOf(signCrewLink({ ...claims, expiresAt: now + 1 }, SECRET))).toBe('opened');
  });
});

describe('revoked crew links', () => {
  it('refuses a link replaced by a newer version (410)', async () => {
    expect(await refusalOf(signCrewLink({ ...claims, version: 1 }, SECRET))).toBe(410);
  });

  it('refuses the link of a person taken off the charter (410)', async () => {
    const events = eventsHolding({ 'ana-ruiz': { version: 2, active: false } });
    expect(await refusalOf(signCrewLink(claims, SECRET), events)).toBe(410);
  });

  it('refuses a version from the future, which we never signed for this assignment (403)', async () => {
    expect(await refusalOf(signCrewLink({ ...claims, version: 3 }, SECRET))).toBe(403);
  });
});
