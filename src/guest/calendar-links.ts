/**
 * "Add to calendar" links for web calendars, beside the guest page's .ics: Google Calendar and Outlook.com.
 * Neither service documents these URLs officially; the formats follow the community reference
 * https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs (services/google.md,
 * services/outlook-web.md):
 *
 *   Google:      https://calendar.google.com/calendar/render?action=TEMPLATE&text=…&dates=<start>/<end>
 *                &details=…&location=…    with <start>/<end> as YYYYMMDDTHHMMSSZ in UTC
 *   Outlook.com: https://outlook.live.com/calendar/deeplink/compose?path=/calendar/action/compose
 *                &rru=addevent&startdt=…&enddt=…&subject=…&body=…&location=…   with YYYY-MM-DDTHH:MM:SSZ in UTC
 *
 * Times are always UTC (a trailing Z), so the guest's own calendar shows them in its zone. Every value is
 * percent-encoded with encodeURIComponent, so a title or note with &, #, ?, quotes, newlines or markup
 * stays one parameter's text; the template then HTML-escapes the whole URL for the attribute.
 * Guest-facing: built from a GuestView's fields only.
 */

export interface CalendarLinkEvent {
  title: string;
  /** UTC instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  location: string;
  details: string;
}

/** Long notes would make URLs some servers refuse; the charter page has everything. */
const DETAILS_MAX = 1000;

export function googleCalendarUrl(event: CalendarLinkEvent): string {
  const params: [string, string][] = [
    ['action', 'TEMPLATE'],
    ['text', event.title],
    ['details', clip(event.details)],
    ['location', event.location],
  ];
  // The slash between the two instants stays literal, as in the reference (digits, T and Z need no escape).
  const dates = `dates=${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`;
  const [action, text, ...rest] = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return `https://calendar.google.com/calendar/render?${[action, text, dates, ...rest].join('&')}`;
}

export function outlookCalendarUrl(event: CalendarLinkEvent): string {
  const params: [string, string][] = [
    ['path', '/calendar/action/compose'],
    ['rru', 'addevent'],
    ['startdt', isoUtcSeconds(event.startsAt)],
    ['enddt', isoUtcSeconds(event.endsAt)],
    ['subject', event.title],
    ['body', clip(event.details)],
    ['location', event.location],
  ];
  return `https://outlook.live.com/calendar/deeplink/compose?${query(params)}`;
}

function query(params: readonly [string, string][]): string {
  return params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/** 2026-12-06T00:30:00.000Z → 20261206T003000Z */
function compactUtc(instant: string): string {
  return isoUtcSeconds(instant).replace(/[-:]/g, '');
}

/** 2026-12-06T00:30:00.000Z → 2026-12-06T00:30:00Z (no milliseconds) */
function isoUtcSeconds(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${instant}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function clip(text: string): string {
  return text.length <= DETAILS_MAX ? text : `${text.slice(0, DETAILS_MAX - 1)}…`;
}
