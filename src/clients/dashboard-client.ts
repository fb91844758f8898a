/**
 * The dashboard's calendar API, as the pipeline uses it: upsert an entry by booking id (PUT), remove it
 * (DELETE). Authenticates with X-Dashboard-Token.
 *
 * The entry is built from guestView plus step progress: no money, no internal notes, no contact details.
 */
import type { RetrySettings, SecretSource } from '../config';
import { JsonService } from './http-json';

export const DASHBOARD_SERVICE = 'the dashboard';

export interface CalendarEntryInput {
  bookingId: string;
  revision: number;
  title: string;
  status: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  boatName: string;
  meetingPoint: string;
  domain: string;
  slug: string;
  guestPageUrl: string;
  partySize: number;
  crew: { firstName: string; role: string }[];
  /** Each pipeline step's state when the entry was written. */
  progress: Record<string, string>;
}

export interface DashboardClientOptions {
  baseUrl: string;
  token: SecretSource;
  timeoutMs: number;
  /** Tries per call (all its calls are safe to repeat). */
  callRetry?: RetrySettings;
  fetch?: typeof fetch;
}

export class DashboardClient {
  private readonly http: JsonService;

  constructor(options: DashboardClientOptions) {
    this.http = new JsonService({
      service: DASHBOARD_SERVICE,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      auth: { header: 'x-dashboard-token', secret: options.token },
      callRetry: options.callRetry,
      fetch: options.fetch,
    });
  }

  /** Creates or replaces the booking's entry: a PUT by id, safe to repeat. */
  async putEntry(entry: CalendarEntryInput): Promise<{ entryId: string }> {
    const reply = await this.http.call({
      method: 'PUT',
      path: `/calendar/${encodeURIComponent(entry.bookingId)}`,
      body: entry,
    });
    const body = reply.body as { id?: unknown; entry?: { id?: unknown } } | undefined;
    const id = body?.entry?.id ?? body?.id;
    return { entryId: typeof id === 'string' && id ? id : entry.bookingId };
  }

  /** The entry as the dashboard holds it; undefined when there is none (the drift audit reads it). */
  async getEntry(entryId: string): Promise<Record<string, unknown> | undefined> {
    const reply = await this.http.call({
      method: 'GET',
      path: `/calendar/${encodeURIComponent(entryId)}`,
      accept: [404],
    });
    if (reply.status === 404) return undefined;
    const body = reply.body as { entry?: Record<string, unknown> } | Record<string, unknown> | undefined;
    return ((body as { entry?: Record<string, unknown> })?.entry ?? body ?? {}) as Record<string, unknown>;
  }

  /** True when there was an entry, false when it was already gone. */
  async deleteEntry(entryId: string): Promise<boolean> {
    const reply = await this.http.call({
      method: 'DELETE',
      path: `/calendar/${encodeURIComponent(entryId)}`,
      accept: [404, 410],
    });
    return reply.status !== 404 && reply.status !== 410;
  }
}
