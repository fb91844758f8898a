/** Guest-supplied text that tries to break out of the page: it must arrive as text, everywhere. */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { guestView } from '../../../src/domain';
import { createGuestRenderer, jsonForScriptElement } from '../../../src/guest';
import { hostileBooking } from '../../helpers/hostile-booking';

const brands = loadBrands('templates');
const renderer = createGuestRenderer({ templatesDir: 'templates' });

function charterData(html: string): string {
  const start = html.indexOf('<script type="application/json" id="charter-data">');
  const end = html.indexOf('</script>', start);
  return html.slice(html.indexOf('>', start) + 1, end);
}

describe('hostile guest input on the guest page', () => {
  const booking = hostileBooking();
  const view = guestView(booking);
  const html = renderer.renderGuestPage({ view, brand: brands.get('sailjada.com') });

  it('contains exactly one script element, the JSON data block', () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  it('injects no markup', () => {
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).not.toContain('<!-- comment');
  });

  it('shows the text escaped, including inside attributes', () => {
    expect(html).toContain(
      '&lt;&#x2F;script&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &quot;Sail&quot; 🎉',
    );
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; Dock &#39;C&#39; &amp;');
    expect(html).toMatch(/<meta name="description" content="[^"<>]*&quot;&gt;&lt;img/);
  });

  it('keeps the JSON block parseable and equal to the guest view', () => {
    const data = charterData(html);
    expect(data).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(data)).toEqual(JSON.parse(JSON.stringify(view)));
  });

  it('marks free text for bidirectional rendering', () => {
    expect(html).toContain('<div class="notes" dir="auto"><p>שלום! נתראה במעגן 🌊');
    expect(html).toContain('<h1 dir="auto">');
  });

  it('keeps the calendar file intact', () => {
    const ics = renderer.renderGuestCalendar({
      view,
      brand: brands.get('sailjada.com'),
      updatedAt: booking.updatedAt,
    });
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') ?? undefined,
    );
    expect(event.summary).toBe(`${view.title} aboard Jada`);
    expect(event.location).toBe(view.meetingPoint);
  });
});

describe('jsonForScriptElement', () => {
  it('escapes what could end the element or confuse a parser, and nothing else', () => {
    const value = { a: '</script>', b: '<!--', c: 'a & b', d: '\u2028\u2029', e: 'é 🎉 "q"' };
    const encoded = jsonForScriptElement(value);
    expect(encoded).toBe(
      '{"a":"\\u003c/script\\u003e","b":"\\u003c!--","c":"a \\u0026 b","d":"\\u2028\\u2029","e":"é 🎉 \\"q\\""}',
    );
    expect(JSON.parse(encoded)).toEqual(value);
  });
});
