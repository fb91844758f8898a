/**
 * Attacks that held (#14): names and notes that try to close a script, open a tag or an attribute reach the
 * crew-facing surfaces as text: the crew page (its one inline script is hashed by the CSP), the crew emails
 * and the calendar files. The guest page is covered by test/unit/guest/hostile-input.test.ts.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../src/config/brands';
import { buildCrewCharterIcs } from '../../src/scc/crew-calendar';
import { loadCrewTemplates, renderCrewEmail, renderCrewPage } from '../../src/scc/crew-templates';
import { crewViewFromEvent } from '../../src/scc/crew-view';
import { type SccEvent, SccEventInputSchema } from '../../src/scc/event-schema';
import { hostileBooking, SCRIPT_BREAKOUT } from '../helpers/hostile-booking';

const templates = loadCrewTemplates('templates');
const brand = loadBrands('templates').get('sailjada.com');
const booking = hostileBooking();
const payload = SccEventInputSchema.parse({
  bookingId: booking.id,
  revision: booking.revision,
  title: booking.title,
  schedule: { ...booking.schedule, startsAt: booking.startsAt, endsAt: booking.endsAt },
  boat: booking.boat,
  meetingPoint: booking.meetingPoint,
  domain: booking.domain,
  notes: booking.guestNotes,
  crew_assignments: booking.crew.map((a) => ({
    crewId: a.crewId,
    name: a.name,
    email: `${a.crewId}@crew.test`,
    role: a.role,
    hourly_rate: a.hourlyRateCents,
  })),
  partySize: booking.guest.partySize,
  slug: booking.slug,
});
const event: SccEvent = {
  ...payload,
  id: payload.bookingId,
  status: 'scheduled',
  createdAt: booking.createdAt,
  updatedAt: booking.updatedAt,
};
const crewId = booking.crew[0]?.crewId ?? 'x';
const view = crewViewFromEvent(event, crewId);
const links = { page: 'https://scc.example/crew/T', calendar: 'https://scc.example/crew/T/charter.ics' };

function expectNoMarkupFromInput(html: string) {
  expect(html).not.toContain(SCRIPT_BREAKOUT);
  expect(html).not.toMatch(/<img src=x/i);
  expect(html).not.toMatch(/<svg onload/i);
  expect(html).not.toContain('<b>bold</b>');
}

describe('script-breaking names', () => {
  it('reach the crew page as text: no injected tag, and only the page’s own script elements', () => {
    const { html } = renderCrewPage(templates, view, brand, {
      links,
      formAction: links.page,
      uploads: { presignUrl: 'https://scc.example/g/presign', token: 'T', maxBytes: 1024 },
    });
    const plain = renderCrewPage(templates, crewViewFromEvent({ ...event, title: 'Sail' }, crewId), brand, {
      links,
      formAction: links.page,
      uploads: { presignUrl: 'https://scc.example/g/presign', token: 'T', maxBytes: 1024 },
    }).html;
    expectNoMarkupFromInput(html);
    expect(html.match(/<script/gi)?.length).toBe(plain.match(/<script/gi)?.length);
    expect(html.match(/<\/script/gi)?.length).toBe(plain.match(/<\/script/gi)?.length);
  });

  it('reach every crew email as text', () => {
    for (const kind of ['invite', 'update', 'removed', 'cancelled'] as const) {
      const email = renderCrewEmail(
        templates,
        kind,
        view,
        brand,
        kind === 'invite' || kind === 'update' ? links : {},
        [],
      );
      expectNoMarkupFromInput(email.html);
      expect(email.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('keep the crew calendar file one event with the title intact', () => {
    const ics = buildCrewCharterIcs(view, brand.brandName, {
      sequence: 1,
      stamp: new Date('2026-12-01T00:00:00Z'),
    });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(String(events[0]?.getFirstPropertyValue('summary'))).toContain(SCRIPT_BREAKOUT);
  });
});
