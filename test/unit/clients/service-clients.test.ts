/**
 * The SCC and dashboard clients against a local HTTP server that answers as told: headers, idempotency
 * keys, timeouts, and how each answer becomes a transient or permanent failure in plain words.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DashboardClient } from '../../../src/clients/dashboard-client';
import { SccClient } from '../../../src/clients/scc-client';
import { UpstreamError } from '../../../src/errors';
import { sccPayload } from '../../../src/pipeline/steps/scc-event';
import { describeFailure } from '../../../src/retry/failures';
import { aBooking, TEST_CREW } from '../../helpers/fixtures';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[];
let answer: (request: Seen) => { status: number; body?: unknown; delayMs?: number };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const reply = answer(entry);
      setTimeout(() => {
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

beforeEach(() => {
  seen = [];
  answer = () => ({ status: 200, body: {} });
});

const secret = (value: string) => ({ get: async () => value, origin: 'test' });
const scc = () => new SccClient({ baseUrl: base, serviceKey: secret('the-key'), timeoutMs: 200 });
const roster = { getCrewMember: async (id: string) => TEST_CREW.find((m) => m.id === id) };

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('SccClient', () => {
  it('creates with the service key and the Idempotency-Key, and sends crew-safe fields only', async () => {
    answer = () => ({
      status: 201,
      body: { id: 'bk-test-0001', notifications: [{ crewId: 'ana-ruiz', state: 'sent' }] },
    });
    const payload = await sccPayload(aBooking(), roster);
    const reply = await scc().createEvent(payload, 'bk-test-0001:1:scc-event');

    expect(reply).toEqual({ eventId: 'bk-test-0001', undeliverable: [] });
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/events');
    expect(request?.headers['x-service-key']).toBe('the-key');
    expect(request?.headers['idempotency-key']).toBe('bk-test-0001:1:scc-event');
    const body = JSON.parse(request?.body ?? '{}');
    expect(body.crew_assignments[0]).toEqual({
      crewId: 'ana-ruiz',
      name: 'Ana Ruiz',
      email: 'ana@crew.test',
      role: 'captain',
      hourly_rate: 6500,
      // The captain is paid the booking's captain fee (not hourly): only their own assignment carries it.
      captain_fee: 25000,
    });
    expect(body.crew_assignments.length).toBeGreaterThan(1);
    expect(body.crew_assignments.slice(1).some((a: object) => 'captain_fee' in a)).toBe(false);
    expect(body.notes).toBe(aBooking().guestNotes);
    expect(request?.body).not.toMatch(/priceCents|internalNotes|Repeat client|jordan@guest\.test/);
  });

  it('sends the captain’s roster phone, and nobody else’s, for their crew’s page (issue #18)', async () => {
    const withPhones = {
      getCrewMember: async (id: string) => {
        const member = TEST_CREW.find((m) => m.id === id);
        return (
          member && { ...member, phone: `+1 619 555 01${String(TEST_CREW.indexOf(member)).padStart(2, '0')}` }
        );
      },
    };

    const payload = await sccPayload(aBooking(), withPhones);

    const captain = payload.crew_assignments.find((a) => a.role === 'captain');
    expect(captain?.phone).toBe('+1 619 555 0100');
    expect(payload.crew_assignments.filter((a) => a.phone !== undefined)).toHaveLength(1);
  });

  it('is not done while SCC is still sending a crew email (transient)', async () => {
    answer = () => ({
      status: 200,
      body: { id: 'bk-1', notifications: [{ crewId: 'ben-okafor', state: 'in-progress' }] },
    });
    const payload = await sccPayload(aBooking({ id: 'bk-1' }), roster);
    const failure = await failureOf(scc().updateEvent('bk-1', payload));
    expect(failure.transient).toBe(true);
    expect(failure.message).toBe('ShipCaptainCrew is still sending 1 crew email.');
  });

  it('reports crew whose address SES refused, without failing', async () => {
    answer = () => ({
      status: 200,
      body: {
        id: 'bk-1',
        notifications: [{ crewId: 'ben-okafor', state: 'rejected', problem: 'Address suppressed.' }],
      },
    });
    const payload = await sccPayload(aBooking({ id: 'bk-1' }), roster);
    expect(await scc().updateEvent('bk-1', payload)).toEqual({
      eventId: 'bk-1',
      undeliverable: [{ crewId: 'ben-okafor', problem: 'Address suppressed.' }],
    });
  });

  it('says when an update finds no event (404) instead of failing', async () => {
    answer = () => ({ status: 404, body: { error: 'not_found', message: 'No SCC event bk-1.' } });
    expect(
      await scc().updateEvent('bk-1', await sccPayload(aBooking({ id: 'bk-1' }), roster)),
    ).toBeUndefined();
  });

  it('treats cancelling a missing event as already done', async () => {
    answer = () => ({ status: 404, body: { error: 'not_found', message: 'No SCC event bk-1.' } });
    expect(await scc().cancelEvent('bk-1', 'Weather')).toBe(false);
    expect(seen[0]?.url).toBe('/events/bk-1?reason=Weather');
  });

  it('classes 5xx and 429 as transient and retries them a few times', async () => {
    answer = () => ({ status: 503, body: { error: 'unavailable' } });
    const client = new SccClient({
      baseUrl: base,
      serviceKey: secret('k'),
      timeoutMs: 200,
      callRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const failure = await failureOf(client.cancelEvent('bk-1'));
    expect(failure.transient).toBe(true);
    expect(failure.message).toBe('ShipCaptainCrew is having trouble (HTTP 503).');
    expect(seen).toHaveLength(3);
  });

  it('classes a 4xx as permanent, quoting what SCC said, and does not retry it', async () => {
    answer = () => ({
      status: 400,
      body: { error: 'validation_failed', message: 'Ana Ruiz is assigned twice.' },
    });
    const client = new SccClient({
      baseUrl: base,
      serviceKey: secret('k'),
      timeoutMs: 200,
      callRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const failure = await failureOf(client.createEvent(await sccPayload(aBooking(), roster), 'key'));
    expect(failure.transient).toBe(false);
    expect(failure.message).toBe(
      'ShipCaptainCrew refused POST /events (HTTP 400): Ana Ruiz is assigned twice.',
    );
    expect(seen).toHaveLength(1);
  });

  it('says a wrong key is a credentials problem', async () => {
    answer = () => ({ status: 401, body: { error: 'unauthorized', message: 'Unauthorized' } });
    const failure = await failureOf(scc().cancelEvent('bk-1'));
    expect(failure.message).toBe(
      'ShipCaptainCrew did not accept our credentials (HTTP 401); check its key or token.',
    );
    expect(describeFailure(failure, 'ShipCaptainCrew').kind).toBe('permanent');
  });

  it('gives up on a slow answer after the timeout, as a transient failure', async () => {
    answer = () => ({ status: 200, body: {}, delayMs: 1_000 });
    const failure = await failureOf(scc().cancelEvent('bk-1'));
    expect(failure.transient).toBe(true);
    expect(failure.message).toBe('ShipCaptainCrew did not answer within 200 ms.');
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    answer = () => ({ status: 503 });
    const client = new SccClient({
      baseUrl: base,
      serviceKey: secret('k'),
      timeoutMs: 200,
      callRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    await failureOf(client.createEvent(await sccPayload(aBooking(), roster), ''));
    expect(seen).toHaveLength(1);
  });
});

describe('the SCC payload', () => {
  it('refuses, in plain words, a crew member missing from the roster', async () => {
    const booking = aBooking({
      crew: [{ crewId: 'nobody', name: 'Nora Nobody', role: 'crew', hourlyRateCents: 3000 }],
    });
    await expect(sccPayload(booking, roster)).rejects.toThrow(
      'Nora Nobody is not on the crew roster, so ShipCaptainCrew cannot email them. Add them to the roster, then retry.',
    );
  });
});

describe('DashboardClient', () => {
  const dashboard = () => new DashboardClient({ baseUrl: base, token: secret('dash'), timeoutMs: 200 });

  it('upserts the entry by booking id with the dashboard token', async () => {
    answer = () => ({ status: 201, body: { id: 'bk-1' } });
    const reply = await dashboard().putEntry({
      bookingId: 'bk-1',
      revision: 2,
      title: 'Sunset Sail',
      status: 'pending',
      date: '2026-12-05',
      startTime: '16:00',
      endTime: '19:00',
      timeZone: 'America/Los_Angeles',
      startsAt: '2026-12-06T00:00:00.000Z',
      endsAt: '2026-12-06T03:00:00.000Z',
      boatName: 'Jada',
      meetingPoint: 'Dock C',
      domain: 'sailjada.com',
      slug: 'sunset-sail',
      guestPageUrl: 'https://sailjada.com/g/sunset-sail',
      partySize: 6,
      crew: [{ firstName: 'Ana', role: 'captain' }],
      progress: { 'scc-event': 'succeeded' },
    });
    expect(reply).toEqual({ entryId: 'bk-1' });
    expect(seen[0]?.method).toBe('PUT');
    expect(seen[0]?.url).toBe('/calendar/bk-1');
    expect(seen[0]?.headers['x-dashboard-token']).toBe('dash');
  });

  it('treats removing a missing entry as already done', async () => {
    answer = () => ({
      status: 404,
      body: { error: 'not_found', message: 'There is no calendar entry bk-1.' },
    });
    expect(await dashboard().deleteEntry('bk-1')).toBe(false);
  });
});
