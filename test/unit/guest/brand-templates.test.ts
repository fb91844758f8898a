/**
 * Adding a brand is one folder: brand.json and, if it wants to look different, its own partials. These tests
 * build a third brand in a temporary templates directory and render it without touching any code.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { guestView } from '../../../src/domain';
import { ConfigError } from '../../../src/errors';
import {
  brandTheme,
  contrastRatio,
  createGuestRenderer,
  loadGuestTemplates,
  MIN_TEXT_CONTRAST,
} from '../../../src/guest';
import { aBooking, aBookingInput } from '../../helpers/fixtures';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function templatesWithThirdBrand(options: { ownHero: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'brands-'));
  dirs.push(dir);
  cpSync('templates/_shared', join(dir, '_shared'), { recursive: true });
  cpSync('templates/sailjada.com', join(dir, 'sailjada.com'), { recursive: true });
  mkdirSync(join(dir, 'harbourhop.example'));
  writeFileSync(
    join(dir, 'harbourhop.example', 'brand.json'),
    JSON.stringify({
      brandName: 'Harbour Hop',
      tagline: 'Water taxis with style',
      colours: { primary: '#116644', accent: '#ffcc00', background: '#ffffff', text: '#222222' },
      logo: '/logo.svg',
      senderAddress: 'ahoy@harbourhop.example',
      timeZone: 'Europe/London',
      whatToBring: ['Your ticket'],
    }),
  );
  if (options.ownHero) {
    writeFileSync(
      join(dir, 'harbourhop.example', 'guest-hero.mustache'),
      '<header class="hero"><div class="wrap">{{> guest-brand}}<p class="eyebrow">All aboard the hop</p><h1 dir="auto">{{charter.title}}</h1></div></header>\n',
    );
  }
  return dir;
}

function renderThirdBrand(dir: string): string {
  const brands = loadBrands(dir);
  const renderer = createGuestRenderer({ templatesDir: dir });
  const input = aBookingInput({
    domain: 'harbourhop.example',
    schedule: { date: '2026-08-01', startTime: '10:00', endTime: '11:00', timeZone: 'Europe/London' },
  });
  const booking = aBooking({ domain: 'harbourhop.example', slug: 'hop-2026-08-01' }, input);
  return renderer.renderGuestPage({ view: guestView(booking), brand: brands.get('harbourhop.example') });
}

describe('a third brand domain', () => {
  it('is picked up from its folder and rendered with its own hero', () => {
    const dir = templatesWithThirdBrand({ ownHero: true });
    expect(loadBrands(dir).domains).toEqual(['harbourhop.example', 'sailjada.com']);
    const html = renderThirdBrand(dir);
    expect(html).toContain('All aboard the hop');
    expect(html).toContain('Harbour Hop');
    expect(html).toContain('--primary:#116644');
    expect(html).toContain('https:&#x2F;&#x2F;harbourhop.example&#x2F;g&#x2F;hop-2026-08-01');
    expect(html).toMatch(/10:00\s*–\s*11:00\s*AM\s*(BST|GMT\+1)/);
    expect(html).toContain('Your ticket');
  });

  it('falls back to the shared templates when it brings only brand.json', () => {
    const html = renderThirdBrand(templatesWithThirdBrand({ ownHero: false }));
    expect(html).toContain('Your charter aboard Jada');
    expect(html).toContain('ahoy@harbourhop.example');
  });

  it('fails with a sentence naming the missing template', () => {
    const dir = templatesWithThirdBrand({ ownHero: false });
    rmSync(join(dir, '_shared', 'guest-cancelled.mustache'));
    expect(() => loadGuestTemplates(dir, 'harbourhop.example')).toThrow(ConfigError);
    expect(() => loadGuestTemplates(dir, 'harbourhop.example')).toThrow(
      /guest-cancelled\.mustache is missing/,
    );
  });
});

describe('brand themes', () => {
  it.each(loadBrands('templates').all.map((b) => [b.domain, b] as const))(
    '%s meets WCAG AA contrast for all text',
    (_domain, brand) => {
      const t = brandTheme(brand);
      const pairs: [string, string][] = [
        [t.text, t.background],
        [t.text, t.surface],
        [t.muted, t.background],
        [t.muted, t.surface],
        [t.link, t.surface],
        [t.link, t.background],
        [t.onPrimary, t.primary],
        [t.accentOnPrimary, t.primary],
        [t.onAccent, t.accent],
      ];
      for (const [fg, bg] of pairs) expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    },
  );

  it('repairs an unreadable palette instead of shipping it', () => {
    const t = brandTheme({
      colours: { primary: '#ffee88', accent: '#fff5cc', background: '#ffffff', text: '#cccccc' },
    });
    expect(contrastRatio(t.text, t.background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(t.link, t.surface)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(t.onPrimary, t.primary)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(t.accentOnPrimary, t.primary)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
});
