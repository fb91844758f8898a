/**
 * The crew page and this charter's calendar file, opened with the person's magic link (HTML that works
 * without JavaScript). Reading never changes anything: mail scanners open links.
 *
 *   GET /crew/{token}               the page: the charter through crewView, their answer, pay, time off
 *   GET /crew/{token}/charter.ics   this charter for the person's calendar
 *
 * Crew-facing: only crewView data (the person's own pay) reaches the page.
 */
import { chartersWhileAway, DEFAULT_TIME_ZONE, declinedCrew, formatAwayRange } from '../../domain';
import { type HttpResponse, type Router, text } from '../../http';
import { localDay, monthPeriod, queryWindow, type YourPay, yourPay } from '../../reports';
import type { CrewAccess } from '../crew-access';
import { buildCrewCharterIcs } from '../crew-calendar';
import { crewLinksFor, crewPageUrl, presignUrl } from '../crew-links';
import { renderCrewPage } from '../crew-templates';
import { crewViewFromEvent } from '../crew-view';
import type { SccRouteContext } from './context';
import { crewHtml } from './crew-html';
import { pageResponse } from './page-response';

export function registerCrewPageRoutes(router: Router, ctx: SccRouteContext): void {
  const { access, now } = ctx;
  const { settings } = ctx.deps;
  router
    .on('GET', '/crew/{token}', async (request, params) =>
      crewHtml(
        ctx,
        async () => {
          const crew = await access(params.token ?? '');
          const flash = flashFor(request.query.answered) ?? awayFlash(request.query.away);
          // Just saved time off over a charter they are already on: say so (titles and days of their own charters).
          const clash = request.query.away === 'saved' ? await awayClashes(ctx, crew.assignment.crewId) : '';
          return showCrewPage(ctx, crew, flash ? `${flash}${clash}` : undefined);
        },
        params.token,
      ),
    )
    .on('GET', '/crew/{token}/charter.ics', async (_request, params) =>
      crewHtml(
        ctx,
        async () => {
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
        },
        params.token,
      ),
    );
}

/** The crew page for this link; the time-off form comes back with what was typed when it had problems. */
export async function showCrewPage(
  ctx: SccRouteContext,
  crew: CrewAccess,
  flash: string | undefined,
  timeOffForm?: { values: { from: string; to: string; note: string }; problems: string[] },
  status = 200,
): Promise<HttpResponse> {
  const { now, confirmations } = ctx;
  const { settings, events, templates, timeOff: timeOffStore } = ctx.deps;
  const linkConfig = await ctx.linkSettings();
  const feedVersion = await events.getFeedVersion(crew.assignment.crewId);
  const { token, ...links } = crewLinksFor(crew.event, crew.assignment, feedVersion, linkConfig);
  const [yourPayThisMonth, timeOff, answers] = await Promise.all([
    payForMonthOf(ctx, crew.assignment.crewId, crew.event.schedule.date),
    timeOffStore.listTimeOff(crew.assignment.crewId),
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
  return pageResponse(settings, status, page);
}

/**
 * The person's own pay over the month of the charter the page is about (its local date), from their own
 * crew views of the SCC events they are on: nobody else's rate can reach it. At most 62 charters are
 * read (two a day).
 */
async function payForMonthOf(ctx: SccRouteContext, crewId: string, localDate: string): Promise<YourPay> {
  const { events, settings } = ctx.deps;
  const [y, m] = localDate.split('-').map(Number) as [number, number];
  const period = monthPeriod(y, m);
  const window = queryWindow(period);
  const entries = (await events.listCrewAssignments(crewId, window.from, 62)).filter(
    (e) => e.startsAt <= window.to.toISOString(),
  );
  const found = await Promise.all(entries.map((e) => events.getEvent(e.eventId)));
  const views = found
    .filter((e): e is NonNullable<typeof e> => e?.crew_assignments.some((a) => a.crewId === crewId) === true)
    .map((e) => crewViewFromEvent(e, crewId, settings.checklists));
  return yourPay(views, crewId, period);
}

/** " You’re on Sunset Sail Dec 5 — tell the office." when upcoming time off overlaps a charter they are on. */
async function awayClashes(ctx: SccRouteContext, crewId: string): Promise<string> {
  const { now } = ctx;
  const { events, timeOff } = ctx.deps;
  const today = localDay(now(), DEFAULT_TIME_ZONE);
  const away = (await timeOff.listTimeOff(crewId)).filter((e) => e.to >= today);
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
