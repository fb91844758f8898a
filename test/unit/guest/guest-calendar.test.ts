/** The guest's .ics file, read back by a real iCalendar parser. */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { guestView } from '../../../src/domain';
import { renderGuestIcs } from '../../../src/guest';
import { aBooking } from '../../helpers/fixtures';

const brand = loadBrands('templates').get('sailjada.com');
const pageUrl = 'https://sailjada.com/g/sunset-sail-smith-2026-12-05';

function parse(ics: string): ICAL.Event {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return new ICAL.Event(vevent);
}

describe('renderGuestIcs', () => {
  it('describes the charter with a stable id, the right instants and the page link', () => {
    const booking = aBooking({ revision: 4, status: 'confirmed' });
    const event = parse(
      renderGuestIcs({ view: guestView(booking), brand, pageUrl, updatedAt: booking.updatedAt }),
    );
    expect(event.uid).toBe('bk-test-0001@sailjada.com');
    expect(event.sequence).toBe(4);
    expect(event.summary).toBe('Sunset Sail aboard Jada');
    expect(event.location).toBe('Harbor Island West Marina, Dock C');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-06T03:00:00.000Z');
    expect(event.description).toContain('Crew: Ana (Captain), Ben (Deckhand)');
    expect(event.description).toContain('Bring a jacket; it gets cool after sunset.');
    expect(event.description).toContain(pageUrl);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.component.getFirstSubcomponent('valarm')).not.toBeNull();
  });

  it('marks a cancelled charter cancelled, without a reminder', () => {
    const booking = aBooking({ status: 'cancelled', revision: 5 });
    const event = parse(
      renderGuestIcs({ view: guestView(booking), brand, pageUrl, updatedAt: booking.updatedAt }),
    );
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.summary).toBe('Cancelled: Sunset Sail');
    expect(event.component.getFirstSubcomponent('valarm')).toBeNull();
  });

  it('is byte-identical for the same booking revision', () => {
    const booking = aBooking();
    const render = () =>
      renderGuestIcs({ view: guestView(booking), brand, pageUrl, updatedAt: booking.updatedAt });
    expect(render()).toBe(render());
  });
});
