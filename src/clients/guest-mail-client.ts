/**
 * Guest email through ShipCaptainCrew, which owns the brands' SES identities, the intent records and the
 * unsubscribe link: `POST {SCC}/guest-mail/{bookingId}` with a kind and a once-only key. Safe to repeat
 * (SCC sends each (booking, kind, key) once), so every call is retried like the pipeline's other SCC calls.
 *
 * Sends kinds, keys and (for a change notice) the guest-facing facts the guest was told before; SCC renders
 * the email from its own guestView of the booking.
 */
import type { RetrySettings, SecretSource } from '../config';
import { UpstreamError } from '../errors';
import type { GuestMailOutcome, GuestMailRequest } from '../scc/contract';
import type { JsonService } from './http-json';
import { SCC_SERVICE, sccJsonService } from './scc-client';

export interface GuestMailClientOptions {
  baseUrl: string;
  serviceKey: SecretSource;
  timeoutMs: number;
  callRetry?: RetrySettings;
  fetch?: typeof fetch;
}

export type GuestMailSender = Pick<GuestMailClient, 'send'>;

export class GuestMailClient {
  private readonly http: JsonService;

  constructor(options: GuestMailClientOptions) {
    this.http = sccJsonService(options);
  }

  /** Sends one guest email (or learns it was sent, or not owed); throws while SCC is busy or SES failing. */
  async send(bookingId: string, request: GuestMailRequest): Promise<GuestMailOutcome> {
    const reply = await this.http.call({
      method: 'POST',
      path: `/guest-mail/${encodeURIComponent(bookingId)}`,
      body: request,
      idempotencyKey: `guest-mail:${bookingId}:${request.kind}:${request.key}`,
    });
    if (reply.status === 202) {
      throw new UpstreamError(SCC_SERVICE, 'ShipCaptainCrew is already sending this guest email.', true);
    }
    return reply.body as GuestMailOutcome;
  }
}
