/**
 * ShipCaptainCrew's events API, as the pipeline uses it: create (POST, made safe to repeat by an
 * Idempotency-Key), update (PUT by id), cancel (DELETE by id). Authenticates with X-Service-Key.
 *
 * SCC emails the crew when an event is created or changed; those emails are SCC's side effect, not ours.
 * Never sends prices, costs or internal notes: the payload type is SCC's strict event schema.
 */
import type { RetrySettings, SecretSource } from '../config';
import { UpstreamError } from '../errors';
import type { DeliveryOutcome, SccEventInput } from '../scc/contract';
import { JsonService } from './http-json';

export const SCC_SERVICE = 'ShipCaptainCrew';

export interface SccClientOptions {
  baseUrl: string;
  serviceKey: SecretSource;
  timeoutMs: number;
  /** Tries per call (all its calls are safe to repeat). */
  callRetry?: RetrySettings;
  fetch?: typeof fetch;
}

/** The JSON connection every SCC client uses: the service key in X-Service-Key, retried calls. */
export function sccJsonService(options: SccClientOptions): JsonService {
  return new JsonService({
    service: SCC_SERVICE,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    auth: { header: 'x-service-key', secret: options.serviceKey },
    callRetry: options.callRetry,
    fetch: options.fetch,
  });
}

export interface SccEventReply {
  eventId: string;
  /** Crew whose address SES refused for good: the event stands, but they did not get their email. */
  undeliverable: { crewId: string; problem: string }[];
}

export class SccClient {
  private readonly http: JsonService;

  constructor(options: SccClientOptions) {
    this.http = sccJsonService(options);
  }

  /** Creates the event; the same key returns the first event instead of creating (and emailing) again. */
  async createEvent(event: SccEventInput, idempotencyKey: string): Promise<SccEventReply> {
    const reply = await this.http.call({ method: 'POST', path: '/events', body: event, idempotencyKey });
    return { eventId: eventIdOf(reply.body) ?? event.bookingId, undeliverable: checkEmails(reply.body) };
  }

  /** Replaces the event's details; `undefined` when SCC has no such event. */
  async updateEvent(eventId: string, event: SccEventInput): Promise<SccEventReply | undefined> {
    const reply = await this.http.call({
      method: 'PUT',
      path: `/events/${encodeURIComponent(eventId)}`,
      body: event,
      accept: [404],
    });
    if (reply.status === 404) return undefined;
    return { eventId: eventIdOf(reply.body) ?? eventId, undeliverable: checkEmails(reply.body) };
  }

  /** Cancels the event (SCC tells the crew); true when there was one, false when it was already gone. */
  async cancelEvent(eventId: string, reason?: string): Promise<boolean> {
    const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
    const reply = await this.http.call({
      method: 'DELETE',
      path: `/events/${encodeURIComponent(eventId)}${query}`,
      accept: [404, 410],
    });
    if (reply.status === 404 || reply.status === 410) return false;
    checkEmails(reply.body);
    return true;
  }

  async getEvent(eventId: string): Promise<Record<string, unknown> | undefined> {
    const reply = await this.http.call({
      method: 'GET',
      path: `/events/${encodeURIComponent(eventId)}`,
      accept: [404],
    });
    if (reply.status === 404) return undefined;
    const body = reply.body as { event?: Record<string, unknown> } | Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object')
      throw new UpstreamError(SCC_SERVICE, 'ShipCaptainCrew answered without an event.', true);
    return ((body as { event?: Record<string, unknown> }).event ?? body) as Record<string, unknown>;
  }
}

/**
 * SCC answers every write with what it owes each crew member by email. An email another request is still
 * sending ("in-progress": its sender may have crashed, and SCC frees the claim after a while) means the
 * write is not finished: a transient failure, so the step asks again until SCC has sent it. Without this,
 * a crash inside SCC mid-send would leave an email owed that nobody asks for again.
 */
function checkEmails(body: unknown): { crewId: string; problem: string }[] {
  const notifications = ((body as { notifications?: unknown })?.notifications ??
    []) as Partial<DeliveryOutcome>[];
  if (!Array.isArray(notifications)) return [];
  const sending = notifications.filter((n) => n.state === 'in-progress').length;
  if (sending > 0) {
    throw new UpstreamError(
      SCC_SERVICE,
      `ShipCaptainCrew is still sending ${sending} crew email${sending === 1 ? '' : 's'}.`,
      true,
      { wait: true },
    );
  }
  return notifications
    .filter((n) => n.state === 'rejected')
    .map((n) => ({ crewId: String(n.crewId), problem: n.problem ?? 'The address was refused.' }));
}

function eventIdOf(body: unknown): string | undefined {
  const b = body as { id?: unknown; eventId?: unknown; event?: { id?: unknown } } | undefined;
  const id = b?.event?.id ?? b?.id ?? b?.eventId;
  return typeof id === 'string' && id ? id : undefined;
}
