/**
 * The guest page lists only crew who have not declined (issue #18 items 3 and 8): a decline is a crew
 * answer, not a new revision, so the guest-page step sees it (isStale) and republishes at the same revision;
 * a change of mind puts the person back.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { invalidationReference } from '../../../src/pipeline/steps/invalidation';
import { type LifecycleStack, startLifecycleStack } from './helpers/lifecycle-stack';

describe('the guest page and crew who declined', () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack({ withGuestPages: true });
  });
  afterAll(() => stack?.stop());

  const crewOnPage = async (bookingId: string) => {
    const booking = await stack.store.requireBooking(bookingId);
    const bucket = loadBrands('templates').get(booking.domain).bucket;
    const page = await stack.s3!.s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: `g/${booking.slug}.html` }),
    );
    const html = (await page.Body?.transformToString()) ?? '';
    return [...html.matchAll(/<span class="person-name" dir="auto">([^<]+)<\/span>/g)].map((m) => m[1]);
  };

  it('drops a crew member who declines, at the same revision, and brings them back when they confirm', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Guest Crew Sail' }, 'bk-guestcrew-0001');
    await stack.reconcile(booking.id);
    expect(await crewOnPage(booking.id)).toEqual(['Ana', 'Ben']);

    stack.clock.set(new Date('2026-11-24T19:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'declined', 'Guest Crew Sail');
    await stack.reconcile(booking.id);

    expect(await crewOnPage(booking.id)).toEqual(['Ana']);
    expect((await stack.store.requireBooking(booking.id)).revision).toBe(booking.revision);

    await stack.answerFromEmail('ben@crew.test', 'confirmed', 'Guest Crew Sail');
    await stack.reconcile(booking.id);
    expect(await crewOnPage(booking.id)).toEqual(['Ana', 'Ben']);
  });

  it('gives a republish of the same paths at the same revision its own invalidation', () => {
    const paths = ['/g/a.html', '/g/b.html'];
    expect(invalidationReference('bk-1', 2, paths, 'publish-one')).not.toBe(
      invalidationReference('bk-1', 2, paths, 'publish-two'),
    );
    expect(invalidationReference('bk-1', 2, paths)).toBe(
      invalidationReference('bk-1', 2, [...paths].reverse()),
    );
  });
});
