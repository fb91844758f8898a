/**
 * The canary leak test for everything SCC shows crew: the event notes the pipeline sends, every crew email
 * (HTML, text, calendar attachment), the crew page and the calendar feed, rendered from the canary booking
 * whose secret fields carry unmistakable amounts. Each person may see their own rate and pay, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, formatCents, paidByCaptainFee } from '../../../src/domain';
import { monthPeriod, yourPay } from '../../../src/reports';
import { buildCrewCharterIcs, buildCrewFeed } from '../../../src/scc/crew-calendar';
import {
  type CrewEmailKind,
  loadCrewTemplates,
  renderCrewEmail,
  renderCrewPage,
} from '../../../src/scc/crew-templates';
import { crewViewFromEvent } from '../../../src/scc/crew-view';
import { type SccEvent, SccEventInputSchema } from '../../../src/scc/event-schema';
import { CANARY, canaryBooking, expectNoCanary } from '../../helpers/canary';

const templates = loadCrewTemplates('templates');
const brand = loadBrands('templates').get('sailjada.com');
const CREW_IDS = ['ana-ruiz', 'ben-okafor', 'cleo-marsh'] as const;
const KINDS: CrewEmailKind[] = ['invite', 'update', 'removed', 'cancelled'];

/** What the pipeline posts for a booking: crew-safe fields only; roster emails are the canary's. */
function sccPayloadFor(booking: Booking) {
  return {
    bookingId: booking.id,
    revision: booking.revision,
    title: booking.title,
    schedule: { ...booking.schedule, startsAt: booking.startsAt, endsAt: booking.endsAt },
    boat: booking.boat,
    meetingPoint: booking.meetingPoint,
    domain: booking.domain,
    notes: booking.guestNotes,
    crew_assignments: booking.crew.map((a, i) => ({
      crewId: a.crewId,
      name: a.name,
      email: CANARY.crewEmails[i] ?? '',
      role: a.role,
      hourly_rate: a.hourlyRateCents,
      ...(a.role === 'captain' ? { phone: CANARY.captainPhone } : {}),
      // As the pipeline sends it: the captain fee on the captain's assignment, their pay (issue #18 item 6).
      ...(paidByCaptainFee(booking, a) ? { captain_fee: booking.captainFeeCents } : {}),
    })),
    partySize: booking.guest.partySize,
    slug: booking.slug,
  };
}

const payload = SccEventInputSchema.parse(sccPayloadFor(canaryBooking()));
const event: SccEvent = {
  ...payload,
  id: payload.bookingId,
  status: 'scheduled',
  createdAt: '2026-11-24T17:00:00.000Z',
  updatedAt: '2026-11-24T17:00:00.000Z',
};
const links = {
  page: 'https://scc.example/crew/TOKEN',
  calendar: 'https://scc.example/crew/TOKEN/charter.ics',
  feed: 'https://scc.example/crew/x/calendar.ics?token=FEED',
};

describe('SCC canary: nothing secret reaches crew', () => {
  it('the event notes the pipeline sends carry no secret', () => {
    expectNoCanary(payload.notes, 'crew');
    expectNoCanary(JSON.stringify({ ...payload, crew_assignments: [] }), 'crew');
  });

  it('the event schema refuses the booking’s money and internal notes outright', () => {
    const booking = canaryBooking();
    for (const extra of [
      { priceCents: booking.priceCents },
      { captainFeeCents: booking.captainFeeCents },
      { internalNotes: booking.internalNotes },
    ]) {
      expect(SccEventInputSchema.safeParse({ ...sccPayloadFor(booking), ...extra }).success).toBe(false);
    }
  });

  describe.each(CREW_IDS)('for %s', (crewId) => {
    const view = crewViewFromEvent(event, crewId);

    it.each(KINDS)('the %s email (HTML and text) shows only their own pay', (kind) => {
      const changes = kind === 'update' ? ['New meeting point: Dock D (was Dock C)'] : [];
      const email = renderCrewEmail(
        templates,
        kind,
        view,
        brand,
        kind === 'invite' || kind === 'update' ? links : {},
        changes,
      );
      expectNoCanary(email.subject, 'crew', crewId);
      expectNoCanary(email.html, 'crew', crewId);
      expectNoCanary(email.text, 'crew', crewId);
    });

    it('their own rate and pay do appear where they should', () => {
      const email = renderCrewEmail(templates, 'invite', view, brand, links);
      if (crewId === 'ana-ruiz') {
        // The captain is paid the captain fee, not hours × rate: the fee is their pay.
        expect(email.text).toContain('Your pay:  $7,771.23 (captain fee)');
        return;
      }
      const i = CREW_IDS.indexOf(crewId);
      const rate = CANARY.ratesCents[i] ?? 0;
      expect(email.text).toContain(`$${(rate / 100).toFixed(2)}/hour`);
      expect(email.text).toContain(`$${((rate * 3) / 100).toFixed(2)}`);
    });

    it('the calendar attachment and the feed carry no money at all', () => {
      const ics = buildCrewCharterIcs(view, brand.brandName, {
        sequence: 1,
        stamp: new Date('2026-11-24T17:00:00Z'),
      });
      const feed = buildCrewFeed(
        view.you.firstName,
        [{ view, sequence: 1 }],
        new Date('2026-11-24T17:00:00Z'),
      );
      expectNoCanary(ics, 'crew');
      expectNoCanary(feed, 'crew');
    });

    it('the crew page shows only their own pay', () => {
      const { html } = renderCrewPage(templates, view, brand, {
        links,
        formAction: links.page,
        uploads: { presignUrl: 'https://scc.example/g/presign', token: 'TOKEN', maxBytes: 15 * 1024 * 1024 },
        answer: { answer: 'declined', at: '2026-11-25T10:00:00.000Z', reason: 'Sick' },
      });
      expectNoCanary(html, 'crew', crewId);
    });

    it('“your pay” for the month on the crew page shows their own pay only, and it adds up', () => {
      const pay = yourPay([view], crewId, monthPeriod(2026, 12));
      const { html } = renderCrewPage(templates, view, brand, {
        links,
        formAction: links.page,
        yourPay: pay,
      });
      expectNoCanary(html, 'crew', crewId);
      // The captain's pay is the captain fee (it rides on their SCC assignment); everyone else's hours × rate.
      const rate = CANARY.ratesCents[CREW_IDS.indexOf(crewId)] ?? 0;
      const own = crewId === 'ana-ruiz' ? CANARY.captainFeeCents : rate * 3;
      expect(pay.totalCents).toBe(own);
      expect(html).toContain('Your pay in December 2026');
      expect(html).toContain(`${formatCents(own)}</strong> for 1 charter`);
    });

    it('refuses to sum someone else’s view into their pay', () => {
      const other = CREW_IDS.find((id) => id !== crewId) ?? '';
      expect(() => yourPay([crewViewFromEvent(event, other)], crewId, monthPeriod(2026, 12))).toThrow();
    });
  });
});

describe('SCC canary: the captain’s phone (issue #18) reaches only the crew of that charter', () => {
  const pageOf = (view: ReturnType<typeof crewViewFromEvent>) =>
    renderCrewPage(templates, view, brand, { links, formAction: links.page }).html;

  it('shows the captain’s number, arrival time and a map link on a crew member’s page', () => {
    const html = pageOf(crewViewFromEvent(event, 'ben-okafor'));
    expect(html).toContain(CANARY.captainPhone);
    expect(html).toContain('href="tel:+19995550111"');
    expect(html).toContain('Arrive by</dt><dd><strong>3:15 PM PST</strong> (45 min before departure)');
    expect(html).toContain(
      `href="https://www.google.com/maps/search/?api=1&amp;query=${encodeURIComponent(event.meetingPoint).replaceAll('&', '&amp;')}"`,
    );
  });

  it('does not show the captain their own number as “the captain”', () => {
    const html = pageOf(crewViewFromEvent(event, 'ana-ruiz'));
    expect(html).not.toContain(CANARY.captainPhone);
  });

  it('is not on the page of crew of another charter, nor in any crew email or calendar file', () => {
    const other: SccEvent = {
      ...event,
      id: 'bk-other',
      bookingId: 'bk-other',
      crew_assignments: event.crew_assignments
        .filter((a) => a.role !== 'captain')
        .concat({
          crewId: 'dan-other',
          name: 'Dan Other',
          email: 'dan@x.test',
          role: 'captain',
          hourly_rate: 1,
        }),
    };
    expect(pageOf(crewViewFromEvent(other, 'ben-okafor'))).not.toContain(CANARY.captainPhone);
    expect(() => crewViewFromEvent(other, 'ana-ruiz')).toThrow();
    const view = crewViewFromEvent(event, 'ben-okafor');
    for (const kind of KINDS) {
      const email = renderCrewEmail(templates, kind, view, brand, links);
      expect(email.html + email.text).not.toContain(CANARY.captainPhone);
    }
    const ics = buildCrewCharterIcs(view, brand.brandName, { sequence: 1, stamp: new Date() });
    expect(ics).not.toContain(CANARY.captainPhone);
  });

  it('is not offered once the captain declined: they are not on board', () => {
    const view = crewViewFromEvent(event, 'ben-okafor', undefined, { declined: ['ana-ruiz'] });
    const html = pageOf(view);
    expect(html).not.toContain(CANARY.captainPhone);
    expect(html).not.toContain('Ana, Captain');
  });
});

describe('SCC canary: who declined is off every crew list (issue #18)', () => {
  it.each(CREW_IDS)(
    'the crew page and the roster email of %s leave off the hostess who declined',
    (crewId) => {
      const view = crewViewFromEvent(event, crewId, undefined, { declined: ['cleo-marsh'] });
      const { html } = renderCrewPage(templates, view, brand, { links, formAction: links.page });
      const roster = renderCrewEmail(templates, 'roster', view, brand, {});
      for (const text of [html, roster.html, roster.text]) expectNoCanary(text, 'crew', crewId);
      // Cleo's own page still greets her by name; the lists are without her on everyone's.
      expect(html).toContain(
        '<ul class="crew-list">\n      <li>Ana, Captain</li><li>Ben, Crew</li>\n    </ul>',
      );
      expect(roster.text).toMatch(/On board: +Ana \(Captain\); Ben \(Crew\);\s*\n/);
    },
  );
});
