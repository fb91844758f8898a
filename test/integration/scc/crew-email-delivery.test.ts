import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors';
import {
  type Mailer,
  type OutgoingEmail,
  PermanentRejectionError,
  SesMailer,
} from '../../../src/scc/ses-mailer';
import { aBooking, aBookingInput } from '../../helpers/fixtures';
import { clearSentMail, readSentMail } from '../../helpers/ses';
import { type Harness, SERVICE_KEY, sccEventFor, startHarness } from './harness';

/** Real SES (the stand-in) behind a switch that makes chosen addresses fail, as SES or the network might. */
const failures = new Map<string, 'transient' | 'rejected'>();
let attempts: string[] = [];

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness({
    mailer: (ses): Mailer => {
      const real = new SesMailer(ses);
      return {
        async send(email: OutgoingEmail) {
          attempts.push(email.to.address);
          const failure = failures.get(email.to.address);
          if (failure === 'transient') throw new UpstreamError('ses', 'Connection reset', true);
          if (failure === 'rejected')
            throw new PermanentRejectionError('SES rejected the message: Address blacklisted.');
          return real.send(email);
        },
      };
    },
  });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  failures.clear();
  attempts = [];
  await clearSentMail(h.ses.endpoint);
});

async function aBookingEvent() {
  const booking = await h.seedBooking(aBookingInput(), `bk-delivery-${++seq}`);
  return { booking, payload: sccEventFor(booking) };
}
const post = (body: unknown) => h.call({ method: 'POST', path: '/events', body, key: SERVICE_KEY });

describe('each crew email goes out once per assignment version', () => {
  it('fails the request on a transient SES failure, keeps the event, and a retry sends only what is missing', async () => {
    const { booking, payload } = await aBookingEvent();
    failures.set('ben@crew.test', 'transient');

    const first = await post(payload);

    expect(first.status).toBe(502);
    expect(first.json().message).toContain('could not be sent yet');
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toHaveLength(1);
    expect(await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' })).toHaveLength(0);

    failures.clear();
    const retry = await post(payload);

    expect(retry.status).toBe(200);
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toHaveLength(1);
    expect(await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' })).toHaveLength(1);
    const ben = (await h.call({ method: 'GET', path: `/events/${booking.id}`, key: SERVICE_KEY }))
      .json()
      .crew.find((c: { crewId: string }) => c.crewId === 'ben-okafor');
    expect(ben.notification).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('does not send while another request holds the claim, and takes over once its lease runs out', async () => {
    const { booking, payload } = await aBookingEvent();
    failures.set('ana@crew.test', 'transient');
    failures.set('ben@crew.test', 'transient');
    await post(payload);
    failures.clear();
    // Another container claimed Ana's email and died before finishing: her record stays pending.
    expect(
      await h.events.claimEmail(
        booking.id,
        { crewId: 'ana-ruiz', version: 1, kind: 'invite', to: 'ana@crew.test' },
        h.clock.now,
        120,
      ),
    ).toBe(true);

    const during = await post(payload);
    expect(during.status).toBe(200);
    expect(during.json().notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ crewId: 'ana-ruiz', state: 'in-progress' })]),
    );
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toHaveLength(0);

    h.clock.now = new Date(h.clock.now.getTime() + 121_000);
    try {
      await post(payload);
    } finally {
      h.clock.now = new Date('2026-11-24T17:00:00.000Z');
    }
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toHaveLength(1);
  });

  it('never sends twice when requests repeat after success', async () => {
    const { payload } = await aBookingEvent();
    await post(payload);
    await post(payload);
    await post({ ...payload });
    expect(attempts.filter((a) => a === 'ana@crew.test')).toHaveLength(1);
  });
});

describe('permanent rejections', () => {
  it('records the rejection against the person and shows it on the event, without failing the request', async () => {
    const { booking, payload } = await aBookingEvent();
    failures.set('ben@crew.test', 'rejected');

    const response = await post(payload);

    expect(response.status).toBe(201);
    expect(response.json().notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ crewId: 'ben-okafor', state: 'rejected' })]),
    );
    const event = (await h.call({ method: 'GET', path: `/events/${booking.id}`, key: SERVICE_KEY })).json();
    expect(event.deliveryProblems).toEqual([
      {
        crewId: 'ben-okafor',
        name: 'Ben Okafor',
        email: 'ben@crew.test',
        reason: 'SES rejected the message: Address blacklisted.',
        at: expect.any(String),
      },
    ]);
    // A repeat does not hammer a rejected address.
    await post(payload);
    expect(attempts.filter((a) => a === 'ben@crew.test')).toHaveLength(1);
  });

  it('clears the problem and invites the new address when the person’s email is corrected', async () => {
    const { booking, payload } = await aBookingEvent();
    failures.set('ben@crew.test', 'rejected');
    await post(payload);
    const corrected = sccEventFor(
      aBooking({ id: booking.id, revision: 2, slug: booking.slug }, aBookingInput()),
      {
        'ana-ruiz': 'ana@crew.test',
        'ben-okafor': 'ben.okafor@crew.test',
      },
    );

    const response = await h.call({
      method: 'PUT',
      path: `/events/${booking.id}`,
      body: corrected,
      key: SERVICE_KEY,
    });

    expect(response.status).toBe(200);
    expect(response.json().deliveryProblems).toEqual([]);
    const [invite] = await readSentMail(h.ses.endpoint, { to: 'ben.okafor@crew.test' });
    expect(invite?.subject).toMatch(/^Crew call:/);
    expect(await readSentMail(h.ses.endpoint, { to: 'ana@crew.test' })).toHaveLength(1);
  });
});
