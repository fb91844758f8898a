/** The guest page, rendered from guestView with the real brand templates. */
import { describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, guestView } from '../../../src/domain';
import { createGuestRenderer } from '../../../src/guest';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

const TEMPLATES = 'templates';
const brands = loadBrands(TEMPLATES);
const renderer = createGuestRenderer({ templatesDir: TEMPLATES });
const sailJada = brands.get('sailjada.com');

function render(booking: Booking, photos?: readonly string[]): string {
  return renderer.renderGuestPage({ view: guestView(booking), brand: brands.get(booking.domain), photos });
}

function embeddedJson(html: string): unknown {
  const match = html.match(/<script type="application\/json" id="charter-data">([\s\S]*?)<\/script>/);
  if (!match?.[1]) throw new Error('no charter-data block');
  return JSON.parse(match[1]);
}

function metaContent(html: string, attribute: 'name' | 'property', key: string): string | undefined {
  const match = html.match(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`));
  return match?.[1];
}

describe('renderGuestPage', () => {
  it.each(brands.domains)('matches the reviewed page for %s', (domain) => {
    const booking = aBooking({ domain, status: 'confirmed' });
    expect(render(booking)).toMatchSnapshot();
  });

  it('shows the charter’s date and time in its own time zone', () => {
    const input = aBookingInput({
      schedule: { date: '2026-07-04', startTime: '19:30', endTime: '22:00', timeZone: 'America/New_York' },
    });
    const html = render(aBooking({}, input));
    expect(html).toContain('Saturday, July 4, 2026');
    expect(html).toMatch(/7:30\s*–\s*10:00\s*PM\s*EDT/);
    expect(html).toContain('2 hours 30 min on the water');
  });

  it('has a title, a description and Open Graph tags for link previews, and is kept out of search', () => {
    const html = render(aBooking({ status: 'confirmed' }));
    expect(html).toContain('<title>Sunset Sail · Sat, Dec 5 · Sail Jada</title>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(metaContent(html, 'name', 'description')).toMatch(/^Saturday, December 5, 2026, 4:00/);
    expect(metaContent(html, 'property', 'og:title')).toBe('Sunset Sail · Sat, Dec 5');
    expect(metaContent(html, 'property', 'og:url')).toBe(
      'https:&#x2F;&#x2F;sailjada.com&#x2F;g&#x2F;sunset-sail-smith-2026-12-05',
    );
    expect(metaContent(html, 'property', 'og:site_name')).toBe('Sail Jada');
  });

  it('links the meeting point to a map and the charter to its calendar file', () => {
    const html = render(aBooking());
    expect(html).toContain(
      'href="https:&#x2F;&#x2F;www.google.com&#x2F;maps&#x2F;search&#x2F;?api&#x3D;1&amp;query&#x3D;Harbor%20Island%20West%20Marina%2C%20Dock%20C"',
    );
    expect(html).toContain('href="&#x2F;g&#x2F;bk-test-0001.ics"><svg');
  });

  it('lists the crew by first name and role, captain first', () => {
    const input = aBookingInput({
      crew: [
        { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
        { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
      ],
    });
    const html = render(aBooking({}, input));
    const ana = html.indexOf('>Ana<');
    const cleo = html.indexOf('>Cleo<');
    expect(ana).toBeGreaterThan(0);
    expect(cleo).toBeGreaterThan(ana);
    expect(html).toContain('Captain');
    expect(html).toContain('Hostess');
    expect(html).not.toContain('Ruiz');
    expect(html).not.toContain('Marsh');
  });

  it('shows the brand’s packing list and the guest notes as paragraphs', () => {
    const input = aBookingInput({ guestNotes: 'Parking is on the left.\n\nAsk for Ana at the gate.' });
    const html = render(aBooking({}, input));
    for (const item of sailJada.whatToBring) expect(html).toContain(item);
    expect(html).toContain('<p>Parking is on the left.</p><p>Ask for Ana at the gate.</p>');
  });

  it('leaves out empty sections', () => {
    const input = aBookingInput({ guestNotes: '', crew: [] });
    const html = render(aBooking({}, input));
    expect(html).not.toContain('A note for your party');
    expect(html).not.toContain('Your crew');
    expect(html).not.toContain('Photos from the crew');
  });

  it('embeds exactly the guest view as JSON', () => {
    const booking = aBooking();
    expect(embeddedJson(render(booking))).toEqual(JSON.parse(JSON.stringify(guestView(booking))));
  });

  it('shows this booking’s photos only, and uses the first for link previews', () => {
    const booking = aBooking();
    const html = render(booking, [
      'photos/bk-test-0001/sunset 1.jpg',
      'photos/bk-other-0002/theirs.jpg',
      'photos/bk-test-0001/../bk-other-0002/x.jpg',
      'https://cdn.example.com/dock.jpg',
    ]);
    expect(html).toContain('src="&#x2F;photos&#x2F;bk-test-0001&#x2F;sunset%201.jpg"');
    expect(html).toContain('src="https:&#x2F;&#x2F;cdn.example.com&#x2F;dock.jpg"');
    expect(html).not.toContain('theirs.jpg');
    expect(html).not.toContain('x.jpg');
    expect(html).toContain('alt="Photo 1 of 2 from Sunset Sail"');
    expect(metaContent(html, 'property', 'og:image')).toBe(
      'https:&#x2F;&#x2F;sailjada.com&#x2F;photos&#x2F;bk-test-0001&#x2F;sunset%201.jpg',
    );
    expect(metaContent(html, 'name', 'twitter:card')).toBe('summary_large_image');
  });

  it('renders the cancelled page for a cancelled booking, without crew or notes', () => {
    const html = render(aBooking({ status: 'cancelled' }));
    expect(html).toContain('This charter was cancelled');
    // Issue #18: nobody is sailing, so the footer does not ask about questions before sailing.
    expect(html).not.toContain('Questions before you sail?');
    expect(html).not.toContain('Your crew');
    expect(html).not.toContain('Bring a jacket');
    expect(html).not.toContain('charter-data');
  });

  it('allows no script to run and only its own inline style', () => {
    const html = render(aBooking());
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+&#;/]+&#39;;/,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
  });
});

describe('renderRedirectPage', () => {
  it('sends an old slug on to the current page', () => {
    const booking = aBooking({
      slug: 'new-name-2026-12-05',
      previousSlugs: ['sunset-sail-smith-2026-12-05'],
    });
    const html = renderer.renderRedirectPage({ view: guestView(booking), brand: sailJada });
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=&#x2F;g&#x2F;new-name-2026-12-05">');
    expect(html).toContain('<a href="&#x2F;g&#x2F;new-name-2026-12-05">Open the charter page</a>');
    expect(html).toContain(
      '<link rel="canonical" href="https:&#x2F;&#x2F;sailjada.com&#x2F;g&#x2F;new-name-2026-12-05">',
    );
    expect(html).toContain('noindex');
  });
});

describe('siteUrl option', () => {
  it('builds absolute links on another site root, for local development', () => {
    const local = createGuestRenderer({
      templatesDir: TEMPLATES,
      siteUrl: (b) => `http://${b.domain}.localhost:8080/`,
    });
    const html = local.renderGuestPage({ view: guestView(aBooking()), brand: sailJada });
    expect(html).toContain(
      'href="http:&#x2F;&#x2F;sailjada.com.localhost:8080&#x2F;g&#x2F;sunset-sail-smith-2026-12-05"',
    );
  });
});
