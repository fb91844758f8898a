/**
 * The canary leak test: bookings carrying unmistakable amounts, notes and contacts are rendered through every
 * outward projection, and none of it may come out. Each outward artifact (guest page, crew email and page,
 * SCC event notes, calendar entries, roster email) adds a test of its own with the same helpers.
 */
import { describe, expect, it } from 'vitest';
import { crewView, guestView, opsView } from '../../../src/domain';
import { CANARY, canaryBooking, expectNoCanary } from '../../helpers/canary';

describe('canary leak: projections', () => {
  it('guestView carries no money, internal notes or contact details', () => {
    expectNoCanary(JSON.stringify(guestView(canaryBooking())), 'guest');
  });

  it.each(['ana-ruiz', 'ben-okafor', 'cleo-marsh'])('crewView for %s shows only their own pay', (crewId) => {
    const view = crewView(canaryBooking(), crewId);
    expectNoCanary(JSON.stringify(view), 'crew', crewId);
    expect(view.you.crewId).toBe(crewId);
  });

  it('crewView shows the person their own rate and pay for the charter', () => {
    const view = crewView(canaryBooking(), 'ben-okafor');
    expect(view.you.hourlyRateCents).toBe(CANARY.ratesCents[1]);
    expect(view.you.payCents).toBe(CANARY.ratesCents[1] * 3);
  });

  it('crewView shows the captain the captain fee as their pay, and nobody else sees it', () => {
    const captain = crewView(canaryBooking(), 'ana-ruiz');
    expect(captain.you).toMatchObject({ payCents: CANARY.captainFeeCents, payBasis: 'captain-fee' });
    for (const crewId of ['ben-okafor', 'cleo-marsh']) {
      expect(() => expectNoCanary(JSON.stringify(captain), 'crew', crewId)).toThrow();
      expect(JSON.stringify(crewView(canaryBooking(), crewId))).not.toContain(String(CANARY.captainFeeCents));
    }
  });

  it('the canary detector itself catches a leak (it can fail)', () => {
    const leaky = JSON.stringify(opsView(canaryBooking()));
    expect(() => expectNoCanary(leaky, 'guest')).toThrow();
  });

  it('the detector matches amounts as numbers of their own, not digits inside a Slack ts', () => {
    // A CI run failed on a ts that held "7622" (Ben's rate in cents) by chance.
    expect(() =>
      expectNoCanary('{"ts":"1764707622.004211","thread_ts":"1764700076.220000"}', 'crew'),
    ).not.toThrow();
    expect(() => expectNoCanary('Ben · $76.22/h', 'crew')).toThrow();
    expect(() => expectNoCanary('{"rate":7622}', 'crew')).toThrow();
    expect(() => expectNoCanary('pay 228.66 total', 'crew')).toThrow();
  });

  it('crew lists show first names and roles only', () => {
    expect(guestView(canaryBooking()).crew).toEqual([
      { firstName: 'Ana', role: 'captain' },
      { firstName: 'Ben', role: 'crew' },
      { firstName: 'Cleo', role: 'hostess' },
    ]);
  });

  it('crewView with who declined: off the crew list, own pay still theirs only, no money anywhere', () => {
    for (const crewId of ['ana-ruiz', 'ben-okafor', 'cleo-marsh']) {
      const view = crewView(canaryBooking(), crewId, undefined, { declined: ['cleo-marsh'] });
      expectNoCanary(JSON.stringify(view), 'crew', crewId);
      expect(view.crew).toEqual([
        { firstName: 'Ana', role: 'captain' },
        { firstName: 'Ben', role: 'crew' },
      ]);
      expect(view.you.crewId).toBe(crewId);
    }
    expect(guestView(canaryBooking(), { declined: ['cleo-marsh'] }).crew).toEqual(
      crewView(canaryBooking(), 'ben-okafor', undefined, { declined: ['cleo-marsh'] }).crew,
    );
  });

  it('refuses to build a crew view for someone not on the charter', () => {
    expect(() => crewView(canaryBooking(), 'stranger')).toThrow();
  });

  it('a raw booking cannot be passed where a guest view is expected (compile-time)', () => {
    const render = (view: ReturnType<typeof guestView>) => view.title;
    // @ts-expect-error — a Booking is not a GuestView: the brand makes this a type error.
    expect(render(canaryBooking())).toBe('Sunset Sail');
  });
});
