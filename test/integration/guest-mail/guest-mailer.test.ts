/**
 * SCC's guest mailer against DynamoDB Local, with a mailer that composes the real MIME message (what SES
 * would be handed) and keeps it: the canary over every guest email, the RFC 8058 headers, the multipart
 * shape, and what a crash between the recorded intent and the send can do (repeat at most once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { type Booking, guestFactsOf, guestView, scheduleInstants } from '../../../src/domain';
import { loadGuestTemplates } from '../../../src/guest/templates';
import { silentLogger } from '../../../src/logging/logger';
import { SccEventStore } from '../../../src/scc/event-store';
import { GuestMailStore } from '../../../src/scc/guest-mail-store';
import { type GuestLinkSettings, GuestMailer } from '../../../src/scc/guest-mailer';
import { composeMime, type Mailer, type OutgoingEmail } from '../../../src/scc/ses-mailer';
import { ManualClock } from '../../../src/scheduler';
import { DynamoBookingStore } from '../../../src/store';
import { canaryBookingInput, expectNoCanary } from '../../helpers/canary';
import { createTestTable, type TestTable } from '../../helpers/dynamo';
import { aBookingInput, FIXED_NOW } from '../../helpers/fixtures';

const LINKS: GuestLinkSettings = {
  publicBaseUrl: 'https://scc.example/scc',
  secret: 'guest-mailer-test-secret-0123456789abcdef',
  guestSiteUrl: (domain) => `https://${domain}`,
};

class RecordingMailer implements Mailer {
  sent: { email: OutgoingEmail; raw: string }[] = [];
  /** Throws after handing the message over (SES accepted it, then the sender crashed). */
  crashAfterSend = false;

  async send(email: OutgoingEmail) {
    this.sent.push({ email, raw: (await composeMime(email)).toString('utf8') });
    if (this.crashAfterSend) {
      this.crashAfterSend = false;
      throw new Error('socket hang up (the process died before recording the send)');
    }
    return { messageId: `ses-${this.sent.length}` };
  }
}

function canaryInput(overrides: Parameters<typeof aBookingInput>[0] = {}) {
  return canaryBookingInput({
    title: 'Canary Sail',
    ...overrides,
  });
}

describe('guest mailer', () => {
  let table: TestTable;
  let store: DynamoBookingStore;
  let clock: ManualClock;
  let mailer: RecordingMailer;
  let guestMail: GuestMailer;

  beforeAll(async () => {
    table = await createTestTable('guestmailer');
    clock = new ManualClock(new Date(FIXED_NOW));
    store = new DynamoBookingStore(table.doc, table.tableName, () => clock.now());
    mailer = new RecordingMailer();
    guestMail = new GuestMailer({
      store: new GuestMailStore(table.doc, table.tableName, new SccEventStore(table.doc, table.tableName)),
      bookings: store,
      mailer,
      brands: loadBrands('templates'),
      templatesFor: (domain) => loadGuestTemplates('templates', domain),
      logger: silentLogger,
      now: () => clock.now(),
      leaseSeconds: 120,
    });
  });
  afterAll(() => table?.client.destroy());

  async function create(id: string, input = canaryInput()): Promise<Booking> {
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    return store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: 'U0OPS',
      id,
    });
  }

  it('no guest email of any kind carries a canary secret, in its subject, HTML, text or calendar file', async () => {
    mailer.sent = [];
    const booking = await create('bk-gm-canary');
    const told = guestFactsOf(guestView(booking));
    await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS);
    const moved = canaryInput({ schedule: { startTime: '17:00', endTime: '20:00' }, priceCents: 123_456 });
    const instants = scheduleInstants(moved.schedule);
    let current = await store.updateBooking(
      booking.id,
      booking.revision,
      { input: moved, boat: booking.boat, ...instants },
      'U0OPS',
    );
    await guestMail.send(booking.id, { kind: 'change', key: 'change-r2', told }, LINKS);
    await guestMail.send(booking.id, { kind: 'day-before', key: 'day-before-x' }, LINKS);
    current = await store.setStatus(booking.id, current.revision, 'confirmed', 'pipeline');
    await store.completeBooking(
      booking.id,
      current.revision,
      { headCount: 8, note: 'CANARY-INTERNAL-NOTE' },
      'U1',
    );
    await guestMail.send(booking.id, { kind: 'photos', key: 'photos' }, LINKS);
    const other = await create('bk-gm-canary-2');
    await store.cancelBooking(other.id, other.revision, 'CANARY-INTERNAL-NOTE weather', 'U0OPS');
    await guestMail.send(other.id, { kind: 'cancellation', key: 'cancellation' }, LINKS);

    expect(mailer.sent.map((s) => s.email.subject)).toEqual([
      'You’re booked: Canary Sail, Saturday, December 5, 2026',
      'Changed: Canary Sail, Saturday, December 5, 2026',
      'Tomorrow: Canary Sail',
      'Your photos from Canary Sail',
      'Cancelled: Canary Sail, Saturday, December 5, 2026',
    ]);
    for (const { email } of mailer.sent) {
      const calendar = (email.attachments ?? []).map((a) => String(a.content)).join('\n');
      expectNoCanary(`${email.subject}\n${email.html}\n${email.text}\n${calendar}`, 'guest');
      // Good mail: a language, no images at all (so no remote image and no tracking pixel).
      expect(email.html).toContain('<html lang="en">');
      expect(email.html).not.toMatch(/<img|background-image|url\(/i);
      // Every link goes to the brand's site, a map search, or the unsubscribe endpoint.
      for (const [, href] of email.html.matchAll(/href="([^"]+)"/g)) {
        expect(href).toMatch(
          /^(https:\/\/sailjada\.com(\/|$)|https:\/\/www\.google\.com\/maps\/|https:\/\/scc\.example\/)/,
        );
      }
    }
  });

  it('every email carries RFC 8058 one-click unsubscribe headers, text and HTML parts, and the .ics as PUBLISH', async () => {
    mailer.sent = [];
    const booking = await create('bk-gm-headers', aBookingInput({ guest: { email: 'headers@guest.test' } }));
    await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS);
    const raw = mailer.sent[0]?.raw ?? '';
    expect(raw).toMatch(
      /^List-Unsubscribe:\s+<https:\/\/scc\.example\/scc\/guest-mail\/unsubscribe\/[\w-]+\.[\w-]+>/m,
    );
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toMatch(/^From: Sail Jada <charters@sailjada\.com>/m);
    expect(raw).toContain('multipart/alternative');
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    expect(raw).toMatch(/^Message-ID: <guest\.bk-gm-headers\.confirmation\.[0-9a-f]{12}@sailjada\.com>/m);
  });

  it('a crash between the recorded intent and the send: nothing until the lease lapses, then exactly one', async () => {
    mailer.sent = [];
    const booking = await create('bk-gm-crash-1', aBookingInput({ guest: { email: 'crash1@guest.test' } }));
    const records = new GuestMailStore(
      table.doc,
      table.tableName,
      new SccEventStore(table.doc, table.tableName),
    );
    // A sender recorded its intent and died before calling SES.
    expect(
      await records.claim(booking.id, 'confirmation', 'confirmation', 'crash1@guest.test', clock.now(), 120),
    ).toBe(true);

    const busy = await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS);
    expect(busy.state).toBe('in-progress');
    expect(mailer.sent).toHaveLength(0);

    clock.set(new Date(clock.now().getTime() + 121_000));
    expect(
      (await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS)).state,
    ).toBe('sent');
    expect(
      (await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS)).state,
    ).toBe('already-sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('a crash after SES took the message repeats it at most once, with the same Message-ID', async () => {
    mailer.sent = [];
    const booking = await create('bk-gm-crash-2', aBookingInput({ guest: { email: 'crash2@guest.test' } }));
    mailer.crashAfterSend = true;
    const first = await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS);
    expect(first.state).toBe('failed');
    for (let i = 0; i < 3; i++)
      await guestMail.send(booking.id, { kind: 'confirmation', key: 'confirmation' }, LINKS);
    expect(mailer.sent).toHaveLength(2);
    expect(new Set(mailer.sent.map((s) => s.email.messageId)).size).toBe(1);
  });

  it('sends nothing once the guest unsubscribed, or when guest mail is off', async () => {
    mailer.sent = [];
    const quiet = await create(
      'bk-gm-quiet',
      aBookingInput({ guest: { email: 'q@guest.test' }, guestMail: false }),
    );
    expect((await guestMail.send(quiet.id, { kind: 'confirmation', key: 'confirmation' }, LINKS)).state).toBe(
      'off',
    );
    const gone = await create('bk-gm-gone', aBookingInput({ guest: { email: 'g@guest.test' } }));
    const records = new GuestMailStore(
      table.doc,
      table.tableName,
      new SccEventStore(table.doc, table.tableName),
    );
    await records.recordOptOut(gone.id, { at: clock.now().toISOString(), via: 'one-click' });
    expect((await guestMail.send(gone.id, { kind: 'confirmation', key: 'confirmation' }, LINKS)).state).toBe(
      'unsubscribed',
    );
    expect(mailer.sent).toHaveLength(0);
  });
});
