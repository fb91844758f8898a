/**
 * Guest email end to end (issue #17): the pipeline's guest-mail step and the guest's day-before timer, the
 * real SCC sending through aws-ses-v2-local, the ops thread on the Slack stand-in. Each charter has its own
 * guest address, so each test counts only its guest's mail.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, scheduleInstants } from '../../../src/domain';
import { photoKey } from '../../../src/scc/photo-presign';
import { aBookingInput } from '../../helpers/fixtures';
import { findLink } from '../../helpers/ses';
import { type LifecycleStack, SCC_BASE, startLifecycleStack } from '../lifecycle/helpers/lifecycle-stack';

describe('guest email', { timeout: 120_000 }, () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack({ withGuestPages: true, withGuestMail: true });
  });
  afterAll(() => stack?.stop());

  async function book(id: string, guestEmail: string, extra: Parameters<typeof aBookingInput>[0] = {}) {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking(
      { title: `Sail ${id}`, guest: { email: guestEmail }, ...extra },
      id,
    );
    await stack.reconcile(booking.id);
    return booking;
  }

  async function edit(booking: Booking, overrides: Parameters<typeof aBookingInput>[0]) {
    const input = aBookingInput({
      title: booking.title,
      guest: { email: booking.guest.email },
      ...overrides,
    });
    const instants = scheduleInstants(input.schedule);
    await stack.store.updateBooking(
      booking.id,
      (await stack.store.requireBooking(booking.id)).revision,
      { input, boat: booking.boat, startsAt: instants.startsAt, endsAt: instants.endsAt },
      'U0OPS',
    );
    await stack.reconcile(booking.id);
  }

  const guestLines = (bookingId: string) =>
    stack
      .replies(bookingId)
      .map((r) => r.text ?? '')
      .filter((t) => t.includes('Guest email'));

  it('a booking sends the guest one confirmation from the brand, with the .ics, and says so in the thread', async () => {
    const booking = await book('bk-gm-confirm', 'confirm@guest.test');
    await stack.reconcile(booking.id);

    const mail = await stack.mail('confirm@guest.test');
    expect(mail).toHaveLength(1);
    const [confirmation] = mail;
    expect(confirmation?.subject).toBe('You’re booked: Sail bk-gm-confirm, Saturday, December 5, 2026');
    expect(confirmation?.from).toContain('charters@sailjada.com');
    expect(confirmation?.text).toContain('When: Saturday, December 5, 2026, 4:00 PM – 7:00 PM PST');
    expect(confirmation?.text).toContain('Meeting point: Harbor Island West Marina, Dock C');
    expect(confirmation?.text).toContain('Map: https://www.google.com/maps/search/?api=1&query=Harbor');
    expect(confirmation?.text).toContain(`Your charter page: https://sailjada.com/g/${booking.slug}`);
    expect(confirmation?.text).toContain('- Soft-soled shoes');
    expect(confirmation?.html).toMatch(/<html lang="en">/);
    const ics = confirmation?.attachments.find((a) => a.filename === 'charter.ics')?.content.toString();
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain(`UID:${booking.id}@sailjada.com`);
    expect(guestLines(booking.id)).toEqual([':email: Guest emailed: confirmation']);
  });

  it('a time change sends one change notice saying from → to; a price-only edit sends none', async () => {
    const booking = await book('bk-gm-change', 'change@guest.test');
    await edit(booking, { schedule: { startTime: '17:00', endTime: '20:00' } });
    await stack.reconcile(booking.id);
    await edit(booking, { schedule: { startTime: '17:00', endTime: '20:00' }, priceCents: 99_000 });

    const subjects = (await stack.mail('change@guest.test')).map((m) => m.subject);
    expect(subjects).toEqual([
      'You’re booked: Sail bk-gm-change, Saturday, December 5, 2026',
      'Changed: Sail bk-gm-change, Saturday, December 5, 2026',
    ]);
    const change = (await stack.mail('change@guest.test'))[1];
    expect(change?.text).toContain(
      '- When: was Saturday, December 5, 2026, 4:00 PM – 7:00 PM PST, now Saturday, December 5, 2026, 5:00 PM – 8:00 PM PST',
    );
    const ics = change?.attachments[0]?.content.toString() ?? '';
    expect(ics).toContain(`UID:${booking.id}@sailjada.com`);
    expect(ics).toMatch(/SEQUENCE:2/);
    expect(guestLines(booking.id)).toEqual([
      ':email: Guest emailed: confirmation',
      ':email: Guest emailed: change notice',
    ]);
  });

  it('a cancellation sends one cancellation notice', async () => {
    const booking = await book('bk-gm-cancel', 'cancel@guest.test');
    await stack.store.cancelBooking(booking.id, booking.revision, 'Weather', 'U0OPS');
    await stack.reconcile(booking.id);
    await stack.reconcile(booking.id);

    const subjects = (await stack.mail('cancel@guest.test')).map((m) => m.subject);
    expect(subjects).toEqual([
      'You’re booked: Sail bk-gm-cancel, Saturday, December 5, 2026',
      'Cancelled: Sail bk-gm-cancel, Saturday, December 5, 2026',
    ]);
    const ics = (await stack.mail('cancel@guest.test'))[1]?.attachments[0]?.content.toString() ?? '';
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain(`UID:${booking.id}@sailjada.com`);
  });

  it('the day-before timer sends one reminder naming the captain, however often it fires', async () => {
    const booking = await book('bk-gm-daybefore', 'daybefore@guest.test', {
      schedule: { date: '2026-12-12' },
    });
    const timers = (await stack.pendingTimers(booking.id)).map((t) => [t.name, t.at.toISOString()]);
    expect(timers).toContainEqual([`guest-day-before.${booking.id}`, '2026-12-11T17:00:00.000Z']);

    await stack.advanceTo('2026-12-11T17:00:30Z');
    // A second firing of the same timer (at least once delivery) sends nothing more.
    await stack.lifecycle.handleTimer({
      name: `guest-day-before.${booking.id}`,
      payload: { kind: 'guest-day-before', bookingId: booking.id, revision: booking.revision },
    });

    const reminders = (await stack.mail('daybefore@guest.test')).filter((m) =>
      m.subject.startsWith('Tomorrow'),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain('Your captain is Ana.');
    expect(reminders[0]?.text).toContain('Meeting point: Harbor Island West Marina, Dock C');
    expect(guestLines(booking.id)).toContain(':email: Guest emailed: day-before reminder');
  });

  it('completion with photos sends one photos mail linking the gallery', async () => {
    const booking = await book('bk-gm-photos', 'photos@guest.test');
    await stack.answerFromEmail('ana@crew.test', 'confirmed', 'Sail bk-gm-photos');
    await stack.reconcile(booking.id);
    const bucket = loadBrands('templates').get(booking.domain).bucket;
    await stack.s3!.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: photoKey(booking.id, 'ben-okafor', 'image/jpeg', new Date('2026-12-05T23:00:00Z')),
        Body: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
        ContentType: 'image/jpeg',
      }),
    );
    stack.clock.set(new Date('2026-12-06T04:00:00Z'));
    const current = await stack.store.requireBooking(booking.id);
    await stack.store.completeBooking(booking.id, current.revision, { headCount: 6, note: '' }, 'UCAPTAIN1');
    await stack.reconcile(booking.id);
    await stack.reconcile(booking.id);

    const photos = (await stack.mail('photos@guest.test')).filter((m) => m.subject.startsWith('Your photos'));
    expect(photos).toHaveLength(1);
    expect(photos[0]?.text).toContain(`https://sailjada.com/g/${booking.slug}#photos-heading`);
    // No calendar file once the charter is over.
    expect(photos[0]?.attachments).toEqual([]);
  });

  it('the unsubscribe link stops every further email for that booking (and only that booking)', async () => {
    const booking = await book('bk-gm-unsub', 'unsub@guest.test');
    const [confirmation] = await stack.mail('unsub@guest.test');
    const link = findLink(confirmation?.text ?? '', `${SCC_BASE}/guest-mail/unsubscribe/`);
    expect(link).toBeDefined();

    // Opening the link (a mail scanner, or the guest) only asks.
    const page = await stack.sccFetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop emails about this charter?');
    // A tampered token is refused with a page, not a stack trace.
    const tampered = await stack.sccFetch(`${link!.slice(0, -3)}abc`, { method: 'POST' });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('This link is not valid');

    // The mail app's one-click POST (RFC 8058).
    const oneClick = await stack.sccFetch(link!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You will get no more emails about this charter');

    await edit(booking, { meetingPoint: 'Shelter Island, Dock A' });
    await stack.advanceTo('2026-12-04T17:00:30Z');
    expect((await stack.mail('unsub@guest.test')).map((m) => m.subject)).toEqual([confirmation?.subject]);
    const record = await stack.reconciler.reconcileBooking(booking.id);
    expect(record.status).toBe('converged');
  });

  it('guest mail turned off sends the guest nothing, not even the day before', async () => {
    const booking = await book('bk-gm-off', 'off@guest.test', { guestMail: false });
    expect((await stack.pendingTimers(booking.id)).map((t) => t.name)).not.toContain(
      `guest-day-before.${booking.id}`,
    );
    await edit(booking, { guestMail: false, schedule: { startTime: '18:00', endTime: '21:00' } });
    await stack.advanceTo('2026-12-04T17:00:30Z');
    expect(await stack.mail('off@guest.test')).toEqual([]);
    expect(guestLines(booking.id)).toEqual([]);
  });
});
