import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGateway, startLocalGateway } from '../../../src/dev/gateway/local-gateway';
import { createSccHandler } from '../../../src/scc/app';
import { aBookingInput } from '../../helpers/fixtures';
import { findLink, readSentMail } from '../../helpers/ses';
import { type Harness, PUBLIC_BASE_URL, SERVICE_KEY, sccEventFor, startHarness } from './harness';

let h: Harness;
let gateway: LocalGateway;

beforeAll(async () => {
  h = await startHarness();
  gateway = await startLocalGateway({
    port: 0,
    host: '127.0.0.1',
    fallback: async (_request, response) => {
      response.writeHead(404).end();
    },
  });
  gateway.mount({ name: 'scc', prefix: '/scc', lambda: createSccHandler(h.deps, { stripPrefix: '/scc' }) });
});
afterAll(async () => {
  await gateway.stop();
  await h.stop();
});

describe('SCC behind the local gateway, over HTTP', () => {
  it('takes an event from the pipeline, emails the link, and records the crew answer from the form', async () => {
    const booking = await h.seedBooking(aBookingInput(), 'bk-http-0001');

    const created = await fetch(`${gateway.url}/scc/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-service-key': SERVICE_KEY },
      body: JSON.stringify(sccEventFor(booking)),
    });
    expect(created.status).toBe(201);

    const [mail] = await readSentMail(h.ses.endpoint, { to: 'ben@crew.test' });
    const link = (findLink(mail?.text ?? '', `${PUBLIC_BASE_URL}/crew/`) ?? '').replace(
      PUBLIC_BASE_URL,
      `${gateway.url}/scc`,
    );
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await opened.text()).toContain('Hi Ben, you are crew on this charter.');

    const answered = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'answer=declined&reason=Boat+show+that+day',
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    const [confirmation] = await h.bookings.listConfirmations(booking.id);
    expect(confirmation).toMatchObject({
      crewId: 'ben-okafor',
      answer: 'declined',
      reason: 'Boat show that day',
    });

    const read = await fetch(`${gateway.url}/scc/events/${booking.id}`, {
      headers: { 'x-service-key': SERVICE_KEY },
    });
    const ben = ((await read.json()) as { crew: { crewId: string; answer: unknown }[] }).crew.find(
      (c) => c.crewId === 'ben-okafor',
    );
    expect(ben?.answer).toMatchObject({ answer: 'declined' });
  });

  it('answers a wrong key with 401 over HTTP as well', async () => {
    const response = await fetch(`${gateway.url}/scc/events/bk-http-0001`, {
      headers: { 'x-service-key': 'nope' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'Unauthorized' });
  });
});
