/**
 * A small RFC 5545 (iCalendar) writer: TEXT escaping, UTC date-times, CRLF line endings and line folding at
 * 75 octets without splitting a UTF-8 character. Shared by the guest page's "add to calendar" file, the
 * dashboard's subscription feed and anyone else who needs an .ics. It only formats: it never decides what
 * goes into an event, so callers must hand it view data, never a raw booking.
 */

export type IcsEventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export interface IcsEvent {
  /** Globally unique and stable across updates, e.g. `<bookingId>@sailjada.com`. */
  uid: string;
  start: Date | string;
  end: Date | string;
  /** When this version of the event was produced; deterministic input keeps the file byte-stable. */
  stamp: Date | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: IcsEventStatus;
  /** Bumped on every change so calendar apps replace their copy. */
  sequence?: number;
  lastModified?: Date | string;
  categories?: readonly string[];
  /** A display reminder this many minutes before the start. */
  alarmMinutesBefore?: number;
}

export interface IcsCalendar {
  /** `-//Company//Product//EN`. */
  prodId: string;
  /** Shown by subscribing apps as the calendar's name (X-WR-CALNAME). */
  name?: string;
  description?: string;
  /** A hint for subscribers on how often to refresh (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshMinutes?: number;
  events: readonly IcsEvent[];
}

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** The whole calendar as one string with CRLF line endings, ready to serve. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(calendar.prodId)}`,
    'CALSCALE:GREGORIAN',
  ];
  lines.push('METHOD:PUBLISH');
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  if (calendar.refreshMinutes) {
    const duration = `PT${Math.max(1, Math.round(calendar.refreshMinutes))}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

function eventLines(event: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtcDateTime(event.stamp)}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${stripControls(event.url)}`);
  if (event.categories && event.categories.length > 0) {
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  }
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtcDateTime(event.lastModified)}`);
  if (event.alarmMinutesBefore !== undefined && event.status !== 'CANCELLED') {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutesBefore))}M`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(text: string): string {
  return stripControls(text.replace(/\r\n|\r/g, '\n'), true)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function stripControls(text: string, keepNewlines = false): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const controls = keepNewlines ? /[\u0000-\u0008\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g;
  return text.replace(controls, '');
}

/** `20261205T223000Z`. */
export function formatUtcDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date-time: ${String(value)}`);
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with one space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const chunks: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      chunks.push(current);
      current = '';
      octets = 0;
      // Continuation lines start with a space, which counts towards their 75 octets.
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}
