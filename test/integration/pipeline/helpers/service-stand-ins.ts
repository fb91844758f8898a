/**
 * INTERIM: small local HTTP stand-ins for SCC's events API and the dashboard's calendar API, used until the
 * real handlers (src/handlers/scc.ts, src/handlers/dashboard.ts) land; then the tests serve those instead.
 * They keep the contract the pipeline relies on: X-Service-Key / X-Dashboard-Token, POST /events idempotent
 * on Idempotency-Key, PUT/DELETE by id, and they count every side effect (events created, emails, entries).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentEmail {
  eventId: string;
  crewId: string;
  kind: 'invite' | 'update' | 'cancelled';
  revision: number;
}

export interface SccStandIn {
  url: string;
  events: Map<
    string,
    { payload: Record<string, unknown>; status: 'scheduled' | 'cancelled'; creates: number }
  >;
  emails: SentEmail[];
  stop(): Promise<void>;
}

interface Assignment {
  crewId: string;
}

export async function startSccStandIn(serviceKey: string): Promise<SccStandIn> {
  const events: SccStandIn['events'] = new Map();
  const keys = new Map<string, string>();
  const emails: SentEmail[] = [];
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers['x-service-key'] !== serviceKey)
      return send(401, { error: 'unauthorized', message: 'No.' });
    const body = await readJson(request);
    const url = new URL(request.url ?? '/', 'http://scc');
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    const revision = Number((body as { revision?: number })?.revision ?? 0);
    const crewOf = (payload: Record<string, unknown>) =>
      ((payload.crew_assignments as Assignment[] | undefined) ?? []).map((a) => a.crewId);
    if (request.method === 'POST' && url.pathname === '/events') {
      const key = String(request.headers['idempotency-key'] ?? '');
      const earlier = key ? keys.get(key) : undefined;
      if (earlier) return send(201, { event: { id: earlier } });
      const payload = body as Record<string, unknown>;
      const eventId = String(payload.bookingId);
      if (events.has(eventId)) return send(409, { error: 'conflict', message: 'That event exists.' });
      events.set(eventId, { payload, status: 'scheduled', creates: 1 });
      if (key) keys.set(key, eventId);
      for (const crewId of crewOf(payload)) emails.push({ eventId, crewId, kind: 'invite', revision });
      return send(201, { event: { id: eventId } });
    }
    const event = events.get(id);
    if (request.method === 'PUT') {
      if (!event) return send(404, { error: 'not_found', message: 'No such event.' });
      const before = new Set(crewOf(event.payload));
      event.payload = body as Record<string, unknown>;
      for (const crewId of crewOf(event.payload))
        emails.push({ eventId: id, crewId, kind: before.has(crewId) ? 'update' : 'invite', revision });
      return send(200, { event: { id } });
    }
    if (request.method === 'DELETE') {
      if (!event) return send(404, { error: 'not_found', message: 'No such event.' });
      if (event.status !== 'cancelled') {
        event.status = 'cancelled';
        for (const crewId of crewOf(event.payload))
          emails.push({ eventId: id, crewId, kind: 'cancelled', revision: Number(event.payload.revision) });
      }
      return send(200, { event: { id, status: 'cancelled' } });
    }
    if (request.method === 'GET' && event)
      return send(200, { event: { id, ...event.payload, status: event.status } });
    return send(404, { error: 'not_found', message: 'No such event.' });
  });
  const url = await listen(server);
  return { url, events, emails, stop: () => close(server) };
}

export interface DashboardStandIn {
  url: string;
  entries: Map<string, Record<string, unknown>>;
  writes: number;
  stop(): Promise<void>;
}

export async function startDashboardStandIn(token: string): Promise<DashboardStandIn> {
  const entries = new Map<string, Record<string, unknown>>();
  const state = { writes: 0 };
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers['x-dashboard-token'] !== token)
      return send(401, { error: 'unauthorized', message: 'No.' });
    const body = await readJson(request);
    const url = new URL(request.url ?? '/', 'http://dashboard');
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    if (request.method === 'PUT' && id) {
      entries.set(id, { ...(body as Record<string, unknown>), id });
      state.writes += 1;
      return send(200, { entry: { id } });
    }
    if (request.method === 'DELETE' && id) {
      if (!entries.delete(id)) return send(404, { error: 'not_found', message: 'No such entry.' });
      return send(200, { ok: true });
    }
    if (request.method === 'GET' && !id) return send(200, { entries: [...entries.values()] });
    return send(404, { error: 'not_found', message: 'No such entry.' });
  });
  const url = await listen(server);
  return {
    url,
    entries,
    get writes() {
      return state.writes;
    },
    stop: () => close(server),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
