/** The iCalendar writer, read back by a real parser (ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  escapeText,
  foldLine,
  formatUtcDateTime,
  type IcsEvent,
} from '../../../src/calendar/ics';

const anEvent = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'b-1@sailjada.com',
  start: '2026-12-05T22:30:00.000Z',
  end: '2026-12-06T01:30:00.000Z',
  stamp: '2026-11-01T10:00:00.000Z',
  summary: 'Sunset sail',
  ...overrides,
});

function parseFirstEvent(text: string): ICAL.Event {
  const component = new ICAL.Component(ICAL.parse(text));
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return new ICAL.Event(vevent);
}

describe('buildCalendar', () => {
  it('produces a calendar a real parser reads back, field for field', () => {
    const text = buildCalendar({
      prodId: '-//Charter Ops//Guest page//EN',
      name: 'Sail Jada',
      events: [
        anEvent({
          location: 'Harbor Island West Marina, Dock C; San Diego',
          description: 'Bring a jacket.\nSee you at the dock, 30 min early.',
          url: 'https://sailjada.com/g/sunset',
          status: 'CONFIRMED',
          sequence: 3,
        }),
      ],
    });
    const event = parseFirstEvent(text);
    expect(event.uid).toBe('b-1@sailjada.com');
    expect(event.summary).toBe('Sunset sail');
    expect(event.location).toBe('Harbor Island West Marina, Dock C; San Diego');
    expect(event.description).toBe('Bring a jacket.\nSee you at the dock, 30 min early.');
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-05T22:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-06T01:30:00.000Z');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.component.getFirstPropertyValue('url')).toBe('https://sailjada.com/g/sunset');
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    const long = `${'Émile 🌅 '.repeat(30)}end`;
    const text = buildCalendar({ prodId: '-//x//y//EN', events: [anEvent({ description: long })] });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    expect(parseFirstEvent(text).description).toBe(long);
  });

  it('round-trips hostile and multilingual text', () => {
    const summary = '</script><script>alert(1)</script> "quoted" \\ ; , שלום 🎉';
    const text = buildCalendar({ prodId: '-//x//y//EN', events: [anEvent({ summary })] });
    expect(parseFirstEvent(text).summary).toBe(summary);
  });

  it('adds a display alarm, but not to a cancelled event', () => {
    const withAlarm = buildCalendar({
      prodId: '-//x//y//EN',
      events: [anEvent({ alarmMinutesBefore: 120 })],
    });
    expect(withAlarm).toContain('TRIGGER:-PT120M');
    const cancelled = buildCalendar({
      prodId: '-//x//y//EN',
      events: [anEvent({ alarmMinutesBefore: 120, status: 'CANCELLED' })],
    });
    expect(cancelled).not.toContain('VALARM');
    expect(cancelled).toContain('STATUS:CANCELLED');
  });

  it('announces a refresh interval for subscribers', () => {
    const text = buildCalendar({ prodId: '-//x//y//EN', name: 'Ops', refreshMinutes: 30, events: [] });
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT30M');
    expect(text).toContain('X-WR-CALNAME:Ops');
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});

describe('escapeText', () => {
  it('escapes the characters RFC 5545 reserves and drops control characters', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\ng\u0007')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});

describe('foldLine', () => {
  it('never splits a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(100)}`);
    for (const part of folded.split('\r\n')) {
      expect(part.replace(/^ /, '')).not.toContain('\uFFFD');
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });
});

describe('formatUtcDateTime', () => {
  it('formats UTC basic form and rejects nonsense', () => {
    expect(formatUtcDateTime('2026-12-05T22:30:00.000Z')).toBe('20261205T223000Z');
    expect(() => formatUtcDateTime('not a date')).toThrow(RangeError);
  });
});
