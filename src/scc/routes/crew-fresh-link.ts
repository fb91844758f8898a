/**
 * "Email me my current link", offered on a replaced link's page:
 *
 *   POST /crew/{token}/fresh-link   mail the current link to the address on file (rate-limited per person
 *                                   and charter, see ../fresh-link.ts)
 *
 * The address is never shown, only a masked hint; a limited request gets 429 with Retry-After and a page
 * that says when to try again.
 */
import { type HttpResponse, type Router, redirect } from '../../http';
import { crewPageUrl } from '../crew-links';
import { renderNoticePage } from '../crew-templates';
import type { FreshLinkOutcome } from '../fresh-link';
import type { SccRouteContext } from './context';
import { crewHtml } from './crew-html';
import { pageResponse } from './page-response';

export function registerCrewFreshLinkRoutes(router: Router, ctx: SccRouteContext): void {
  const { freshLinks, linkSettings } = ctx;
  const { settings } = ctx.deps;
  router.on('POST', '/crew/{token}/fresh-link', async (_request, params) =>
    crewHtml(ctx, async () => {
      const token = params.token ?? '';
      const outcome = await freshLinks.request(token, await linkSettings());
      // The link still works: nothing to send, show its page (Post/Redirect/Get).
      if (outcome.kind === 'current') return redirect(crewPageUrl(settings.publicBaseUrl, token));
      return freshLinkPage(ctx, outcome);
    }),
  );
}

/** What "Email me a fresh link" answers: sent, or why not. */
function freshLinkPage(
  ctx: SccRouteContext,
  outcome: Exclude<FreshLinkOutcome, { kind: 'current' }>,
): HttpResponse {
  const { settings, templates } = ctx.deps;
  const office = 'Reply to any email from the office and they will sort it out.';
  switch (outcome.kind) {
    case 'sent':
      return pageResponse(
        settings,
        200,
        renderNoticePage(templates, outcome.brand, {
          heading: 'Check your email',
          message: `We emailed your current link for ${outcome.title} to the address we have for you (${outcome.addressHint}).`,
          hint: 'It should arrive within a minute or two; if it doesn’t, look in your spam folder. Links in your latest emails about this charter keep working too.',
        }),
      );
    case 'limited': {
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      const response = pageResponse(
        settings,
        429,
        renderNoticePage(templates, outcome.brand, {
          heading: 'We just sent you a link',
          message:
            outcome.reason === 'window'
              ? `We emailed your current link for ${outcome.title} a few minutes ago (to ${outcome.addressHint}). Please check your inbox and your spam folder.`
              : `We have emailed your current link for ${outcome.title} several times today (to ${outcome.addressHint}). Please check your inbox and your spam folder.`,
          hint:
            outcome.reason === 'window'
              ? `You can ask for another in ${minutes} minute${minutes === 1 ? '' : 's'}. Still nothing? ${office}`
              : `You can ask again tomorrow. Still nothing? ${office}`,
        }),
      );
      return {
        ...response,
        headers: { ...response.headers, 'retry-after': String(outcome.retryAfterSeconds) },
      };
    }
    case 'undeliverable':
      return pageResponse(
        settings,
        200,
        renderNoticePage(templates, outcome.brand, {
          heading: 'We could not email you',
          message: `Email to the address we have for you on ${outcome.title} does not get through.`,
          hint: `${office} They can update your address and send your link again.`,
        }),
      );
    case 'failed':
      return pageResponse(
        settings,
        503,
        renderNoticePage(templates, outcome.brand, {
          heading: 'We could not send it just now',
          message: 'Our email service did not take the message. Nothing was sent.',
          hint: 'Please try again in a minute.',
        }),
      );
  }
}
