/**
 * `npm run lighthouse [-- <url> …]`: measures pages as a phone's browser sees them with Lighthouse 12 at its
 * default mobile settings (emulated phone, simulated slow 4G and CPU) in Debian's Chromium, headless, with no
 * sandbox and background networking off. Works offline.
 *
 * It renders a realistic charter page per brand (crew, notes, photos), serves each on localhost through the
 * real CloudFront Function file with the headers S3 and CloudFront would send, and measures them; likewise
 * the crew page (SCC's standalone render, photo upload form included).
 * Extra URLs (for example a crew page from `npm run dev`) are measured as they are.
 *
 * Targets: performance ≥ 95, accessibility 100, best practices ≥ 95. Exits 1 when a page misses one.
 * Development tool only; it never publishes anything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { loadBrands } from '../src/config/brands';
import { freePort } from '../src/dev/stand-ins/free-port';
import { crewView, guestView } from '../src/domain';
import { createGuestRenderer, loadViewerRequestFunction, viewerRequestEvent } from '../src/guest';
import { renderCrewPageStandalone } from '../src/scc/crew-templates';
import { aBooking, aBookingInput } from '../test/helpers/fixtures';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const OUT = 'test-results';
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95 } as const;
type Category = keyof typeof TARGETS;

interface Site {
  name: string;
  url: string;
  server?: Server;
}

function sunsetSvg(hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="#0b3d5c"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><circle cx="200" cy="250" r="60" fill="#ffe9a8"/></svg>`;
}

/** One local "distribution" per brand: the CloudFront Function, then the objects the publisher would write. */
async function serveGuestSites(): Promise<Site[]> {
  const brands = loadBrands('templates');
  const renderer = createGuestRenderer({ templatesDir: 'templates' });
  const viewerRequest = loadViewerRequestFunction();
  const sites: Site[] = [];
  for (const brand of brands.all) {
    const name = brand.domain.split('.')[0] ?? brand.domain;
    const id = `bk-lighthouse-${name}`;
    const booking = aBooking(
      { id, domain: brand.domain, slug: `${name}-charter-2026-12-05`, status: 'confirmed' },
      aBookingInput({
        domain: brand.domain,
        guestNotes:
          'We will have a cake on board, so please arrive 20 minutes early.\n\nParking is free after 4 PM.',
        crew: [
          { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain', hourlyRateCents: 6500 },
          { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew', hourlyRateCents: 3200 },
          { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess', hourlyRateCents: 2800 },
        ],
      }),
    );
    const photos = [1, 2, 3, 4].map((n) => `photos/${id}/photo-${n}.svg`);
    const objects = new Map<string, { type: string; body: string }>();
    objects.set(`/g/${booking.slug}.html`, {
      type: 'text/html; charset=utf-8',
      body: renderer.renderGuestPage({ view: guestView(booking), brand, photos }),
    });
    for (const [i, key] of photos.entries()) {
      objects.set(`/${key}`, { type: 'image/svg+xml', body: sunsetSvg(10 + i * 20) });
    }

    const server = createServer(async (request, response) => {
      const [path = '/', search = ''] = (request.url ?? '/').split('?');
      const outcome = await viewerRequest(viewerRequestEvent({ uri: path, search }));
      const object = outcome.kind === 'request' ? objects.get(outcome.request.uri) : undefined;
      if (!object) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      // As CloudFront does with compression on: gzip for clients that accept it.
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      response.writeHead(200, {
        'content-type': object.type,
        'cache-control': 'public, max-age=300',
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      response.end(gzip ? gzipSync(object.body) : object.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    sites.push({
      name: `guest page, ${brand.domain}`,
      url: `http://localhost:${port}/g/${booking.slug}`,
      server,
    });
  }
  return sites;
}

async function serveHtml(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if ((request.url ?? '/') !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    response.end(gzip ? gzipSync(html) : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

/** The crew page as SCC renders it for one crew member, served from memory. */
async function serveCrewPage(): Promise<Site> {
  const brand = loadBrands('templates').get('sailjada.com');
  const booking = aBooking({ id: 'bk-lighthouse-crew', status: 'confirmed' });
  const { server, url } = await serveHtml(renderCrewPageStandalone(crewView(booking, 'ana-ruiz'), brand));
  return { name: 'crew page, sailjada.com', url, server };
}

/** Headless Chromium with a DevTools port for Lighthouse to drive. */
async function launchChromium(): Promise<{ port: number; stop(): void }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROME_PATH).`);
  }
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'lighthouse-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-sync',
      '--metrics-recording-only',
      '--no-first-run',
      '--mute-audio',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Chromium did not open its DevTools port ${port}.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    stop() {
      child.kill('SIGKILL');
      // Chromium's helper processes may still be writing the profile for a moment after the kill.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

async function main(): Promise<void> {
  const extraUrls = process.argv.slice(2).filter((arg) => /^https?:\/\//.test(arg));
  const sites: Site[] = [
    ...(await serveGuestSites()),
    await serveCrewPage(),
    ...extraUrls.map((url) => ({ name: url, url })),
  ];
  const chromium = await launchChromium();
  mkdirSync(OUT, { recursive: true });
  const results: { name: string; url: string; scores: Record<Category, number>; failing: string[] }[] = [];
  try {
    for (const site of sites) {
      const run = await lighthouse(site.url, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(TARGETS),
      });
      if (!run) throw new Error(`Lighthouse returned nothing for ${site.url}`);
      const { categories, audits } = run.lhr;
      const scores = Object.fromEntries(
        (Object.keys(TARGETS) as Category[]).map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]),
      ) as Record<Category, number>;
      // What cost points, so a miss says what to fix.
      const failing = Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
        .map((a) => `${a.id} (${a.score})`);
      results.push({ name: site.name, url: site.url, scores, failing });
      const slug = site.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      writeFileSync(join(OUT, `lighthouse-${slug}.json`), JSON.stringify(run.lhr, null, 2));
    }
  } finally {
    chromium.stop();
    for (const site of sites) site.server?.close();
  }

  let missed = false;
  for (const { name, scores, failing } of results) {
    const line = (Object.keys(TARGETS) as Category[])
      .map((c) => {
        const ok = scores[c] >= TARGETS[c];
        if (!ok) missed = true;
        return `${c} ${scores[c]}${ok ? '' : ` (target ${TARGETS[c]})`}`;
      })
      .join(', ');
    console.log(`${name}: ${line}`);
    if (failing.length > 0) console.log(`  audits below full marks: ${failing.join(', ')}`);
  }
  writeFileSync(join(OUT, 'lighthouse-summary.json'), JSON.stringify(results, null, 2));
  if (missed) process.exitCode = 1;
}

await main();
