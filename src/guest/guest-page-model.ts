/**
 * What a guest template may see: built from a GuestView, the brand and photo locations, nothing else. Every
 * field is plain text for mustache to escape; the only pre-escaped values are the embedded JSON (escaped
 * here for a script element), the CSS and the brand's own logo.
 *
 * Guest-facing: never accept a Booking here. If a template needs something new, add it to guestView first.
 */
import type { Brand, GuestView, Role } from '../domain';
import { formatDuration } from '../domain';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';
import { guestCalendarPath, guestPagePath, isPhotoOfBooking, photoPath } from './paths';
import type { GuestTheme } from './theme';
import type { ZonedFormats } from './zoned-format';

export interface GuestPageModel {
  readonly page: {
    readonly title: string;
    readonly ogTitle: string;
    readonly description: string;
    readonly url: string;
    readonly ogImage: string | undefined;
    readonly twitterCard: 'summary' | 'summary_large_image';
  };
  readonly brand: {
    readonly name: string;
    readonly tagline: string;
    readonly domain: string;
    readonly senderAddress: string;
    readonly logoSvg: string | undefined;
  };
  readonly theme: GuestTheme;
  readonly charter: {
    readonly title: string;
    readonly startsAt: string;
    readonly endsAt: string;
    readonly dateText: string;
    readonly shortDateText: string;
    readonly timeText: string;
    readonly durationText: string;
    readonly boatName: string;
    readonly partyText: string;
    readonly hostFirstName: string;
    readonly meetingPoint: string;
    readonly mapUrl: string;
    readonly statusLabel: string;
    readonly statusTone: 'confirmed' | 'booked' | 'done' | 'cancelled';
    /** The cancelled page ends without "Questions before you sail?": nobody is sailing. */
    readonly cancelled: boolean;
    readonly isCompleted: boolean;
    /** "4:45 PM": the brand's arrival lead (guestArrivalMinutesBefore) before departure. */
    readonly arrivalText: string;
    readonly arrivalLeadText: string;
  };
  /** The brand's day-of phone, when it has one. */
  readonly dayOf: { readonly phone: string; readonly telHref: string } | false;
  readonly crew: readonly { firstName: string; roleLabel: string; initial: string }[];
  readonly hasCrew: boolean;
  readonly whatToBring: readonly string[];
  readonly hasWhatToBring: boolean;
  readonly notes: readonly string[];
  readonly hasNotes: boolean;
  readonly photos: readonly { url: string; alt: string }[];
  readonly hasPhotos: boolean;
  readonly calendar: { readonly href: string; readonly google: string; readonly outlook: string };
}

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  captain: 'Captain',
  crew: 'Deckhand',
  hostess: 'Hostess',
};

const STATUS: Readonly<
  Record<GuestView['status'], { label: string; tone: GuestPageModel['charter']['statusTone'] }>
> = {
  // Said to the guest, not the office: "Booked"/"Confirmed" are ops states (issue #18).
  pending: { label: 'You’re booked', tone: 'booked' },
  confirmed: { label: 'All set: your crew is confirmed', tone: 'confirmed' },
  completed: { label: 'Thanks for sailing with us', tone: 'done' },
  cancelled: { label: 'Cancelled', tone: 'cancelled' },
};

const DESCRIPTION_MAX = 200;

export function guestPageModel(input: {
  view: GuestView;
  brand: Brand;
  theme: GuestTheme;
  logoSvg: string | undefined;
  siteUrl: string;
  formats: ZonedFormats;
  photos?: readonly string[];
}): GuestPageModel {
  const { view, brand, theme, siteUrl, formats } = input;
  const start = new Date(view.startsAt);
  const dateText = formats.longDate(start, view.timeZone);
  const shortDateText = formats.shortDate(start, view.timeZone);
  const timeText = formats.timeRange(start, new Date(view.endsAt), view.timeZone);
  const arrival = new Date(start.getTime() - brand.guestArrivalMinutesBefore * 60_000);
  const arrivalText = new Intl.DateTimeFormat('en-US', {
    timeZone: view.timeZone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(arrival);
  const photos = (input.photos ?? [])
    .map((location) => photoUrl(location, view.bookingId))
    .filter((url): url is string => url !== undefined);
  const status = STATUS[view.status];
  const url = `${siteUrl}${guestPagePath(view.slug)}`;
  const description = truncate(
    `${dateText}, ${timeText} aboard ${view.boatName}. Meet at ${view.meetingPoint}.`,
    DESCRIPTION_MAX,
  );
  const ogImage = photos[0] === undefined ? undefined : absolute(photos[0], siteUrl);
  return {
    page: {
      title: `${view.title} · ${shortDateText} · ${brand.brandName}`,
      ogTitle: `${view.title} · ${shortDateText}`,
      description,
      url,
      ogImage,
      twitterCard: ogImage ? 'summary_large_image' : 'summary',
    },
    brand: {
      name: brand.brandName,
      tagline: brand.tagline,
      domain: brand.domain,
      senderAddress: brand.senderAddress,
      logoSvg: input.logoSvg,
    },
    theme,
    charter: {
      title: view.title,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      dateText,
      shortDateText,
      timeText,
      durationText: formatDuration(view.durationMinutes),
      boatName: view.boatName,
      partyText: `Party of ${view.partySize}`,
      hostFirstName: view.hostFirstName,
      meetingPoint: view.meetingPoint,
      mapUrl: mapSearchUrl(view.meetingPoint),
      statusLabel: status.label,
      statusTone: status.tone,
      cancelled: status.tone === 'cancelled',
      isCompleted: view.status === 'completed',
      arrivalText,
      arrivalLeadText: formatDuration(brand.guestArrivalMinutesBefore),
    },
    dayOf: brand.dayOfPhone ? { phone: brand.dayOfPhone, telHref: telUri(brand.dayOfPhone) } : false,
    crew: view.crew.map((member) => ({
      firstName: member.firstName,
      roleLabel: ROLE_LABELS[member.role],
      initial: formats.firstGrapheme(member.firstName).toLocaleUpperCase('en-US'),
    })),
    hasCrew: view.crew.length > 0,
    whatToBring: brand.whatToBring,
    hasWhatToBring: brand.whatToBring.length > 0,
    notes: paragraphs(view.guestNotes),
    hasNotes: view.guestNotes.trim() !== '',
    photos: photos.map((src, i) => ({
      url: src,
      alt: `Photo ${i + 1} of ${photos.length} from ${view.title}`,
    })),
    hasPhotos: photos.length > 0,
    calendar: {
      href: guestCalendarPath(view.bookingId),
      ...webCalendarLinks(view, brand, url, arrivalText),
    },
  };
}

/** Google Calendar and Outlook.com links for the charter (calendar-links.ts), in UTC. */
function webCalendarLinks(
  view: GuestView,
  brand: Brand,
  pageUrl: string,
  arrivalText: string,
): { google: string; outlook: string } {
  const event = {
    title: `${view.title} aboard ${view.boatName}`,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    location: view.meetingPoint,
    details: [
      `Your charter aboard ${view.boatName} with ${brand.brandName}.`,
      `Meet at ${view.meetingPoint}; please arrive by ${arrivalText}.`,
      ...(brand.dayOfPhone ? [`On the day, call ${brand.dayOfPhone}.`] : []),
      `Charter page: ${pageUrl}`,
    ].join('\n'),
  };
  return { google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event) };
}

/** A `tel:` URI (RFC 3966): digits and a leading +. */
function telUri(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/[^0-9]/g, '')}`;
}

/** A maps search link that opens the app on phones and the web elsewhere. */
export function mapSearchUrl(place: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place)}`;
}

/** A bucket key under `photos/<bookingId>/` becomes a site path; an absolute https URL stays as it is. */
function photoUrl(location: string, bookingId: string): string | undefined {
  if (/^https:\/\//i.test(location)) return location;
  // Only this booking's own photos: a key from another prefix is a caller bug, not something to show.
  if (!isPhotoOfBooking(location, bookingId)) return undefined;
  return photoPath(location);
}

function absolute(pathOrUrl: string, siteUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${siteUrl}${pathOrUrl}`;
}

function paragraphs(text: string): string[] {
  return (
    text
      .replace(/\r\n?|\u2028/g, '\n')
      // A paragraph separator is a blank line, as a person typing would have written it.
      .replace(/\u2029/g, '\n\n')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
  );
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
