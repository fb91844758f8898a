/**
 * Date and time text for guest pages in the charter's own time zone, with the Intl formatters kept per zone:
 * building an Intl.DateTimeFormat costs far more than using one, and a renderer formats the same few zones
 * over and over. The long date matches src/domain/time.ts formatLocalDate exactly (a test holds them
 * together). Owned by one renderer; never shared at module level.
 */

export interface ZonedFormats {
  /** "Saturday, December 5, 2026". */
  longDate(instant: Date, timeZone: string): string;
  /** "Sat, Dec 5". */
  shortDate(instant: Date, timeZone: string): string;
  /** "4:00 – 7:00 PM PST". */
  timeRange(start: Date, end: Date, timeZone: string): string;
  /** The first user-perceived character, for initials (emoji and accents stay whole). */
  firstGrapheme(text: string): string;
}

export function createZonedFormats(): ZonedFormats {
  const cache = new Map<string, Intl.DateTimeFormat>();
  const formatter = (kind: string, timeZone: string, options: Intl.DateTimeFormatOptions) => {
    const key = `${kind}|${timeZone}`;
    let format = cache.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
      cache.set(key, format);
    }
    return format;
  };
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  return {
    longDate: (instant, timeZone) =>
      formatter('long', timeZone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
        instant,
      ),
    shortDate: (instant, timeZone) =>
      formatter('short', timeZone, { weekday: 'short', month: 'short', day: 'numeric' }).format(instant),
    timeRange: (start, end, timeZone) =>
      formatter('range', timeZone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).formatRange(
        start,
        end,
      ),
    firstGrapheme(text) {
      for (const { segment } of segmenter.segment(text.trim())) return segment;
      return '?';
    },
  };
}
