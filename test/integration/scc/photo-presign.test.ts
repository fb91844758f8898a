import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../../src/dev/stand-ins/s3rver';
import { aBookingInput } from '../../helpers/fixtures';
import { findLink, readSentMail } from '../../helpers/ses';
import { type Harness, PUBLIC_BASE_URL, SERVICE_KEY, sccEventFor, startHarness } from './harness';

let h: Harness;
let token: string;
const BOOKING_ID = 'bk-photos-0001';
const MAX_BYTES = 2 * 1024 * 1024;

/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  h = await startHarness({ withS3: true, photoMaxBytes: MAX_BYTES });
  const booking = await h.seedBooking(aBookingInput(), BOOKING_ID);
  await h.call({ method: 'POST', path: '/events', body: sccEventFor(booking), key: SERVICE_KEY });
  const [mail] = await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' });
  token = (findLink(mail?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '').split('/crew/')[1] ?? '';
});
afterAll(async () => {
  await h.stop();
});

const presign = (body: unknown, headers: Record<string, string> = {}) =>
  h.call({ method: 'POST', path: '/g/presign', body, headers });

function decodePolicy(fields: Record<string, string>): { expiration: string; conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8'));
}

describe('POST /g/presign', () => {
  it('grants an upload whose policy allows only an image, up to the limit, under the booking’s prefix', async () => {
    const response = await presign({ token, contentType: 'image/png' });

    expect(response.status).toBe(200);
    const grant = response.json();
    expect(grant.key).toMatch(new RegExp(`^photos/${BOOKING_ID}/\\d{8}T\\d{6}Z-ana-ruiz-[0-9a-f]{8}\\.png$`));
    expect(grant.maxBytes).toBe(MAX_BYTES);
    const { conditions, expiration } = decodePolicy(grant.fields);
    expect(conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'sailjada.com' },
        { key: grant.key },
        ['content-length-range', 1, MAX_BYTES],
        ['eq', '$Content-Type', 'image/png'],
        ['starts-with', '$key', `photos/${BOOKING_ID}/`],
        { 'Content-Type': 'image/png' },
      ]),
    );
    expect(Date.parse(expiration)).toBeGreaterThan(Date.now());
    expect(Date.parse(expiration)).toBeLessThanOrEqual(Date.now() + 11 * 60_000);
  });

  it('lets the crew page upload straight to the bucket with the grant: the photo lands under the prefix', async () => {
    const grant = (await presign({ contentType: 'image/png' }, { authorization: `Bearer ${token}` })).json();
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields as Record<string, string>))
      form.append(name, value);
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'sunset.png');

    const upload = await fetch(grant.url, { method: 'POST', body: form });

    expect(upload.status).toBeLessThan(300);
    const s3 = localS3Client(h.s3?.endpoint ?? '');
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'sailjada.com', Prefix: `photos/${BOOKING_ID}/` }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toContain(grant.key);
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'sailjada.com', Key: grant.key }));
    expect(stored.ContentType).toBe('image/png');
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(PNG);
    s3.destroy();
  });

  it('refuses anything that is not an image', async () => {
    const response = await presign({ token, contentType: 'application/pdf' });
    expect(response.status).toBe(400);
    expect(response.json().fields[0]).toEqual({
      field: 'contentType',
      message: 'Only photos can be uploaded (JPEG, PNG, WebP, HEIC, AVIF or GIF).',
    });
  });

  it('refuses a client that asks for its own key or prefix: no path from the client reaches the key', async () => {
    const asKey = await presign({ token, contentType: 'image/png', key: 'photos/bk-someone-else/x.png' });
    const asPrefix = await presign({ token, contentType: 'image/png', prefix: 'photos/bk-someone-else/' });
    expect(asKey.status).toBe(400);
    expect(asKey.json().message).toContain('the server picks where a photo is stored');
    expect(asPrefix.status).toBe(400);
  });

  it('refuses a link used for another charter than the one asked about', async () => {
    const response = await presign({ token, contentType: 'image/png', bookingId: 'bk-someone-else' });
    expect(response.status).toBe(403);
  });

  it('refuses without a crew link, and with a tampered one', async () => {
    const none = await presign({ contentType: 'image/png' });
    const tampered = await presign({ token: `${token.slice(0, -2)}xx`, contentType: 'image/png' });
    expect(none.status).toBe(403);
    expect(tampered.status).toBe(403);
    expect(tampered.headers['content-type']).toContain('application/json');
  });

  it('refuses a photo announced as larger than the limit with 413', async () => {
    const response = await presign({ token, contentType: 'image/jpeg', size: MAX_BYTES + 1 });
    expect(response.status).toBe(413);
    expect(response.json().message).toBe('Photos can be at most 2 MB each.');
  });
});
