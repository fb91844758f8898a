/**
 * The canary leak test for the crew lifecycle's emails: the answer reminder (the person may see their own
 * rate and pay, nothing else) and the day-before roster (no money at all, not even one's own: it lists the
 * whole crew and gets forwarded), rendered from the canary booking for each person on it.
 */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { loadCrewTemplates, renderCrewEmail } from '../../../src/scc/crew-templates';
import { crewViewFromEvent } from '../../../src/scc/crew-view';
import { type SccEvent, SccEventInputSchema } from '../../../src/scc/event-schema';
import { CANARY, canaryBooking, expectNoCanary } from '../../helpers/canary';

const templates = loadCrewTemplates('templates');
const brand = loadBrands('templates').get('sailjada.com');
const booking = canaryBooking();
const payload = SccEventInputSchema.parse({
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
const links = { page: 'https://scc.example/crew/TOKEN' };

describe.each(booking.crew.map((a) => a.crewId))('lifecycle emails for %s', (crewId) => {
  const view = crewViewFromEvent(event, crewId);

  it('the reminder shows their own pay at most', () => {
    const email = renderCrewEmail(templates, 'reminder', view, brand, links, [], {
      answerByLabel: 'Thursday, December 3, 2026 at 4:00 PM PST',
    });
    expectNoCanary(`${email.subject}\n${email.html}\n${email.text}`, 'crew', crewId);
    expect(email.text).toContain('Thursday, December 3, 2026 at 4:00 PM PST');
  });

  it('the roster shows no money at all', () => {
    const email = renderCrewEmail(templates, 'roster', view, brand, links);
    const all = `${email.subject}\n${email.html}\n${email.text}`;
    expectNoCanary(all, 'crew');
    expect(all).not.toMatch(/\$\s?\d/);
    expect(email.text).toContain('On board:  Ana (Captain); Ben (Crew); Cleo (Hostess);');
  });
});
