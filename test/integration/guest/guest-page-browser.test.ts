/**
 * The guest page as a phone sees it: rendered, served over HTTP through the real CloudFront Function file,
 * opened in headless Chromium at 390x844. Saves test-results/guest-page-<domain>.png (not committed) for a
 * person to look at, and checks what only a browser can: no console errors, no sideways scrolling, the
 * hostile page runs nothing and its data block parses back.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, guestView } from '../../../src/domain';
import { createGuestRenderer, loadViewerRequestFunction, viewerRequestEvent } from '../../../src/guest';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { hostileBooking } from '../../helpers/hostile-booking';

const CHROMIUM = '/usr/bin/chromium';
const OUT = 'test-results';
const brands = loadBrands('templates');
const renderer = createGuestRenderer({ templatesDir: 'templates' });
const viewerRequest = loadViewerRequestFunction();

/** Objects as the bucket would hold them, per Host. */
const sites = new Map<string, Map<string, { type: string; body: string }>>();
let server: Server;
let origin: string;
let browser: Browser;

function sunsetSvg(hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset=".6" stop-color="hsl(${hue + 25},80%,70%)"/><stop offset="1" stop-color="#0b3d5c"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><circle cx="200" cy="250" r="60" fill="#ffe9a8"/><rect y="270" width="400" height="130" fill="#0b3d5c" opacity=".85"/></svg>`;
}

function publishLocally(booking: Booking, photos: readonly string[] = []): void {
  const brand = brands.get(booking.domain);
  const view = guestView(booking);
  const objects = sites.get(brand.domain) ?? new Map();
  objects.set(`/g/${booking.slug}.html`, {
    type: 'text/html; charset=utf-8',
    body: renderer.renderGuestPage({ view, brand, photos }),
  });
  objects.set(`/g/${booking.id}.ics`, {
    type: 'text/calendar; charset=utf-8',
    body: renderer.renderGuestCalendar({ view, brand, updatedAt: booking.updatedAt }),
  });
  photos.forEach((key, i) => {
    objects.set(`/${key}`, { type: 'image/svg+xml', body: sunsetSvg(10 + i * 18) });
  });
  sites.set(brand.domain, objects);
}

function charterFor(domain: string, withPhotos: boolean): { booking: Booking; photos: string[] } {
  const input = aBookingInput({
    domain,
    title: domain === 'sailjada.com' ? 'Sunset Sail' : 'Birthday Cruise',
    guestNotes:
      'We will have a cake on board, so please arrive 20 minutes early.\n\nParking: the marina lot is free after 4 PM.',
    crew: [
      { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
      { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 },
      { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
    ],
  });
  const id = `bk-shot-${domain.split('.')[0]}`;
  const booking = aBooking(
    { id, domain, status: 'confirmed', slug: `${domain.split('.')[0]}-charter` },
    input,
  );
  const photos = withPhotos ? [1, 2, 3, 4].map((n) => `photos/${id}/photo-${n}.svg`) : [];
  return { booking, photos };
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const host = (request.headers.host ?? '').split(':')[0]?.replace(/\.localhost$/, '') ?? '';
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    const outcome = await viewerRequest(viewerRequestEvent({ uri: path, search }));
    if (outcome.kind === 'response') {
      response.writeHead(outcome.response.statusCode).end();
      return;
    }
    const object = sites.get(host)?.get(outcome.request.uri);
    if (!object) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': object.type, 'cache-control': 'public, max-age=300' });
    response.end(object.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP *.localhost 127.0.0.1'],
    });
  }
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

/** What the site answers for `path` on `domain` (Node's resolver knows no *.localhost, so Host is set). */
function contentTypeAt(domain: string, path: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    request(url, { headers: { host: `${domain}.localhost` } }, (response) => {
      response.resume();
      resolve(response.headers['content-type']);
    })
      .on('error', reject)
      .end();
  });
}

async function openPhone(domain: string, path: string) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const port = new URL(origin).port;
  const response = await page.goto(`http://${domain}.localhost:${port}${path}`, { waitUntil: 'load' });
  return { page, problems, status: response?.status() };
}

describe.skipIf(!existsSync(CHROMIUM))('guest page in headless Chromium at phone width', () => {
  it.each(brands.domains)('renders %s cleanly and saves a screenshot', async (domain) => {
    const { booking, photos } = charterFor(domain, true);
    publishLocally(booking, photos);

    const { page, problems, status } = await openPhone(domain, `/g/${booking.slug}`);

    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(booking.title);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.photos img').count()).toBe(4);
    await page.evaluate(async () => {
      for (const img of Array.from(document.images)) {
        img.loading = 'eager';
        if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
      }
    });
    const calendarHref = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    expect(await contentTypeAt(domain, new URL(calendarHref ?? '', page.url()).pathname)).toBe(
      'text/calendar; charset=utf-8',
    );
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${OUT}/guest-page-${domain}.png`, fullPage: true });
    await page.close();
  });

  it('runs nothing from hostile guest text and keeps its data block intact', async () => {
    const booking = hostileBooking();
    publishLocally(booking);

    const { page, problems } = await openPhone('sailjada.com', `/g/${booking.slug}`);

    expect(problems).toEqual([]);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe(booking.title);
    const data = await page.locator('#charter-data').textContent();
    expect(JSON.parse(data ?? 'null')).toEqual(JSON.parse(JSON.stringify(guestView(booking))));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${OUT}/guest-page-hostile.png`, fullPage: true });
    await page.close();
  });
});
