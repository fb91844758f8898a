/**
 * Guest email from the brand, as the reconciler asks for it (POST /guest-mail/{bookingId}): loads the
 * booking, reduces it to guestView, and sends the one email of that kind and key at most once: the intent
 * is recorded before SES is called (GuestMailStore.claim, the same conditional claim as crew mail), so a
 * retry skips what was sent and a crash mid-send repeats at most that one email.
 *
 * Nothing is sent when an operator turned guest mail off for the booking, or the guest unsubscribed (the
 * List-Unsubscribe one-click token of every email stops the rest, RFC 8058), or the charter is no longer
 * in the state the email is about (a stale timer). Sent from the brand's own identity (brand.json's
 * senderAddress, an SES identity per brand domain) with the charter's .ics (METHOD:PUBLISH, stable UID).
 *
 * Guest-facing: renders from guestView only. Must never log an email's body, links or the guest's address.
 */
import { createHash } from 'node:crypto';
import type { BrandDirectory } from '../config';
import {
  type Booking,
  type GuestFactChange,
  type GuestMailKind,
  guestFactChanges,
  guestFactsOf,
  guestMailOn,
  guestView,
} from '../domain';
import { NotFoundError, UpstreamError } from '../errors';
import type { GuestTemplates } from '../guest';
import { guestPagePath, renderGuestIcs } from '../guest';
import type { Logger } from '../logging';
import type { DynamoBookingStore } from '../store';
import type { GuestMailOutcome, GuestMailRequest, GuestMailState } from './contract';
import { renderGuestEmail } from './guest-email';
import type { GuestMailStore } from './guest-mail-store';
import { signGuestUnsubscribe } from './magic-link';
import { type Mailer, type OutgoingEmail, PermanentRejectionError } from './ses-mailer';

export interface GuestLinkSettings {
  /** SCC's public base URL: the unsubscribe endpoint lives there. */
  publicBaseUrl: string;
  secret: string;
  guestSiteUrl: (domain: string) => string;
}

export interface GuestMailerDeps {
  store: GuestMailStore;
  bookings: Pick<DynamoBookingStore, 'getBooking'>;
  mailer: Mailer;
  brands: BrandDirectory;
  templatesFor: (domain: string) => GuestTemplates;
  logger: Logger;
  now: () => Date;
  leaseSeconds?: number;
}

export function guestUnsubscribeUrl(publicBaseUrl: string, bookingId: string, secret: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/guest-mail/unsubscribe/${signGuestUnsubscribe(bookingId, secret)}`;
}

export function guestPageUrlFor(
  guestSiteUrl: (domain: string) => string,
  booking: Pick<Booking, 'domain' | 'slug'>,
) {
  return `${guestSiteUrl(booking.domain).replace(/\/+$/, '')}${guestPagePath(booking.slug)}`;
}

export class GuestMailer {
  constructor(private readonly deps: GuestMailerDeps) {}

  async send(
    bookingId: string,
    request: GuestMailRequest,
    links: GuestLinkSettings,
  ): Promise<GuestMailOutcome> {
    const { kind, key } = request;
    const result = (state: GuestMailState, reason?: string): GuestMailOutcome => ({
      kind,
      key,
      state,
      ...(reason ? { reason } : {}),
    });
    const booking = await this.deps.bookings.getBooking(bookingId);
    if (!booking) throw new NotFoundError(`No booking ${bookingId}.`);
    if (!guestMailOn(booking)) return result('off', 'Guest email is off for this charter.');
    if (await this.deps.store.optOut(bookingId)) {
      return result('unsubscribed', 'The guest unsubscribed from emails about this charter.');
    }
    const stale = notOwed(kind, booking);
    if (stale) return result('skipped', stale);
    const view = guestView(booking);
    let changes: GuestFactChange[] = [];
    if (kind === 'change') {
      if (!request.told) return result('skipped', 'A change notice needs what the guest was told before.');
      changes = guestFactChanges(request.told, guestFactsOf(view));
      if (changes.length === 0) return result('skipped', 'Nothing a guest acts on changed.');
    }

    const { store, logger } = this.deps;
    const seen = await store.get(bookingId, kind, key);
    if (seen?.state === 'sent') return result('already-sent');
    if (seen?.state === 'rejected') return result('rejected', seen.lastError ?? 'SES rejected the address.');
    const to = booking.guest.email;
    const claimed = await store.claim(
      bookingId,
      kind,
      key,
      to,
      this.deps.now(),
      this.deps.leaseSeconds ?? 120,
    );
    if (!claimed) {
      const now = await store.get(bookingId, kind, key);
      return result(now?.state === 'sent' ? 'already-sent' : 'in-progress');
    }
    const log = logger.child({ bookingId, kind, key });
    try {
      const email = this.compose(booking, request, changes, links);
      const { messageId } = await this.deps.mailer.send(email);
      await store.finish(bookingId, kind, key, { state: 'sent', messageId }, this.deps.now());
      log.info('guest email sent', { messageId });
      return result('sent');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const rejected = error instanceof PermanentRejectionError;
      await store.finish(
        bookingId,
        kind,
        key,
        { state: rejected ? 'rejected' : 'failed', error: message },
        this.deps.now(),
      );
      // Hook for SES bounce/complaint handling (crew mail's, issue #16): a permanent rejection is recorded on
      // this email's intent record (GUESTMAIL#<id> / SENT#…, state "rejected"); bounce notifications for
      // guest mail can be matched by this message's Message-ID (guestMessageId) and recorded the same way.
      if (rejected) log.warn('guest email rejected by SES', { reason: message });
      else log.error('guest email failed', { error });
      return result(rejected ? 'rejected' : 'failed', message);
    }
  }

  private compose(
    booking: Booking,
    request: GuestMailRequest,
    changes: readonly GuestFactChange[],
    links: GuestLinkSettings,
  ): OutgoingEmail {
    const brand = this.deps.brands.get(booking.domain);
    const view = guestView(booking);
    const page = guestPageUrlFor(links.guestSiteUrl, booking);
    const unsubscribe = guestUnsubscribeUrl(links.publicBaseUrl, booking.id, links.secret);
    const rendered = renderGuestEmail(this.deps.templatesFor(booking.domain), {
      kind: request.kind,
      view,
      brand,
      links: { page, unsubscribe },
      changes,
    });
    const withCalendar =
      request.kind === 'confirmation' || request.kind === 'change' || request.kind === 'cancellation';
    return {
      from: { name: brand.brandName, address: brand.senderAddress },
      to: { name: view.hostFirstName, address: booking.guest.email },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: withCalendar
        ? [
            {
              filename: 'charter.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: renderGuestIcs({
                view,
                brand,
                pageUrl: page,
                updatedAt: this.deps.now().toISOString(),
              }),
            },
          ]
        : [],
      messageId: guestMessageId(booking.id, request.kind, request.key, brand.domain),
      headers: {
        // RFC 2369 and RFC 8058: mail apps show an "Unsubscribe" button that POSTs
        // "List-Unsubscribe=One-Click" to this URL; SES's DKIM signature covers these headers.
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }
}

/** The same id for every attempt: a mail client folds a rare repeat into one message. */
export function guestMessageId(bookingId: string, kind: GuestMailKind, key: string, domain: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `<guest.${bookingId}.${kind}.${digest}@${domain}>`;
}

/** Why an email of this kind is not owed by the booking as it is now (a stale timer or request). */
function notOwed(kind: GuestMailKind, booking: Booking): string | undefined {
  const live = booking.status === 'pending' || booking.status === 'confirmed';
  switch (kind) {
    case 'cancellation':
      return booking.status === 'cancelled' ? undefined : 'The charter is not cancelled.';
    case 'photos':
      return booking.status === 'completed' ? undefined : 'The charter is not completed yet.';
    case 'day-before':
      if (!live) return 'The charter is not going ahead as planned.';
      return undefined;
    default:
      return live ? undefined : 'The charter is not going ahead as planned.';
  }
}

/** Thrown to the reconciler when SES failed for now: repeating the request retries the email. */
export function guestMailRetryable(outcome: GuestMailOutcome): UpstreamError {
  return new UpstreamError(
    'ses',
    `The guest ${outcome.kind} email could not be sent yet: ${outcome.reason}`,
    true,
  );
}
