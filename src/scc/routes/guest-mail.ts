/**
 * Guest email from the brand, and the guest's way to stop it:
 *
 *   POST /guest-mail/{bookingId}           one guest email of a kind, once per key            service key
 *   GET  /guest-mail/unsubscribe/{token}   "stop emails about this charter?" (changes nothing)
 *   POST /guest-mail/unsubscribe/{token}   one-click unsubscribe (RFC 8058) or the page's button  signed token
 *
 * The unsubscribe routes answer with pages in the brand's look; a bad token gets a page, never a stack.
 */
import { UpstreamError } from '../../errors';
import { type HttpResponse, json, parseJsonBody, type Router } from '../../http';
import { GuestMailRequestSchema } from '../contract';
import { renderUnsubscribePage } from '../guest-unsubscribe-page';
import { TamperedLinkError, verifyGuestUnsubscribe } from '../magic-link';
import type { SccRouteContext } from './context';
import { pageResponse } from './page-response';

const GUEST_MAIL_BODY_LIMIT = 8 * 1024;

const DONE_NOTICE = {
  heading: 'You will get no more emails about this charter',
  message: 'We have stopped emails about this charter. Your booking itself is unchanged.',
};

const INVALID_NOTICE = {
  heading: 'This link is not valid',
  message: 'Reply to any email from us and we will stop emails about your charter by hand.',
};

export function registerGuestMailRoutes(router: Router, ctx: SccRouteContext): void {
  const { withKey, guestMailer, guestMailStore, guestLinks, now } = ctx;
  const { settings, logger } = ctx.deps;
  router
    .on(
      'POST',
      '/guest-mail/{bookingId}',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, GuestMailRequestSchema, GUEST_MAIL_BODY_LIMIT);
        const outcome = await guestMailer.send(params.bookingId ?? '', input, await guestLinks());
        if (outcome.state === 'failed') {
          throw new UpstreamError('ses', `The guest email could not be sent yet: ${outcome.reason}`, true);
        }
        // 202: another request is sending this very email; asking again later is safe.
        return json(outcome.state === 'in-progress' ? 202 : 200, outcome);
      }),
    )
    .on('GET', '/guest-mail/unsubscribe/{token}', async (request, params) =>
      unsubscribePage(ctx, params.token ?? '', async (bookingId) => {
        if (await guestMailStore.optOut(bookingId)) return DONE_NOTICE;
        return {
          heading: 'Stop emails about this charter?',
          message: 'You will get no more emails from us about this charter. Your booking stays as it is.',
          formAction: `${settings.publicBaseUrl.replace(/\/+$/, '')}${request.path}`,
        };
      }),
    )
    .on('POST', '/guest-mail/unsubscribe/{token}', async (_request, params) =>
      // RFC 8058: the mail app POSTs "List-Unsubscribe=One-Click" with no cookies and no redirects to follow;
      // the page's button posts the same. Either way the signed token alone decides, and repeating is harmless.
      unsubscribePage(ctx, params.token ?? '', async (bookingId) => {
        const recorded = await guestMailStore.recordOptOut(bookingId, {
          at: now().toISOString(),
          via: 'one-click',
        });
        logger.info('guest unsubscribed', { bookingId, recorded });
        return DONE_NOTICE;
      }),
    );
}

async function unsubscribePage(
  ctx: SccRouteContext,
  token: string,
  handle: (bookingId: string) => Promise<{ heading: string; message: string; formAction?: string }>,
): Promise<HttpResponse> {
  const { templatesFor, secret } = ctx;
  const { settings, brands, bookings, logger } = ctx.deps;
  const anyTemplates = templatesFor(brands.domains[0] ?? '');
  let bookingId: string;
  try {
    ({ bookingId } = verifyGuestUnsubscribe(token, await secret()));
  } catch (error) {
    if (!(error instanceof TamperedLinkError)) throw error;
    logger.info('guest unsubscribe link refused');
    return pageResponse(settings, 403, renderUnsubscribePage(anyTemplates, undefined, INVALID_NOTICE));
  }
  const booking = await bookings.getBooking(bookingId);
  const brand = booking && brands.domains.includes(booking.domain) ? brands.get(booking.domain) : undefined;
  const templatesOf = brand ? templatesFor(brand.domain) : anyTemplates;
  // A deleted booking has nothing left to send: the guest still sees that they will get no more mail.
  const notice = booking ? await handle(bookingId) : DONE_NOTICE;
  return pageResponse(settings, 200, renderUnsubscribePage(templatesOf, brand, notice));
}
