/**
 * Turns a CrewView into what the crew templates show: labels formatted in the charter's own time zone,
 * the person's pay, the crew list, the checklist, the brand's colours made readable. Pure.
 * Crew-facing: it takes a CrewView (never a booking or an SCC event), so only crewView data can reach a
 * crew template.
 */
import {
  type Brand,
  type CrewView,
  formatCents,
  formatDuration,
  formatLocalDate,
  type Role,
} from '../domain';
import { brandTheme, faviconDataUrl, type GuestTheme, mapSearchUrl } from '../guest';

export interface CrewLinks {
  /** The crew page (magic link). */
  page?: string;
  /** This charter as an .ics file. */
  calendar?: string;
  /** The person's private calendar feed (all their charters). */
  feed?: string;
  /** The guests' page of this charter on its brand site. */
  guestPage?: string;
}

export interface BrandModel {
  name: string;
  tagline: string;
  domain: string;
  theme: GuestTheme;
  /** Inline icon: a page without one makes the browser fetch /favicon.ico and log a 404. */
  favicon: string;
}

export interface CrewModel {
  brand: BrandModel;
  title: string;
  dateLabel: string;
  timeLabel: string;
  durationLabel: string;
  boatName: string;
  meetingPoint: string;
  partySize: number | false;
  notes: string | false;
  cancelled: boolean;
  you: { firstName: string; roleLabel: string; roleWithArticle: string; rateLabel: string; payLabel: string };
  crew: { firstName: string; roleLabel: string }[];
  checklist: readonly string[];
  hasChecklist: boolean;
  links: CrewLinks;
  guestPageUrl: string | false;
  /** "On the day": when to be there, a map of the meeting point, and the captain's number. */
  onTheDay: {
    arrivalLabel: string;
    leadLabel: string;
    mapUrl: string;
    captain: { firstName: string; phone: string; telHref: string } | false;
  };
}

const ROLE_LABELS: Record<Role, string> = { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' };
const ROLE_WITH_ARTICLE: Record<Role, string> = {
  captain: 'the captain',
  crew: 'crew',
  hostess: 'the hostess',
};

export function brandModel(brand: Pick<Brand, 'brandName' | 'tagline' | 'domain' | 'colours'>): BrandModel {
  const theme = brandTheme(brand);
  return {
    name: brand.brandName,
    tagline: brand.tagline,
    domain: brand.domain,
    theme,
    favicon: faviconDataUrl(theme),
  };
}

export function presentCrewView(view: CrewView, brand: Brand, links: CrewLinks = {}): CrewModel {
  const start = new Date(view.startsAt);
  const end = new Date(view.endsAt);
  return {
    brand: brandModel(brand),
    title: view.title,
    dateLabel: formatLocalDate(start, view.timeZone),
    timeLabel: formatTimeRange(start, end, view.timeZone),
    durationLabel: formatDuration(view.durationMinutes),
    boatName: view.boatName,
    meetingPoint: view.meetingPoint,
    partySize: view.partySize > 0 ? view.partySize : false,
    notes: view.guestNotes.trim() ? view.guestNotes.trim() : false,
    cancelled: view.status === 'cancelled',
    you: {
      firstName: view.you.firstName,
      roleLabel: ROLE_LABELS[view.you.role],
      roleWithArticle: ROLE_WITH_ARTICLE[view.you.role],
      // A captain paid the captain fee sees what their pay is, not an hourly rate that is not added.
      rateLabel:
        view.you.payBasis === 'captain-fee' ? 'captain fee' : `${formatCents(view.you.hourlyRateCents)}/hour`,
      payLabel: formatCents(view.you.payCents),
    },
    crew: view.crew.map((c) => ({ firstName: c.firstName, roleLabel: ROLE_LABELS[c.role] })),
    checklist: view.checklist,
    hasChecklist: view.checklist.length > 0,
    links,
    guestPageUrl: links.guestPage ?? false,
    onTheDay: {
      arrivalLabel: formatClock(
        new Date(start.getTime() - brand.crewArrivalMinutesBefore * 60_000),
        view.timeZone,
      ),
      leadLabel: formatDuration(brand.crewArrivalMinutesBefore),
      mapUrl: mapSearchUrl(view.meetingPoint),
      captain: view.captainContact
        ? { ...view.captainContact, telHref: telHref(view.captainContact.phone) }
        : false,
    },
  };
}

/** "4:15 PM PST" in the charter's zone. */
export function formatClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** A `tel:` URI (RFC 3966) of a roster phone: digits and a leading +, the visual separators dropped. */
export function telHref(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/[^0-9]/g, '')}`;
}

/** "4:00 PM – 7:00 PM PST" in the charter's zone. */
export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  const plain = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const zoned = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return `${plain.format(start)} – ${zoned.format(end)}`;
}

/** "Saturday, December 5, 2026 at 4:00 PM PST": for sentences about what changed. */
export function formatWhen(instant: string, timeZone: string): string {
  const at = new Date(instant);
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
  return `${formatLocalDate(at, timeZone)} at ${time}`;
}
