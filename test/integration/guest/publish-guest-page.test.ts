/**
 * Publishing against s3rver (objects fetched back: content type, cache headers, body). CloudFront has no
 * local twin, so its client is aws-sdk-client-mock'ed to record the invalidations asked for.
 */
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  type CreateInvalidationCommandInput,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import type { Booking } from '../../../src/domain';
import { UpstreamError } from '../../../src/errors';
import { createGuestPagePublisher, createGuestRenderer, type GuestPagePublisher } from '../../../src/guest';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { startTestS3, type TestS3 } from '../../helpers/s3';

const brands = loadBrands('templates');
const brand = brands.get('sailjada.com');
const renderer = createGuestRenderer({ templatesDir: 'templates' });

let local: TestS3;
const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
const cloudFrontMock = mockClient(cloudFront);
let publisher: GuestPagePublisher;
let invalidationCount = 0;

beforeAll(async () => {
  local = await startTestS3(brands.all.map((b) => b.bucket));
  publisher = createGuestPagePublisher({ s3: local.s3, cloudFront, renderer });
});

afterAll(async () => {
  cloudFrontMock.restore();
  await local?.stop();
});

beforeEach(() => {
  cloudFrontMock.reset();
  cloudFrontMock.on(CreateInvalidationCommand).callsFake(() => {
    invalidationCount += 1;
    return { Invalidation: { Id: `I${invalidationCount}`, Status: 'InProgress' } };
  });
});

/** Each test gets its own booking id so objects from other tests never interfere. */
let sequence = 0;
function freshBooking(overrides: Partial<Booking> = {}, input = aBookingInput()): Booking {
  sequence += 1;
  const id = `bk-pub-${String(sequence).padStart(4, '0')}`;
  return aBooking({ id, slug: `sunset-sail-${sequence}-2026-12-05`, ...overrides }, input);
}

async function fetchObject(key: string, bucket = brand.bucket) {
  const object = await local.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return {
    contentType: object.ContentType,
    cacheControl: object.CacheControl,
    contentDisposition: object.ContentDisposition,
    metadata: object.Metadata,
    body: (await object.Body?.transformToString('utf-8')) ?? '',
  };
}

/** Counts PutObject calls on the shared client until the test ends. */
function countPutObjects(): () => number {
  let count = 0;
  const name = `count-puts-${sequence}`;
  local.s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') count += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  onTestFinished(() => {
    local.s3.middlewareStack.remove(name);
  });
  return () => count;
}

function invalidationInputs(): CreateInvalidationCommandInput[] {
  return cloudFrontMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
}

describe('publishGuestPage', () => {
  it('uploads the page under its slug and its id, and the calendar file, with type and cache headers', async () => {
    const booking = freshBooking({ status: 'confirmed' });
    await publisher.publishGuestPage({ booking, brand, photos: [] });

    for (const key of [`g/${booking.slug}.html`, `g/${booking.id}.html`]) {
      const page = await fetchObject(key);
      expect(page.contentType).toBe('text/html; charset=utf-8');
      expect(page.cacheControl).toBe('public, max-age=0, s-maxage=300, must-revalidate');
      expect(page.body).toContain('<h1 dir="auto">Sunset Sail</h1>');
      expect(page.body).toContain('your crew is confirmed');
      expect(page.metadata?.['booking-id']).toBe(booking.id);
    }
    const ics = await fetchObject(`g/${booking.id}.ics`);
    expect(ics.contentType).toBe('text/calendar; charset=utf-8');
    expect(ics.contentDisposition).toBe(`inline; filename="${booking.slug}.ics"`);
    expect(ics.body).toContain(`UID:${booking.id}@sailjada.com`);
  });

  it('invalidates exactly the changed paths, once, with bookingId and revision in the caller reference', async () => {
    const booking = freshBooking({ revision: 3 });
    const result = await publisher.publishGuestPage({ booking, brand, photos: [] });

    const expected = [`/g/${booking.slug}.html`, `/g/${booking.id}.html`, `/g/${booking.id}.ics`];
    expect(result.paths).toEqual(expected);
    expect(result.invalidationId).toMatch(/^I\d+$/);
    const [input, ...more] = invalidationInputs();
    expect(more).toHaveLength(0);
    expect(input?.DistributionId).toBe(brand.distributionId);
    expect(input?.InvalidationBatch?.Paths).toEqual({ Quantity: 3, Items: expected });
    expect(input?.InvalidationBatch?.CallerReference).toMatch(new RegExp(`^${booking.id}-r3-[0-9a-f]{16}$`));
    expect(input?.InvalidationBatch?.Paths?.Items).not.toContain('/*');
  });

  it('uploads nothing the second time and repeats the identical invalidation request', async () => {
    const booking = freshBooking();
    const first = await publisher.publishGuestPage({ booking, brand, photos: [] });
    const puts = countPutObjects();

    const again = await publisher.publishGuestPage({ booking, brand, photos: [] });

    expect(puts()).toBe(0);
    // Same CallerReference and paths: CloudFront answers with the first invalidation instead of a new one.
    const [a, b] = invalidationInputs();
    expect(b?.InvalidationBatch).toEqual(a?.InvalidationBatch);
    expect(again.callerReference).toBe(first.callerReference);
  });

  it('invalidates nothing for an object that an earlier publish already wrote', async () => {
    const booking = freshBooking();
    await publisher.publishGuestPage({ booking, brand, photos: [] });
    cloudFrontMock.resetHistory();

    // Same page content, but the set differs (a redirect joins): only the redirect is new.
    const result = await publisher.publishGuestPage({
      booking: { ...booking, previousSlugs: [`old-${booking.id}`] },
      brand,
      photos: [],
    });

    expect(result.paths).toEqual([`/g/old-${booking.id}.html`]);
  });

  it('invalidates only the pages when only the photos changed', async () => {
    const booking = freshBooking();
    await publisher.publishGuestPage({ booking, brand, photos: [] });
    cloudFrontMock.resetHistory();

    const result = await publisher.publishGuestPage({
      booking,
      brand,
      photos: [`photos/${booking.id}/deck.jpg`],
    });

    expect(result.paths).toEqual([`/g/${booking.slug}.html`, `/g/${booking.id}.html`]);
    expect((await fetchObject(`g/${booking.slug}.html`)).body).toContain(
      `/photos/${booking.id}/deck.jpg`.replace(/\//g, '&#x2F;'),
    );
  });

  it('lists the booking’s photos from the bucket when none are given', async () => {
    const booking = freshBooking();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    await local.s3.send(
      new PutObjectCommand({
        Bucket: brand.bucket,
        Key: `photos/${booking.id}/one.jpg`,
        Body: jpeg,
        ContentType: 'image/jpeg',
      }),
    );
    await local.s3.send(
      new PutObjectCommand({ Bucket: brand.bucket, Key: `photos/${booking.id}/notes.txt`, Body: 'x' }),
    );
    await publisher.publishGuestPage({ booking, brand });
    const page = (await fetchObject(`g/${booking.slug}.html`)).body;
    expect(page).toContain('one.jpg');
    expect(page).not.toContain('notes.txt');
  });

  it('invalidates again on retry when the first invalidation failed, with the same caller reference', async () => {
    const booking = freshBooking();
    cloudFrontMock.reset();
    cloudFrontMock
      .on(CreateInvalidationCommand)
      .rejectsOnce(
        new TooManyInvalidationsInProgress({ message: 'slow down', $metadata: { httpStatusCode: 400 } }),
      )
      .resolves({
        Invalidation: {
          Id: 'I-retry',
          Status: 'InProgress',
          CreateTime: new Date(),
          InvalidationBatch: undefined,
        },
      });

    const failure = await publisher.publishGuestPage({ booking, brand, photos: [] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ service: 'cloudfront', transient: true });

    const retry = await publisher.publishGuestPage({ booking, brand, photos: [] });
    const [first, second] = invalidationInputs();
    expect(retry.paths).toHaveLength(3);
    expect(second?.InvalidationBatch).toEqual(first?.InvalidationBatch);
  });

  it('leaves a redirect page at the old slug after a rename', async () => {
    const booking = freshBooking();
    await publisher.publishGuestPage({ booking, brand, photos: [] });
    const renamed = { ...booking, slug: `renamed-${booking.id}`, previousSlugs: [booking.slug], revision: 2 };
    cloudFrontMock.resetHistory();

    const result = await publisher.publishGuestPage({ booking: renamed, brand, photos: [] });

    expect(result.paths).toContain(`/g/${booking.slug}.html`);
    expect(result.paths).toContain(`/g/${renamed.slug}.html`);
    const old = await fetchObject(`g/${booking.slug}.html`);
    expect(old.contentType).toBe('text/html; charset=utf-8');
    expect(old.body).toContain(`<meta http-equiv="refresh" content="0; url=&#x2F;g&#x2F;${renamed.slug}">`);
    expect((await fetchObject(`g/${renamed.slug}.html`)).body).toContain('Sunset Sail');
  });

  it('never lets a redirect overwrite a page another booking owns', async () => {
    const owner = freshBooking();
    await publisher.publishGuestPage({ booking: owner, brand, photos: [] });
    const other = freshBooking({ previousSlugs: [owner.slug], revision: 2 });

    const result = await publisher.publishGuestPage({ booking: other, brand, photos: [] });

    expect(result.keys).not.toContain(`g/${owner.slug}.html`);
    const page = await fetchObject(`g/${owner.slug}.html`);
    expect(page.metadata?.['booking-id']).toBe(owner.id);
    expect(page.body).not.toContain('http-equiv="refresh"');
  });

  it('publishes the cancelled page for a cancelled booking', async () => {
    const booking = freshBooking({ status: 'cancelled', revision: 2 });
    await publisher.publishGuestPage({ booking, brand, photos: [] });
    const page = await fetchObject(`g/${booking.slug}.html`);
    expect(page.body).toContain('This charter was cancelled');
    expect((await fetchObject(`g/${booking.id}.ics`)).body).toContain('STATUS:CANCELLED');
  });

  it('uploads without invalidating where no CDN client is given', async () => {
    const plain = createGuestPagePublisher({ s3: local.s3, renderer });
    const booking = freshBooking();
    const result = await plain.publishGuestPage({ booking, brand, photos: [] });
    expect(result.paths).toHaveLength(3);
    expect(result.invalidationId).toBeUndefined();
    expect(invalidationInputs()).toHaveLength(0);
  });
});

describe('takeDownGuestPage', () => {
  it('replaces a live page with the cancelled page and invalidates it', async () => {
    const booking = freshBooking({ status: 'confirmed' });
    await publisher.publishGuestPage({ booking, brand, photos: [] });
    cloudFrontMock.resetHistory();

    const result = await publisher.takeDownGuestPage({ booking: { ...booking, revision: 2 }, brand });

    expect(result.paths).toEqual([
      `/g/${booking.slug}.html`,
      `/g/${booking.id}.html`,
      `/g/${booking.id}.ics`,
    ]);
    for (const key of [`g/${booking.slug}.html`, `g/${booking.id}.html`]) {
      const page = await fetchObject(key);
      expect(page.body).toContain('This charter was cancelled');
      expect(page.body).not.toContain('Your crew');
    }
  });

  it('works on a brand with another bucket', async () => {
    const queen = brands.get('queenofsandiego.com');
    const input = aBookingInput({ domain: 'queenofsandiego.com' });
    const booking = freshBooking({ domain: 'queenofsandiego.com' }, input);
    await publisher.takeDownGuestPage({ booking, brand: queen });
    expect((await fetchObject(`g/${booking.slug}.html`, queen.bucket)).body).toContain('Queen of San Diego');
    expect(invalidationInputs()[0]?.DistributionId).toBe(queen.distributionId);
  });
});
