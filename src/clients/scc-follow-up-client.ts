/**
 * ShipCaptainCrew's follow-up emails, as the crew lifecycle asks for them: an answer reminder to one person
 * and the day-before roster to those who confirmed. Both are safe to repeat (SCC sends each once per key and
 * assignment version), so every call is retried like the pipeline's own SCC calls.
 *
 * Sends ids and keys only; SCC renders the emails from its crew-safe copy of the booking.
 */
import type { RetrySettings, SecretSource } from '../config';
import { UpstreamError } from '../errors';
import type { FollowUpOutcome, ReminderRequest, RosterRequest } from '../scc/contract';
import type { JsonService } from './http-json';
import { SCC_SERVICE, sccJsonService } from './scc-client';

export interface SccFollowUpClientOptions {
  baseUrl: string;
  serviceKey: SecretSource;
  timeoutMs: number;
  callRetry?: RetrySettings;
  fetch?: typeof fetch;
}

export class SccFollowUpClient {
  private readonly http: JsonService;

  constructor(options: SccFollowUpClientOptions) {
    this.http = sccJsonService(options);
  }

  /** Reminds one person; `undefined` when SCC has no such event or person (409/404: nothing to remind). */
  async remind(eventId: string, request: ReminderRequest): Promise<FollowUpOutcome | undefined> {
    const reply = await this.http.call({
      method: 'POST',
      path: `/events/${encodeURIComponent(eventId)}/reminders`,
      body: request,
      // The body's key makes the call safe to repeat; the header lets the client retry it.
      idempotencyKey: `reminder:${eventId}:${request.crewId}:${request.key}`,
      accept: [404, 409],
    });
    if (reply.status === 404 || reply.status === 409) return undefined;
    const outcome = reply.body as FollowUpOutcome;
    if (reply.status === 202) throw busy('reminder');
    return outcome;
  }

  /** Sends the roster to the listed people; `undefined` when the event is gone or cancelled. */
  async sendRoster(eventId: string, request: RosterRequest): Promise<FollowUpOutcome[] | undefined> {
    const reply = await this.http.call({
      method: 'POST',
      path: `/events/${encodeURIComponent(eventId)}/roster`,
      body: request,
      idempotencyKey: `roster:${eventId}:${request.key}`,
      accept: [404, 409],
    });
    if (reply.status === 404 || reply.status === 409) return undefined;
    if (reply.status === 202) throw busy('roster');
    return (reply.body as { outcomes?: FollowUpOutcome[] }).outcomes ?? [];
  }
}

function busy(what: string): UpstreamError {
  return new UpstreamError(
    SCC_SERVICE,
    `ShipCaptainCrew is already sending this ${what}; try again shortly.`,
    true,
  );
}
