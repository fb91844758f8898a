/**
 * Time off from the crew page (the magic link in the path is the credential; rate limited like answers):
 *
 *   POST /crew/{token}/away   add from/to/note, or remove=<id>; back to the page (Post/Redirect/Get)
 *
 * A form with problems comes back with what was typed and every problem at once: nothing is lost.
 */
import { DEFAULT_TIME_ZONE, timeOffProblems } from '../../domain';
import { ForbiddenError } from '../../errors';
import { parseFormBody, type Router, redirect } from '../../http';
import { localDay } from '../../reports';
import { crewPageUrl } from '../crew-links';
import { enforceRateLimit } from '../rate-limit';
import type { SccRouteContext } from './context';
import { crewHtml } from './crew-html';
import { showCrewPage } from './crew-page';

export function registerCrewAwayRoutes(router: Router, ctx: SccRouteContext): void {
  const { access, now, rateLimits } = ctx;
  const { settings, events, logger, timeOff } = ctx.deps;
  router.on('POST', '/crew/{token}/away', async (request, params) =>
    crewHtml(ctx, async () => {
      const crew = await access(params.token ?? '');
      // The magic link in the path is the credential (no cookie rides along), so another site cannot post
      // here without it; a browser that says the post is cross-site is refused all the same.
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        throw new ForbiddenError('This form can only be sent from your crew page.');
      }
      await enforceRateLimit(
        events,
        { eventId: crew.event.id, token: crew.token, purpose: 'away' },
        rateLimits.answers,
        now(),
      );
      const form = parseFormBody(request);
      const crewId = crew.assignment.crewId;
      const back = crewPageUrl(settings.publicBaseUrl, crew.token);
      if (form.remove) {
        await timeOff.removeTimeOff(crewId, String(form.remove).slice(0, 64));
        logger.info('time off removed from the crew page', { crewId });
        return redirect(`${back}?away=removed#time-off`);
      }
      const input = {
        from: String(form.from ?? '').trim(),
        to: String(form.to ?? form.from ?? '').trim() || String(form.from ?? '').trim(),
        note: String(form.note ?? '').trim(),
      };
      const problems = timeOffProblems(input, localDay(now(), DEFAULT_TIME_ZONE));
      if (problems.length > 0) {
        // Nothing is lost: the page comes back with what was typed and every problem at once.
        return showCrewPage(
          ctx,
          crew,
          undefined,
          { values: input, problems: problems.map((p) => p.message) },
          400,
        );
      }
      await timeOff.addTimeOff({
        crewId,
        ...input,
        by: `crew-page:${crewId}`,
        at: now().toISOString(),
      });
      logger.info('time off added from the crew page', { crewId });
      return redirect(`${back}?away=saved#time-off`);
    }),
  );
}
