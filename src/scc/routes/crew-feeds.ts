/**
 * A person's private calendar feed: its URL for the office (service key), and the feed itself for their
 * calendar app (its own signed feed token, versioned: revoking bumps the version and every older URL stops).
 *
 *   GET  /crew-feeds/{crewId}                   the person's private calendar URL    service key
 *   POST /crew-feeds/{crewId}/revoke            revoke it and get a new one          service key
 *   GET  /crew/{crewId}/calendar.ics?token=     the person's upcoming charters and time off (feed token)
 */
import { DEFAULT_TIME_ZONE } from '../../domain';
import { ForbiddenError, GoneError } from '../../errors';
import { json, type Router, text } from '../../http';
import { localDay } from '../../reports';
import type { SccCrewFeed } from '../contract';
import { buildCrewFeed } from '../crew-calendar';
import { feedUrl } from '../crew-links';
import { crewViewFromEvent } from '../crew-view';
import { TamperedLinkError, verifyFeedToken } from '../magic-link';
import type { SccRouteContext } from './context';

const FEED_LOOKBACK_MS = 24 * 3600 * 1000;

export function registerCrewFeedRoutes(router: Router, ctx: SccRouteContext): void {
  const { withKey, secret, now } = ctx;
  const { settings, events, logger, timeOff } = ctx.deps;
  router
    .on(
      'GET',
      '/crew-feeds/{crewId}',
      withKey(async (_request, params) => {
        const crewId = params.crewId ?? '';
        const version = await events.getFeedVersion(crewId);
        const reply: SccCrewFeed = {
          crewId,
          version,
          url: feedUrl(settings.publicBaseUrl, crewId, version, await secret()),
        };
        return json(200, reply);
      }),
    )
    .on(
      'POST',
      '/crew-feeds/{crewId}/revoke',
      withKey(async (_request, params) => {
        const crewId = params.crewId ?? '';
        const version = await events.bumpFeedVersion(crewId);
        logger.info('crew feed revoked', { crewId, version });
        const reply: SccCrewFeed = {
          crewId,
          version,
          url: feedUrl(settings.publicBaseUrl, crewId, version, await secret()),
        };
        return json(200, reply);
      }),
    )
    .on('GET', '/crew/{crewId}/calendar.ics', async (request, params) => {
      const crewId = params.crewId ?? '';
      let claims: { crewId: string; version: number };
      try {
        claims = verifyFeedToken(request.query.token ?? '', await secret());
      } catch (error) {
        if (error instanceof TamperedLinkError) throw new ForbiddenError('This calendar link is not valid.');
        throw error;
      }
      if (claims.crewId !== crewId) throw new ForbiddenError('This calendar link is not valid.');
      if (claims.version !== (await events.getFeedVersion(crewId))) {
        throw new GoneError('This calendar link was replaced. Ask the office for your new one.');
      }
      const entries = await events.listCrewAssignments(crewId, new Date(now().getTime() - FEED_LOOKBACK_MS));
      const views = [];
      for (const entry of entries) {
        const event = await events.getEvent(entry.eventId);
        if (!event?.crew_assignments.some((a) => a.crewId === crewId)) continue;
        views.push({ view: crewViewFromEvent(event, crewId, settings.checklists), sequence: entry.version });
      }
      const firstName = views[0]?.view.you.firstName ?? 'crew';
      const today = localDay(now(), DEFAULT_TIME_ZONE);
      const away = (await timeOff.listTimeOff(crewId)).filter((e) => e.to >= today);
      return text(200, buildCrewFeed(firstName, views, now(), away), 'text/calendar; charset=utf-8', {
        'cache-control': 'private, no-store',
      });
    });
}
