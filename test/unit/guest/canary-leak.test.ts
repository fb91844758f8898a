/**
 * Every guest-facing artifact and every calendar artifact, rendered from the canary booking (unmistakable
 * amounts, internal notes, contact details): none of the canary values may appear in any of them.
 */
import { describe, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import {
  type CalendarEntry,
  CalendarEntryInputSchema,
  calendarEntryFromGuestView,
  renderCalendarFeed,
} from '../../../src/dashboard';
import { guestView } from '../../../src/domain';
import { createGuestRenderer } from '../../../src/guest';
import { canaryBooking, expectNoCanary } from '../../helpers/canary';

const brands = loadBrands('templates');
const renderer = createGuestRenderer({ templatesDir: 'templates' });

describe('no canary leaks from guest pages or calendar entries', () => {
  const booking = { ...canaryBooking(), status: 'confirmed' as const, previousSlugs: ['old-canary-slug'] };
  const brand = brands.get(booking.domain);
  const view = guestView(booking);

  it('guest page', () => {
    expectNoCanary(
      renderer.renderGuestPage({ view, brand, photos: [`photos/${booking.id}/a.jpg`] }),
      'guest',
    );
  });

  it('cancelled page', () => {
    expectNoCanary(renderer.renderCancelledPage({ view, brand }), 'guest');
  });

  it('slug redirect page', () => {
    expectNoCanary(renderer.renderRedirectPage({ view, brand }), 'guest');
  });

  it('guest calendar file', () => {
    expectNoCanary(renderer.renderGuestCalendar({ view, brand, updatedAt: booking.updatedAt }), 'guest');
  });

  it('dashboard calendar entry and its iCalendar feed', () => {
    const input = CalendarEntryInputSchema.parse(
      calendarEntryFromGuestView(view, { pageUrl: 'https://x.test/g/y' }),
    );
    const { progress: _snapshot, ...fields } = input;
    const entry: CalendarEntry = {
      ...fields,
      id: booking.id,
      progress: { scc: { status: 'succeeded', at: booking.updatedAt } },
      createdAt: booking.createdAt,
      updatedAt: booking.updatedAt,
    };
    expectNoCanary(JSON.stringify(entry), 'guest');
    expectNoCanary(renderCalendarFeed([entry], { name: 'JADA' }), 'guest');
  });
});
