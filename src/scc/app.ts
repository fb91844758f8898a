/**
 * ShipCaptainCrew over HTTP, composed: the services built once per app, the two ways in (the service key,
 * checked in constant time; a crew magic link), the routes mounted from routes/ (one module per resource,
 * each registering its own), JSON errors for whatever a route throws, and one log line per request. The
 * events API takes the service key (JSON in, JSON out, bodies per contract.ts); crew routes take a magic
 * link (HTML pages that work without JavaScript); the presign and the calendar feed take their own tokens.
 *
 *   GET    /health                          liveness, no auth                                      here
 *   POST   /events                          create (idempotent: booking id, or Idempotency-Key)    routes/events.ts
 *   GET    /events/{id}                     event, crew answers, email states, delivery problems   routes/events.ts
 *   PUT    /events/{id}                     newer revision: crew added/removed, time changed       routes/events.ts
 *   DELETE /events/{id}[?reason=]           cancel and tell the crew                               routes/events.ts
 *   POST   /events/{id}/reminders           remind one person to answer (once per key)             routes/events.ts
 *   POST   /events/{id}/roster              day-before roster to who confirmed (once per key)      routes/events.ts
 *   POST   /guest-mail/{bookingId}          one guest email of a kind, once per key                routes/guest-mail.ts
 *   GET    /guest-mail/unsubscribe/{token}  "stop emails about this charter?" (changes nothing)    routes/guest-mail.ts
 *   POST   /guest-mail/unsubscribe/{token}  one-click unsubscribe (RFC 8058) or the page's button  routes/guest-mail.ts
 *   GET    /crew-feeds/{crewId}             a person's private calendar URL (service key)          routes/crew-feeds.ts
 *   POST   /crew-feeds/{crewId}/revoke      revoke it and get a new one (service key)              routes/crew-feeds.ts
 *   GET    /crew/{crewId}/calendar.ics?token=  the person's upcoming charters (feed token)          routes/crew-feeds.ts
 *   GET    /crew/{token}                    crew page (never changes anything: mail scanners open links)  routes/crew-page.ts
 *   GET    /crew/{token}/charter.ics        this charter for the person's calendar                 routes/crew-page.ts
 *   POST   /crew/{token}                    answer: confirmed | declined (+ reason); rate limited  routes/crew-answers.ts
 *   POST   /crew/{token}/away               add or remove time off; rate limited                   routes/crew-away.ts
 *   POST   /crew/{token}/fresh-link         a replaced link: mail the current one to the address on file
 *                                            (rate-limited per person and charter, see fresh-link.ts)  routes/crew-fresh-link.ts
 *   POST   /g/presign                       presigned S3 POST for one photo (crew token)           routes/photos.ts
 *
 * Must never log a token, a link or the service key: request logs name the route, not the path.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ConfigError } from '../errors';
import { type GuestTemplates, loadGuestTemplates } from '../guest';
import {
  errorToHttp,
  type HttpRequest,
  type HttpResponse,
  json,
  type RouteHandler,
  Router,
  toHttpRequest,
} from '../http';
import { ConfirmationStore } from '../store';
import type { SccDeps } from './app-deps';
import { resolveCrewLink } from './crew-access';
import { CrewFollowUps } from './crew-follow-ups';
import type { CrewLinkSettings } from './crew-links';
import { CrewNotifier } from './crew-notifier';
import { SccEventService } from './event-service';
import { FRESH_LINK_LIMITS, FreshLinks } from './fresh-link';
import { GuestMailStore } from './guest-mail-store';
import { type GuestLinkSettings, GuestMailer } from './guest-mailer';
import { ANSWER_RATE_LIMIT, PRESIGN_RATE_LIMIT } from './rate-limit';
import type { SccRouteContext } from './routes/context';
import { registerCrewAnswerRoutes } from './routes/crew-answers';
import { registerCrewAwayRoutes } from './routes/crew-away';
import { registerCrewFeedRoutes } from './routes/crew-feeds';
import { registerCrewFreshLinkRoutes } from './routes/crew-fresh-link';
import { registerCrewPageRoutes } from './routes/crew-page';
import { registerEventRoutes } from './routes/events';
import { registerGuestMailRoutes } from './routes/guest-mail';
import { registerPhotoRoutes } from './routes/photos';
import { requireServiceKey } from './service-key';

export type { SccDeps, SccSettings } from './app-deps';

export type SccApp = (request: HttpRequest) => Promise<HttpResponse>;

const MIN_SECRET_LENGTH = 32;

export function createSccApp(deps: SccDeps): SccApp {
  const now = deps.now ?? (() => new Date());
  const { settings, events, brands, templates, logger } = deps;
  const rateLimits = deps.rateLimits ?? { answers: ANSWER_RATE_LIMIT, presign: PRESIGN_RATE_LIMIT };
  const notifier = new CrewNotifier({
    events,
    mailer: deps.mailer,
    templates,
    brands,
    checklists: settings.checklists,
    logger,
    now,
  });
  const confirmations = deps.confirmations ?? new ConfirmationStore(events.doc, events.tableName);
  const markers = {
    claimOnce: deps.bookings.claimOnce.bind(deps.bookings),
    readMarker: deps.bookings.readMarker.bind(deps.bookings),
    listConfirmations: confirmations.listConfirmations.bind(confirmations),
  };
  const service = new SccEventService({ events, bookings: markers, notifier, brands, logger, now });
  const followUps = new CrewFollowUps({
    events,
    bookings: confirmations,
    mailer: deps.mailer,
    templates,
    brands,
    checklists: settings.checklists,
    logger,
    now,
  });

  const freshLinks = new FreshLinks({
    events,
    followUps,
    brands,
    logger,
    now,
    limits: deps.freshLinkLimits ?? FRESH_LINK_LIMITS,
  });

  const guestTemplates = new Map<string, GuestTemplates>();
  const templatesFor = (domain: string): GuestTemplates => {
    let loaded = guestTemplates.get(domain);
    if (!loaded) {
      loaded = loadGuestTemplates(settings.templatesDir ?? 'templates', domain);
      guestTemplates.set(domain, loaded);
    }
    return loaded;
  };
  const guestMailStore = new GuestMailStore(events.doc, events.tableName, events);
  const guestMailer = new GuestMailer({
    store: guestMailStore,
    bookings: deps.bookings,
    mailer: deps.mailer,
    brands,
    templatesFor,
    logger,
    now,
  });

  const secret = async () => {
    const value = await deps.magicLinkSecret();
    if (value.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `MAGIC_LINK_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters.`,
      );
    }
    return value;
  };
  const linkSettings = async (): Promise<CrewLinkSettings> => ({
    publicBaseUrl: settings.publicBaseUrl,
    secret: await secret(),
    ttlHoursAfterEnd: settings.magicLinkTtlHoursAfterEnd,
    guestSiteUrl: settings.guestSiteUrl ?? ((domain) => `https://${domain}`),
  });
  const guestLinks = async (): Promise<GuestLinkSettings> => ({
    publicBaseUrl: settings.publicBaseUrl,
    secret: await secret(),
    guestSiteUrl: settings.guestSiteUrl ?? ((domain) => `https://${domain}`),
  });
  const withKey =
    (handler: RouteHandler): RouteHandler =>
    async (request, params) => {
      requireServiceKey(request, await deps.passwordSalt(), settings.serviceKeyHash);
      return handler(request, params);
    };

  const context: SccRouteContext = {
    deps,
    now,
    rateLimits,
    confirmations,
    service,
    followUps,
    freshLinks,
    guestMailStore,
    guestMailer,
    templatesFor,
    secret,
    linkSettings,
    guestLinks,
    withKey,
    access: async (token) => resolveCrewLink(token, { events, brands, secret: await secret(), now: now() }),
  };

  const router = new Router().on('GET', '/health', async () => json(200, { ok: true }));
  registerEventRoutes(router, context);
  registerGuestMailRoutes(router, context);
  registerCrewFeedRoutes(router, context);
  registerCrewPageRoutes(router, context);
  registerCrewFreshLinkRoutes(router, context);
  registerCrewAnswerRoutes(router, context);
  registerCrewAwayRoutes(router, context);
  registerPhotoRoutes(router, context);

  return async (request) => {
    let response: HttpResponse;
    try {
      response = await router.handle(request);
    } catch (error) {
      response = errorToHttp(error, logger);
    }
    logger.info('request', {
      method: request.method,
      route: routeLabel(request.path),
      status: response.statusCode,
    });
    return response;
  };
}

/** The Lambda-shaped face of the app: API Gateway HTTP API (payload v2) events in, results out. */
export function createSccHandler(deps: SccDeps, options: { stripPrefix?: string } = {}) {
  const app = createSccApp(deps);
  return async (event: APIGatewayProxyEventV2, _context?: unknown): Promise<HttpResponse> =>
    app(toHttpRequest(event, options.stripPrefix ?? ''));
}

/** The route a request hit, with tokens and ids left out: safe to log. */
export function routeLabel(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'crew') {
    if (parts[2] === 'calendar.ics') return '/crew/{crewId}/calendar.ics';
    if (parts[2] === 'charter.ics') return '/crew/{token}/charter.ics';
    if (parts[2] === 'fresh-link') return '/crew/{token}/fresh-link';
    return '/crew/{token}';
  }
  if (parts[0] === 'events' && (parts[2] === 'reminders' || parts[2] === 'roster'))
    return `/events/{id}/${parts[2]}`;
  if (parts[0] === 'events' && parts.length > 1) return '/events/{id}';
  if (parts[0] === 'guest-mail') {
    return parts[1] === 'unsubscribe' ? '/guest-mail/unsubscribe/{token}' : '/guest-mail/{bookingId}';
  }
  if (parts[0] === 'crew-feeds') return parts[2] ? '/crew-feeds/{crewId}/revoke' : '/crew-feeds/{crewId}';
  return `/${parts.slice(0, 2).join('/')}`;
}
