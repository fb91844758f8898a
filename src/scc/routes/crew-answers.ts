/**
 * A crew member's answer from their page (the magic link in the path is the credential; rate limited):
 *
 *   POST /crew/{token}   answer=confirmed | declined (+ reason), then back to the page (Post/Redirect/Get)
 *
 * The answer goes to the confirmations partition; the booking itself (money, notes) is never read here.
 */
import { ANSWERS, type Answer } from '../../domain';
import { ValidationError } from '../../errors';
import { parseFormBody, type Router, redirect } from '../../http';
import { crewPageUrl } from '../crew-links';
import { enforceRateLimit } from '../rate-limit';
import type { SccRouteContext } from './context';
import { crewHtml } from './crew-html';

export function registerCrewAnswerRoutes(router: Router, ctx: SccRouteContext): void {
  const { access, now, rateLimits, confirmations } = ctx;
  const { settings, events, logger } = ctx.deps;
  router.on('POST', '/crew/{token}', async (request, params) =>
    crewHtml(
      ctx,
      async () => {
        const crew = await access(params.token ?? '');
        await enforceRateLimit(
          events,
          { eventId: crew.event.id, token: crew.token, purpose: 'answer' },
          rateLimits.answers,
          now(),
        );
        const form = parseFormBody(request);
        const answer = form.answer as Answer;
        if (!ANSWERS.includes(answer)) {
          throw new ValidationError([{ field: 'answer', message: 'Choose Confirm or Decline.' }]);
        }
        const reason = answer === 'declined' ? (form.reason ?? '').trim().slice(0, 500) : '';
        // The signed link resolved to this person's assignment on this event: that is the proof they are on the
        // charter, so the booking itself (money, notes) is never read here.
        const { changed } = await confirmations.recordConfirmation({
          bookingId: crew.event.bookingId,
          crewId: crew.assignment.crewId,
          answer,
          at: now().toISOString(),
          via: 'crew-page',
          ...(reason ? { reason } : {}),
          revision: crew.event.revision,
        });
        logger.info('crew answer recorded', {
          eventId: crew.event.id,
          crewId: crew.assignment.crewId,
          answer,
          changed,
        });
        // Post/Redirect/Get: a reload cannot post the answer twice.
        return redirect(`${crewPageUrl(settings.publicBaseUrl, crew.token)}?answered=${answer}`);
      },
      params.token,
    ),
  );
}
