/**
 * Google Calendar and Outlook.com links beside the guest page's .ics (issue #18 item 8): the formats of
 * https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs, times in UTC, and a hostile
 * title, meeting point or note that must stay one parameter's text (no extra parameters, no markup).
 */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { guestView } from '../../../src/domain';
import { createGuestRenderer } from '../../../src/guest';
import { googleCalendarUrl, outlookCalendarUrl } from '../../../src/guest/calendar-links';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { hostileBooking } from '../../helpers/hostile-booking';

const brands = loadBrands('templates');
const renderer = createGuestRenderer({ templatesDir: 'templates' });

const EVENT = {
  title: 'Sunset Sail aboard Jada',
  startsAt: '2026-12-06T00:00:00.000Z',
  endsAt: '2026-12-06T03:00:00.000Z',
  location: 'Harbor Island West Marina, Dock C',
  details: 'Line one\nLine two',
};

/** The href values of the page's anchors whose text is `label`, with HTML entities undone. */
function hrefOf(html: string, label: string): URL {
  const match = new RegExp(`<a class="button" href="([^"]+)"[^>]*>${label}</a>`).exec(html);
  if (!match?.[1]) throw new Error(`no ${label} link`);
  const decoded = match[1]
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
  return new URL(decoded);
}

describe('web calendar links', () => {
  it('Google: the TEMPLATE action with UTC dates as YYYYMMDDTHHMMSSZ/YYYYMMDDTHHMMSSZ', () => {
    const url = new URL(googleCalendarUrl(EVENT));

    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe(EVENT.title);
    expect(url.searchParams.get('dates')).toBe('20261206T000000Z/20261206T030000Z');
    expect(url.searchParams.get('details')).toBe('Line one\nLine two');
    expect(url.searchParams.get('location')).toBe(EVENT.location);
    expect(googleCalendarUrl(EVENT)).toContain('dates=20261206T000000Z/20261206T030000Z&');
  });

  it('Outlook.com: the compose deeplink with addevent and UTC ISO times', () => {
    const url = new URL(outlookCalendarUrl(EVENT));

    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/deeplink/compose');
    expect(url.searchParams.get('path')).toBe('/calendar/action/compose');
    expect(url.searchParams.get('rru')).toBe('addevent');
    expect(url.searchParams.get('startdt')).toBe('2026-12-06T00:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2026-12-06T03:00:00Z');
    expect(url.searchParams.get('subject')).toBe(EVENT.title);
    expect(url.searchParams.get('body')).toBe('Line one\nLine two');
    expect(url.searchParams.get('location')).toBe(EVENT.location);
  });

  it('keeps special characters inside their own parameter', () => {
    const tricky = {
      ...EVENT,
      title: 'Tom & Jerry #1 ?x=y&action=EVIL "quoted" <b>bold</b> 🎉',
      location: 'Dock C&rru=evil',
      details: 'a\nb&dates=19700101T000000Z/19700101T010000Z',
    };
    for (const href of [googleCalendarUrl(tricky), outlookCalendarUrl(tricky)]) {
      const url = new URL(href);
      expect(url.hash).toBe('');
      expect(href).not.toMatch(/[\s<>"#]/);
      const names = [...url.searchParams.keys()];
      expect(new Set(names).size).toBe(names.length);
      expect(names).not.toContain('x');
    }
    expect(new URL(googleCalendarUrl(tricky)).searchParams.get('text')).toBe(tricky.title);
    expect(new URL(googleCalendarUrl(tricky)).searchParams.get('action')).toBe('TEMPLATE');
    expect(new URL(googleCalendarUrl(tricky)).searchParams.get('dates')).toBe(
      '20261206T000000Z/20261206T030000Z',
    );
    expect(new URL(outlookCalendarUrl(tricky)).searchParams.get('rru')).toBe('addevent');
    expect(new URL(outlookCalendarUrl(tricky)).searchParams.get('location')).toBe('Dock C&rru=evil');
  });
});

describe('the guest page’s calendar links, arrival time and day-of phone', () => {
  it('sits the Google and Outlook links beside the .ics, in UTC, with the brand’s arrival lead', () => {
    const booking = aBooking({ id: 'bk-cal-0001' }, aBookingInput());
    const brand = brands.get('sailjada.com');
    const html = renderer.renderGuestPage({ view: guestView(booking), brand });

    expect(html).toContain('Add to calendar</a>');
    const google = hrefOf(html, 'Google Calendar');
    const outlook = hrefOf(html, 'Outlook.com');
    const compact = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    expect(google.searchParams.get('dates')).toBe(`${compact(booking.startsAt)}/${compact(booking.endsAt)}`);
    expect(outlook.searchParams.get('startdt')).toBe(booking.startsAt.replace(/\.\d{3}Z$/, 'Z'));
    expect(google.searchParams.get('details')).toContain('please arrive by 3:45 PM');
    expect(html).toContain('Please arrive by 3:45 PM, 15 min before departure');
    expect(html).toContain('<a class="strong" href="tel:+16195550142">+1 619 555 0142</a>');
  });

  it('carries a hostile title, meeting point and notes as text in the links, never as markup', () => {
    const booking = hostileBooking();
    const html = renderer.renderGuestPage({ view: guestView(booking), brand: brands.get('sailjada.com') });

    const google = hrefOf(html, 'Google Calendar');
    const outlook = hrefOf(html, 'Outlook.com');
    expect(google.searchParams.get('text')).toBe(`${booking.title} aboard Jada`);
    expect(google.searchParams.get('location')).toBe(booking.meetingPoint);
    expect(outlook.searchParams.get('subject')).toBe(`${booking.title} aboard Jada`);
    expect(outlook.searchParams.get('location')).toBe(booking.meetingPoint);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img/i);
  });

  it('has no calendar links on a cancelled charter’s page', () => {
    const booking = aBooking({ id: 'bk-cal-0002', status: 'cancelled' }, aBookingInput());
    const html = renderer.renderGuestPage({ view: guestView(booking), brand: brands.get('sailjada.com') });
    expect(html).not.toContain('calendar.google.com');
    expect(html).not.toContain('outlook.live.com');
  });
});
