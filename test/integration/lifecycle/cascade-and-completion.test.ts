/**
 * The decline cascade, "Remind again", the roster for someone who confirms after it went out, and the
 * captain's completion with the crew's photos on the guest page.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { offerPlace } from '../../../src/crew/replace-crew';
import { photoKey } from '../../../src/scc/photo-presign';
import { ACTION } from '../../../src/slack/ids';
import { type LifecycleStack, recipient, replyText, startLifecycleStack } from './helpers/lifecycle-stack';

describe('declines, reminders on request, and completion', () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack({ withGuestPages: true });
  });
  afterAll(() => stack?.stop());

  it('a decline puts the next free person of that role in the thread, with one-click Offer', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Decline Sail' }, 'bk-decline-0001');
    await stack.reconcile(booking.id);
    stack.clock.set(new Date('2026-11-24T19:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'declined', 'Decline Sail');
    await stack.reconcile(booking.id);
    await stack.reconcile(booking.id);

    const proposals = stack.replies(booking.id).filter((r) => r.text?.includes('can’t make it'));
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.text).toContain('Crew Ben Okafor can’t make it');
    expect(replyText(proposals[0]!)).toContain(
      `"action_id":"${ACTION.offerPlace}","value":"${booking.id}|ben-okafor|dana-lee"`,
    );
    expect((await stack.pendingTimers(booking.id)).map((t) => t.name)).not.toContain(
      `deadline.${booking.id}.ben-okafor`,
    );
  });

  it('the next proposal skips who declined: Dana declines too, Eli is proposed', async () => {
    const id = 'bk-decline-0001';
    await offerPlace(stack.store, stack.timeOff, {
      bookingId: id,
      crewId: 'ben-okafor',
      candidateId: 'dana-lee',
      actor: 'U0OPS',
    });
    await stack.reconcile(id);
    await stack.answerFromEmail('dana@crew.test', 'declined', 'Decline Sail');
    await stack.reconcile(id);

    const proposal = stack
      .replies(id)
      .find((r) => r.text?.includes('Crew Dana Lee (<@U0DANA>) can’t make it'));
    expect(replyText(proposal!)).toContain(`"value":"${id}|dana-lee|eli-park"`);
    // Ben declined this charter earlier: he is never offered it again.
    expect(replyText(proposal!)).not.toContain('ben-okafor"');
  });

  it('Remind again emails the person once and says so in the thread', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Remind Sail' }, 'bk-remind-0001');
    await stack.reconcile(booking.id);
    await stack.clearMail();

    const asked = await stack.store.requestCrewReminder(booking.id, booking.revision, 'ben-okafor', 'U0OPS');
    await stack.reconcile(booking.id);
    await stack.reconcile(booking.id);

    const mail = await stack.mail();
    expect(mail.map(recipient)).toEqual(['ben@crew.test']);
    expect(mail[0]?.subject).toMatch(/^Reminder: please answer for Remind Sail/);
    expect(
      stack
        .replies(booking.id)
        .map((r) => r.text)
        .join('\n'),
    ).toContain('Reminded Crew Ben Okafor again, as <@U0OPS> asked.');
    expect(asked.revision).toBe(booking.revision + 1);
  });

  it('someone confirming after the roster went out gets it too', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Late Sail' }, 'bk-late-0001');
    await stack.reconcile(booking.id);
    await stack.answerFromEmail('ana@crew.test', 'confirmed', 'Late Sail');
    await stack.reconcile(booking.id);
    await stack.clearMail();
    const rosterOf = async () =>
      (await stack.mail()).filter((m) => m.subject.startsWith('Tomorrow: Late Sail')).map(recipient);
    // (Other charters' timers in this table fire too: only this one's roster counts here.)
    await stack.advanceTo('2026-12-04T17:00:00Z');
    expect(await rosterOf()).toEqual(['ana@crew.test']);

    stack.clock.set(new Date('2026-12-04T20:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'confirmed', 'Late Sail');
    await stack.reconcile(booking.id);
    expect((await rosterOf()).sort()).toEqual(['ana@crew.test', 'ben@crew.test']);
  });

  it('the captain completes the charter: the thread reports it, timers end, the guest page shows the photos', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Photo Sail' }, 'bk-photo-0001');
    await stack.reconcile(booking.id);
    await stack.answerFromEmail('ana@crew.test', 'confirmed', 'Photo Sail');
    await stack.reconcile(booking.id);
    const s3 = stack.s3!.s3;
    const bucket = loadBrands('templates').get(booking.domain).bucket;
    // Where the crew page's presigned upload puts a photo.
    const key = photoKey(booking.id, 'ben-okafor', 'image/jpeg', new Date('2026-12-05T23:00:00Z'));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
        ContentType: 'image/jpeg',
      }),
    );

    stack.clock.set(new Date('2026-12-06T04:00:00Z'));
    const current = await stack.store.requireBooking(booking.id);
    expect(current.status).toBe('confirmed');
    await stack.store.completeBooking(
      booking.id,
      current.revision,
      { headCount: 7, note: 'Dolphins!' },
      'UCAPTAIN1',
    );
    await stack.reconcile(booking.id);

    const thread = stack
      .replies(booking.id)
      .map((r) => r.text)
      .join('\n');
    expect(thread).toContain('Completed by <@UCAPTAIN1>: 7 aboard. “Dolphins!”');
    expect(await stack.pendingTimers(booking.id)).toEqual([]);
    const page = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `g/${booking.slug}.html` }));
    const html = (await page.Body?.transformToString()) ?? '';
    expect(html).toContain('Thanks for sailing with us');
    // The gallery: mustache escapes the slashes of the src attribute.
    expect(html.replaceAll('&#x2F;', '/')).toContain(`<img src="/${key}"`);
    expect(html).toMatch(/"status":"completed"/);
  });
});
