/**
 * Finding 1 of #14, "stored script on the brand domain": a crew link's holder asked for a presign of
 * image/svg+xml, uploaded an SVG with a script and had it served from https://<brand>/photos/… where Chromium
 * ran it. Each attack below goes through the real SCC handler, s3rver, the gallery builder and the local CDN
 * (which serves by the same edge description the CDK builds the distributions from), and the last ones open
 * the photo in Chromium.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../src/config/brands';
import { createEdgeCache } from '../../src/dev/cdn/edge-cache';
import { createGuestSites } from '../../src/dev/cdn/guest-sites';
import { localS3Client } from '../../src/dev/stand-ins/s3rver';
import { loadViewerRequestFunction } from '../../src/guest/cloudfront-function';
import { PHOTO_CONTENT_SECURITY_POLICY } from '../../src/guest/edge-config';
import { listGuestPhotos } from '../../src/guest/photos';
import { launchChromium } from '../e2e/helpers/browser';
import { aBookingInput } from '../helpers/fixtures';
import { findLink, readSentMail } from '../helpers/ses';
import {
  type Harness,
  PUBLIC_BASE_URL,
  SERVICE_KEY,
  sccEventFor,
  startHarness,
} from '../integration/scc/harness';

const brands = loadBrands('templates');
const brand = brands.get('sailjada.com');
const BOOKING_ID = 'bk-security-photos-1';
const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg"><script>document.title="pwned";fetch("/steal?c="+document.cookie)</script></svg>';
const HTML_WITH_SCRIPT = '<!doctype html><html><script>document.title="pwned"</script></html>';
/** Valid JPEG magic bytes followed by a page: sniffs as JPEG, renders as HTML if a browser is let sniff. */
const POLYGLOT = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.from(HTML_WITH_SCRIPT),
]);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

let h: Harness;
let s3: S3Client;
let token: string;
let server: Server;
let cdn: string;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ withS3: true });
  s3 = localS3Client(h.s3?.endpoint ?? '');
  const booking = await h.seedBooking(aBookingInput({ domain: brand.domain }), BOOKING_ID);
  await h.call({ method: 'POST', path: '/events', body: sccEventFor(booking), key: SERVICE_KEY });
  const [mail] = await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' });
  token = (findLink(mail?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '').split('/crew/')[1] ?? '';
  const sites = createGuestSites({
    brands,
    s3,
    viewerRequest: loadViewerRequestFunction(),
    cache: createEdgeCache(),
  });
  server = createServer(
    (request, response) => void sites.serve(brand, request.url ?? '/', request, response),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cdn = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  s3?.destroy();
  await h?.stop();
});

const presign = (contentType: string) =>
  h.call({ method: 'POST', path: '/g/presign', body: { token, contentType } });

async function store(key: string, body: Buffer | string, contentType: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: brand.bucket, Key: key, Body: body, ContentType: contentType }),
  );
}

describe('finding 1: a crew link cannot put script on the brand’s origin', () => {
  it.each(['image/svg+xml', 'text/html', 'image/svg', 'image/x-icon', 'application/xhtml+xml', 'image/'])(
    'presign for %s is refused with 400 and a sentence',
    async (contentType) => {
      const response = await presign(contentType);
      expect(response.status).toBe(400);
      expect(response.json().fields[0].message).toContain('Only photos can be uploaded');
    },
  );

  it('a granted policy fixes the exact Content-Type (eq), so the form cannot switch to image/svg+xml', async () => {
    const grant = (await presign('image/jpeg')).json();
    const policy = JSON.parse(Buffer.from(grant.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/jpeg']);
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with","$Content-Type');
    expect(grant.key).toMatch(/\.jpg$/);
  });

  it('an HTML file uploaded under a .jpg name with image/jpeg is left out of the gallery', async () => {
    await store(
      `photos/${BOOKING_ID}/20261201T100000Z-ana-ruiz-aaaaaaaa.jpg`,
      HTML_WITH_SCRIPT,
      'image/jpeg',
    );
    await store(`photos/${BOOKING_ID}/20261201T100001Z-ana-ruiz-bbbbbbbb.jpg`, JPEG, 'image/jpeg');

    const photos = await listGuestPhotos(s3, brand.bucket, BOOKING_ID);

    expect(photos).toEqual([`photos/${BOOKING_ID}/20261201T100001Z-ana-ruiz-bbbbbbbb.jpg`]);
  });

  it('an SVG stored as a photo (named .jpg or .svg) is left out of the gallery', async () => {
    await store(
      `photos/${BOOKING_ID}/20261201T100002Z-ana-ruiz-cccccccc.jpg`,
      SVG_WITH_SCRIPT,
      'image/svg+xml',
    );
    await store(
      `photos/${BOOKING_ID}/20261201T100003Z-ana-ruiz-dddddddd.svg`,
      SVG_WITH_SCRIPT,
      'image/svg+xml',
    );

    const photos = await listGuestPhotos(s3, brand.bucket, BOOKING_ID);

    expect(photos.some((key) => key.includes('cccccccc') || key.includes('dddddddd'))).toBe(false);
  });

  it('JPEG bytes declared as image/png are left out too: bytes, type and name must agree', async () => {
    await store(`photos/${BOOKING_ID}/20261201T100004Z-ana-ruiz-eeeeeeee.png`, JPEG, 'image/png');
    expect((await listGuestPhotos(s3, brand.bucket, BOOKING_ID)).some((k) => k.includes('eeeeeeee'))).toBe(
      false,
    );
  });

  it('the edge serves /photos/* with the sandboxing CSP, nosniff and the stored image type', async () => {
    const key = `photos/${BOOKING_ID}/20261201T100005Z-ana-ruiz-ffffffff.jpg`;
    await store(key, POLYGLOT, 'image/jpeg');

    const response = await fetch(`${cdn}/${key}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-security-policy')).toBe(PHOTO_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['an SVG with a script', 'gggggggg.svg', SVG_WITH_SCRIPT, 'image/svg+xml'],
    ['a JPEG/HTML polyglot', 'hhhhhhhh.jpg', POLYGLOT, 'image/jpeg'],
    ['an HTML file named .jpg and served as text/html', 'iiiiiiii.jpg', HTML_WITH_SCRIPT, 'text/html'],
  ])('%s opened from the brand’s /photos/ in Chromium runs no script', async (_name, file, body, type) => {
    const key = `photos/${BOOKING_ID}/20261201T100006Z-ana-ruiz-${file}`;
    await store(key, body, type);
    const page = await browser.newPage();
    try {
      await page.goto(`${cdn}/${key}`);
      // A script would have set the title synchronously while the document loaded.
      expect(await page.title()).not.toBe('pwned');
      const scriptRan = await page.evaluate(() => document.title === 'pwned').catch(() => false);
      expect(scriptRan).toBe(false);
    } finally {
      await page.close();
    }
  });
});
