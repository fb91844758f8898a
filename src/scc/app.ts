/**
 * ShipCaptainCrew over HTTP: the routes, who may call each, and how refusals look. The events API takes
 * the service key (JSON in, JSON out); crew routes take a magic link (HTML pages that work without
 * JavaScript); the presign and the calendar feed take their own tokens.
 *
 *   GET    /health                          liveness, no auth
 *   POST   /events                          create (idempotent: booking id, or Idempotency-Key)   service key
 *   GET    /events/{id}                     event, crew answers, email states, delivery problems  service key
 *   PUT    /events/{id}                     newer revision: crew added/removed, time changed      service key
 *   DELETE /events/{id}[?reason=]           cancel and tell the crew                               service key
 *   POST   /events/{id}/reminders           remind one person to answer (once per key)            service key
 *   POST   /events/{id}/roster              day-before roster to who confirmed (once per key)     service key
 *   POST   /guest-mail/{bookingId}          one guest email of a kind, once per key               service key
 *   GET    /guest-mail/unsubscribe/{token}  "stop emails about this charter?" (changes nothing)
 *   POST   /guest-mail/unsubscribe/{token}  one-click unsubscribe (RFC 8058) or the page's button     signed token
 *   GET    /crew-feeds/{crewId}             a person's private calendar URL                       service key
 *   POST   /crew-feeds/{crewId}/revoke      revoke it and get a new one                           service key
 *   GET    /crew/{token}                    crew page (never changes anything: mail scanners open links)
 *   POST   /crew/{token}                    answer: confirmed | declined (+ reason); rate limited
 *   GET    /crew/{token}/charter.ics        this charter for the person's calendar
 *   POST   /crew/{token}/fresh-link         a replaced link: mail the current one to the address on file
 *                                            (rate-limited per person and charter, see fresh-link.ts)
 *   GET    /crew/{crewId}/calendar.ics?token=  the person's upcoming charters (feed token)
 *   POST   /g/presign                       presigned S3 POST for one photo (crew token)
 *
 * Must never log a token, a link or the service key: request logs name the route, not the path.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BrandDirectory } from '../config/brands';
import {
  ANSWERS,
  type Answer,
  type Checklists,
  chartersWhileAway,
  DEFAULT_TIME_ZONE,
  declinedCrew,
  formatAwayRange,
  timeOffProblems,
} from '../domain';
import {
  ConfigError,
  ForbiddenError,
  GoneError,
  isAppError,
  UpstreamError,
  ValidationError,
} from '../errors';
import { type GuestTemplates, loadGuestTemplates } from '../guest/templates';
import {
  errorToHttp,
  type HttpRequest,
  type HttpResponse,
  html,
  json,
  parseFormBody,
  parseJsonBody,
  Router,
  redirect,
  text,
  toHttpRequest,
} from '../http';
import type { Logger } from '../logging/logger';
import { localDay, monthPeriod, queryWindow, type YourPay, yourPay } from '../reports';
import { ConfirmationStore, type DynamoBookingStore, type DynamoTimeOffStore } from '../store';
import { type CrewAccess, CrewLinkRefused, ReplacedLinkRefused, resolveCrewLink } from './crew-access';
import { buildCrewCharterIcs, buildCrewFeed } from './crew-calendar';
import { CrewFollowUps, ReminderRequestSchema, RosterRequestSchema } from './crew-follow-ups';
import { type CrewLinkSettings, crewLinksFor, crewPageUrl, feedUrl, presignUrl } from './crew-links';
import { CrewNotifier } from './crew-notifier';
import {
  type CrewTemplates,
  type Notice,
  type RenderedPage,
  renderCrewPage,
  renderNoticePage,
} from './crew-templates';
import { crewViewFromEvent } from './crew-view';
import { SccEventInputSchema } from './event-schema';
import { SccEventService } from './event-service';
import type { SccEventStore } from './event-store';
import { FRESH_LINK_LIMITS, type FreshLinkLimits, type FreshLinkOutcome, FreshLinks } from './fresh-link';
import { GuestMailStore } from './guest-mail-store';
import { type GuestLinkSettings, GuestMailer, GuestMailRequestSchema } from './guest-mailer';
import { renderUnsubscribePage } from './guest-unsubscribe-page';
import { TamperedLinkError, verifyFeedToken, verifyGuestUnsubscribe } from './magic-link';
import { PhotoTooLargeError, PresignRequestSchema, presignPhotoUpload } from './photo-presign';
import { ANSWER_RATE_LIMIT, enforceRateLimit, PRESIGN_RATE_LIMIT, type RateLimit } from './rate-limit';
import { requireServiceKey } from './service-key';
import type { Mailer } from './ses-mailer';

export interface SccSettings {
  serviceKeyHash: string;
  publicBaseUrl: string;
  photoMaxBytes: number;
  magicLinkTtlHoursAfterEnd: number;
  checklists: Checklists;
  /** Origins the crew page's upload script may post photos to (its CSP connect-src). */
  uploadOrigins: readonly string[];
  /** A brand's guest site (GUEST_SITE_URL); defaults to https://<domain>. */
  guestSiteUrl?: (domain: string) => string;
  /** Where the brands' guest templates are (TEMPLATES_DIR): guest email and the unsubscribe page. */
  templatesDir?: string;
}

export interface SccDeps {
  settings: SccSettings;
  passwordSalt: () => Promise<string>;
  magicLinkSecret: () => Promise<string>;
  events: SccEventStore;
  /** Guest mail only (the booking a guest email is about), and once-only markers. */
  bookings: DynamoBookingStore;
  /**
   * Crew answers, in their own partition (CONFIRM#): SCC records and reads them without touching the
   * booking's. Default: on the events' table.
   */
  confirmations?: ConfirmationStore;
  /** The person's own time off: the crew page lists, adds and removes it; the crew feed shows it. */
  timeOff: Pick<DynamoTimeOffStore, 'addTimeOff' | 'listTimeOff' | 'removeTimeOff'>;
  mailer: Mailer;
  s3: S3Client;
  brands: BrandDirectory;
  templates: CrewTemplates;
  logger: Logger;
  now?: () => Date;
  rateLimits?: { answers: RateLimit; presign: RateLimit };
  /** "Email me a fresh link" limits; default one per 10 minutes and three a day per person and charter. */
  freshLinkLimits?: FreshLinkLimits;
}

export type SccApp = (request: HttpRequest) => Promise<HttpResponse>;

const EVENT_BODY_LIMIT = 64 * 1024;
const PRESIGN_BODY_LIMIT = 4 * 1024;
const FOLLOW_UP_BODY_LIMIT = 8 * 1024;
const FEED_LOOKBACK_MS = 24 * 3600 * 1000;
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
    (handler: (request: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>) =>
    async (request: HttpRequest, params: Readonly<Record<string, string>>) => {
      requireServiceKey(request, await deps.passwordSalt(), settings.serviceKeyHash);
      return handler(request, params);
    };
  const access = async (token: string): Promise<CrewAccess> =>
    resolveCrewLink(token, { events, brands, secret: await secret(), now: now() });

  const router = new Router()
    .on('GET', '/health', async () => json(200, { ok: true }))
    .on(
      'POST',
      '/events',
      withKey(async (request) => {
        const input = parseJsonBody(request, SccEventInputSchema, EVENT_BODY_LIMIT);
        const key = request.headers['idempotency-key']?.trim();
        if (key !== undefined && (key.length === 0 || key.length > 200)) {
          throw new ValidationError([
            { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 characters.' },
          ]);
        }
        const result = await service.create(input, await linkSettings(), key);
        return json(result.created ? 201 : 200, result.details);
      }),
    )
    .on(
      'GET',
      '/events/{id}',
      withKey(async (_request, params) => json(200, await service.get(params.id ?? ''))),
    )
    .on(
      'PUT',
      '/events/{id}',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, SccEventInputSchema, EVENT_BODY_LIMIT);
        const result = await service.update(params.id ?? '', input, await linkSettings());
        return json(result.created ? 201 : 200, result.details);
      }),
    )
    .on(
      'DELETE',
      '/events/{id}',
      withKey(async (request, params) => {
        const reason = request.query.reason?.trim().slice(0, 500) || undefined;
        const result = await service.cancel(params.id ?? '', reason, await linkSettings());
        return json(200, result.details);
      }),
    )
    .on(
      'POST',
      '/events/{id}/reminders',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, ReminderRequestSchema, FOLLOW_UP_BODY_LIMIT);
        const outcome = await followUps.remind(params.id ?? '', input, await linkSettings());
        // 202: another request is sending this very reminder; asking again later is safe.
        return json(outcome.state === 'in-progress' ? 202 : 200, outcome);
      }),
    )
    .on(
      'POST',
      '/events/{id}/roster',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, RosterRequestSchema, FOLLOW_UP_BODY_LIMIT);
        const outcomes = await followUps.sendRoster(params.id ?? '', input, await linkSettings());
        const busy = outcomes.some((o) => o.state === 'in-progress');
        return json(busy ? 202 : 200, { outcomes });
      }),
    )
    .on(
      'POST',
      '/guest-mail/{bookingId}',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, GuestMailRequestSchema, FOLLOW_UP_BODY_LIMIT);
        const outcome = await guestMailer.send(params.bookingId ?? '', input, await guestLinks());
        if (outcome.state === 'failed') {
          throw new UpstreamError('ses', `The guest email could not be sent yet: ${outcome.reason}`, true);
        }
        // 202: another request is sending this very email; asking again later is safe.
        return json(outcome.state === 'in-progress' ? 202 : 200, outcome);
      }),
    )
    .on('GET', '/guest-mail/unsubscribe/{token}', async (request, params) =>
      unsubscribePage(params.token ?? '', async (bookingId) => {
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
      unsubscribePage(params.token ?? '', async (bookingId) => {
        const recorded = await guestMailStore.recordOptOut(bookingId, {
          at: now().toISOString(),
          via: 'one-click',
        });
        logger.info('guest unsubscribed', { bookingId, recorded });
        return DONE_NOTICE;
      }),
    )
    .on(
      'GET',
      '/crew-feeds/{crewId}',
      withKey(async (_request, params) => {
        const crewId = params.crewId ?? '';
        const version = await events.getFeedVersion(crewId);
        return json(200, {
          crewId,
          version,
          url: feedUrl(settings.publicBaseUrl, crewId, version, await secret()),
        });
      }),
    )
    .on(
      'POST',
      '/crew-feeds/{crewId}/revoke',
      withKey(async (_request, params) => {
        const crewId = params.crewId ?? '';
        const version = await events.bumpFeedVersion(crewId);
        logger.info('crew feed revoked', { crewId, version });
        return json(200, {
          crewId,
          version,
          url: feedUrl(settings.publicBaseUrl, crewId, version, await secret()),
        });
      }),
    )
    .on('GET', '/crew/{token}', async (request, params) =>
      crewHtml(async () => {
        const crew = await access(params.token ?? '');
        const flash = flashFor(request.query.answered) ?? awayFlash(request.query.away);
        // Just saved time off over a charter they are already on: say so (titles and days of their own charters).
        const clash = request.query.away === 'saved' ? await awayClashes(crew.assignment.crewId) : '';
        return showCrewPage(crew, flash ? `${flash}${clash}` : undefined);
      }, params.token),
    )
    .on('POST', '/crew/{token}/fresh-link', async (_request, params) =>
      crewHtml(async () => {
        const token = params.token ?? '';
        const outcome = await freshLinks.request(token, await linkSettings());
        // The link still works: nothing to send, show its page (Post/Redirect/Get).
        if (outcome.kind === 'current') return redirect(crewPageUrl(settings.publicBaseUrl, token));
        return freshLinkPage(outcome);
      }),
    )
    .on('POST', '/crew/{token}', async (request, params) =>
      crewHtml(async () => {
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
      }, params.token),
    )
    .on('POST', '/crew/{token}/away', async (request, params) =>
      crewHtml(async () => {
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
          await deps.timeOff.removeTimeOff(crewId, String(form.remove).slice(0, 64));
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
            crew,
            undefined,
            { values: input, problems: problems.map((p) => p.message) },
            400,
          );
        }
        await deps.timeOff.addTimeOff({
          crewId,
          ...input,
          by: `crew-page:${crewId}`,
          at: now().toISOString(),
        });
        logger.info('time off added from the crew page', { crewId });
        return redirect(`${back}?away=saved#time-off`);
      }),
    )
    .on('GET', '/crew/{token}/charter.ics', async (_request, params) =>
      crewHtml(async () => {
        const crew = await access(params.token ?? '');
        const view = crewViewFromEvent(crew.event, crew.assignment.crewId, settings.checklists);
        const ics = buildCrewCharterIcs(view, crew.brand.brandName, {
          sequence: crew.assignment.version,
          stamp: now(),
        });
        return text(200, ics, 'text/calendar; charset=utf-8', {
          'content-disposition': `attachment; filename="${crew.event.id}.ics"`,
          'cache-control': 'no-store',
        });
      }, params.token),
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
      const away = (await deps.timeOff.listTimeOff(crewId)).filter((e) => e.to >= today);
      return text(200, buildCrewFeed(firstName, views, now(), away), 'text/calendar; charset=utf-8', {
        'cache-control': 'private, no-store',
      });
    })
    .on('POST', '/g/presign', async (request) => {
      const body = parseJsonBody(request, PresignRequestSchema, PRESIGN_BODY_LIMIT);
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = body.token ?? bearer;
      if (!token) throw new ForbiddenError('A crew link is required to upload photos.');
      const crew = await access(token);
      if (body.bookingId !== undefined && body.bookingId !== crew.event.bookingId) {
        throw new ForbiddenError('This link is for another charter.');
      }
      if (body.size !== undefined && body.size > settings.photoMaxBytes)
        throw new PhotoTooLargeError(settings.photoMaxBytes);
      await enforceRateLimit(
        events,
        { eventId: crew.event.id, token, purpose: 'presign' },
        rateLimits.presign,
        now(),
      );
      const grant = await presignPhotoUpload(deps.s3, {
        bucket: crew.brand.bucket,
        bookingId: crew.event.bookingId,
        crewId: crew.assignment.crewId,
        contentType: body.contentType,
        maxBytes: settings.photoMaxBytes,
        now: now(),
      });
      logger.info('photo upload presigned', {
        eventId: crew.event.id,
        crewId: crew.assignment.crewId,
        key: grant.key,
      });
      return json(200, grant);
    });

  /** " You’re on Sunset Sail Dec 5 — tell the office." when upcoming time off overlaps a charter they are on. */
  async function awayClashes(crewId: string): Promise<string> {
    const today = localDay(now(), DEFAULT_TIME_ZONE);
    const away = (await deps.timeOff.listTimeOff(crewId)).filter((e) => e.to >= today);
    if (away.length === 0) return '';
    const entries = await events.listCrewAssignments(crewId, new Date(now().getTime() - 24 * 3600 * 1000));
    const charters = [];
    for (const entry of entries) {
      const event = await events.getEvent(entry.eventId);
      if (event?.status !== 'scheduled') continue;
      const charter = {
        title: event.title,
        status: 'confirmed',
        startsAt: event.schedule.startsAt,
        endsAt: event.schedule.endsAt,
        schedule: { date: event.schedule.date },
        crew: event.crew_assignments,
      };
      if (away.some((e) => chartersWhileAway(e, crewId, [charter]).length > 0)) charters.push(charter);
    }
    if (charters.length === 0) return '';
    const list = charters
      .slice(0, 5)
      .map((c) => `${c.title} ${formatAwayRange({ from: c.schedule.date, to: c.schedule.date })}`)
      .join(', ');
    return ` You’re on ${list} — tell the office.`;
  }

  async function showCrewPage(
    crew: CrewAccess,
    flash: string | undefined,
    timeOffForm?: { values: { from: string; to: string; note: string }; problems: string[] },
    status = 200,
  ): Promise<HttpResponse> {
    const linkConfig = await linkSettings();
    const feedVersion = await events.getFeedVersion(crew.assignment.crewId);
    const { token, ...links } = crewLinksFor(crew.event, crew.assignment, feedVersion, linkConfig);
    const [yourPayThisMonth, timeOff, answers] = await Promise.all([
      payForMonthOf(crew.assignment.crewId, crew.event.schedule.date),
      deps.timeOff.listTimeOff(crew.assignment.crewId),
      confirmations.listConfirmations(crew.event.bookingId),
    ]);
    // Who is on board: without those who declined (the same rule as the guest page and the calendar).
    const view = crewViewFromEvent(crew.event, crew.assignment.crewId, settings.checklists, {
      declined: declinedCrew(crew.event.crew_assignments, answers),
    });
    const latest = answers.find((c) => c.crewId === crew.assignment.crewId);
    const page = renderCrewPage(templates, view, crew.brand, {
      links,
      formAction: links.page ?? crewPageUrl(settings.publicBaseUrl, token),
      ...(latest
        ? {
            answer: {
              answer: latest.answer,
              at: latest.at,
              ...(latest.reason ? { reason: latest.reason } : {}),
            },
          }
        : {}),
      ...(flash ? { flash } : {}),
      uploads: { presignUrl: presignUrl(settings.publicBaseUrl), token, maxBytes: settings.photoMaxBytes },
      yourPay: yourPayThisMonth,
      timeOff: {
        action: `${links.page ?? crewPageUrl(settings.publicBaseUrl, token)}/away`,
        entries: timeOff.filter((e) => e.to >= localDay(now(), DEFAULT_TIME_ZONE)),
        today: localDay(now(), DEFAULT_TIME_ZONE),
        ...(timeOffForm ?? {}),
      },
    });
    return pageResponse(status, page);
  }

  /**
   * The person's own pay over the month of the charter the page is about (its local date), from their own
   * crew views of the SCC events they are on: nobody else's rate can reach it. At most 62 charters are
   * read (two a day).
   */
  async function payForMonthOf(crewId: string, localDate: string): Promise<YourPay> {
    const [y, m] = localDate.split('-').map(Number) as [number, number];
    const period = monthPeriod(y, m);
    const window = queryWindow(period);
    const entries = (await events.listCrewAssignments(crewId, window.from, 62)).filter(
      (e) => e.startsAt <= window.to.toISOString(),
    );
    const found = await Promise.all(entries.map((e) => events.getEvent(e.eventId)));
    const views = found
      .filter(
        (e): e is NonNullable<typeof e> => e?.crew_assignments.some((a) => a.crewId === crewId) === true,
      )
      .map((e) => crewViewFromEvent(e, crewId, settings.checklists));
    return yourPay(views, crewId, period);
  }

  /** The unsubscribe routes answer with pages in the brand's look; a bad token gets a page, never a stack. */
  async function unsubscribePage(
    token: string,
    handle: (bookingId: string) => Promise<{ heading: string; message: string; formAction?: string }>,
  ): Promise<HttpResponse> {
    const anyTemplates = templatesFor(brands.domains[0] ?? '');
    let bookingId: string;
    try {
      ({ bookingId } = verifyGuestUnsubscribe(token, await secret()));
    } catch (error) {
      if (!(error instanceof TamperedLinkError)) throw error;
      logger.info('guest unsubscribe link refused');
      return pageResponse(403, renderUnsubscribePage(anyTemplates, undefined, INVALID_NOTICE));
    }
    const booking = await deps.bookings.getBooking(bookingId);
    const brand = booking && brands.domains.includes(booking.domain) ? brands.get(booking.domain) : undefined;
    const templatesOf = brand ? templatesFor(brand.domain) : anyTemplates;
    // A deleted booking has nothing left to send: the guest still sees that they will get no more mail.
    const notice = booking ? await handle(bookingId) : DONE_NOTICE;
    return pageResponse(200, renderUnsubscribePage(templatesOf, brand, notice));
  }

  function pageResponse(status: number, page: RenderedPage): HttpResponse {
    const formOrigin = new URL(settings.publicBaseUrl).origin;
    const csp = [
      "default-src 'none'",
      `style-src ${page.styleHash}`,
      page.scriptHash ? `script-src ${page.scriptHash}` : "script-src 'none'",
      `connect-src 'self' ${formOrigin} ${settings.uploadOrigins.join(' ')}`.trim(),
      "img-src 'self' data:",
      `form-action 'self' ${formOrigin}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    return html(status, page.html, {
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-robots-tag': 'noindex, nofollow',
    });
  }

  /**
   * What "Email me a fresh link" answers: sent, or why not. The address is never shown, only a masked hint;
   * a limited request gets 429 with Retry-After and a page that says when to try again.
   */
  function freshLinkPage(outcome: Exclude<FreshLinkOutcome, { kind: 'current' }>): HttpResponse {
    const office = 'Reply to any email from the office and they will sort it out.';
    switch (outcome.kind) {
      case 'sent':
        return pageResponse(
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
          200,
          renderNoticePage(templates, outcome.brand, {
            heading: 'We could not email you',
            message: `Email to the address we have for you on ${outcome.title} does not get through.`,
            hint: `${office} They can update your address and send your link again.`,
          }),
        );
      case 'failed':
        return pageResponse(
          503,
          renderNoticePage(templates, outcome.brand, {
            heading: 'We could not send it just now',
            message: 'Our email service did not take the message. Nothing was sent.',
            hint: 'Please try again in a minute.',
          }),
        );
    }
  }

  /**
   * Crew routes answer with pages: every refusal becomes a page that says what to do, never a stack. A
   * replaced link's page offers to email the current link (to the address on file; fresh-link.ts).
   */
  async function crewHtml(handle: () => Promise<HttpResponse>, token?: string): Promise<HttpResponse> {
    try {
      return await handle();
    } catch (error) {
      if (error instanceof CrewLinkRefused) {
        logger.info('crew link refused', { status: error.statusCode, code: error.code });
        const notice =
          error instanceof ReplacedLinkRefused && token
            ? {
                ...error.notice,
                action: {
                  url: `${crewPageUrl(settings.publicBaseUrl, token)}/fresh-link`,
                  label: 'Email me my current link',
                  note: 'We send it only to the email address we have on file for you.',
                },
              }
            : error.notice;
        return pageResponse(error.statusCode, renderNoticePage(templates, error.brand, notice));
      }
      const { status, notice } = noticeForError(error);
      if (status >= 500) logger.error('crew page failed', { error });
      else logger.info('crew request refused', { status, code: isAppError(error) ? error.code : undefined });
      return pageResponse(status, renderNoticePage(templates, undefined, notice));
    }
  }

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

const DONE_NOTICE = {
  heading: 'You will get no more emails about this charter',
  message: 'We have stopped emails about this charter. Your booking itself is unchanged.',
};

const INVALID_NOTICE = {
  heading: 'This link is not valid',
  message: 'Reply to any email from us and we will stop emails about your charter by hand.',
};

function awayFlash(away: string | undefined): string | undefined {
  if (away === 'saved') return 'Your time off is saved. The office will not book you then without asking.';
  if (away === 'removed') return 'That time off is removed.';
  return undefined;
}

function flashFor(answered: string | undefined): string | undefined {
  if (answered === 'confirmed') return 'Thank you! Your confirmation is in; the office can see it now.';
  if (answered === 'declined') return 'Thanks for letting us know. The office can see your answer now.';
  return undefined;
}

function noticeForError(error: unknown): { status: number; notice: Notice } {
  if (isAppError(error) && error.statusCode < 500) {
    const byStatus: Record<number, Notice> = {
      400: {
        heading: 'Please try again',
        message: error.message,
        hint: 'Go back to the page and choose Confirm or Decline.',
      },
      404: {
        heading: 'We could not save your answer',
        message: error.message,
        hint: 'Reply to the email the link came in and the office will sort it out.',
      },
      413: {
        heading: 'That was too much',
        message: error.message,
        hint: 'Keep the reason short and try again.',
      },
      429: {
        heading: 'Too many tries',
        message: error.message,
        hint: 'Your earlier answer, if any, is saved.',
      },
    };
    const notice = byStatus[error.statusCode] ?? {
      heading: 'That did not work',
      message: error.message,
      hint: 'Reply to the email the link came in and the office will help.',
    };
    return { status: error.statusCode, notice };
  }
  return {
    status: 500,
    notice: {
      heading: 'Something went wrong on our side',
      message: 'We could not open this page just now.',
      hint: 'Please try again in a minute. Nothing you did caused this.',
    },
  };
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
