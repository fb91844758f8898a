/**
 * The URLs SCC hands out: a crew member's page (magic link), that charter's .ics, their private calendar
 * feed, and the photo presign endpoint. Tokens are made here and nowhere else.
 * Must never log what it makes: every URL here is a credential.
 */
import { guestPageUrl } from '../guest';
import type { SccEvent } from './contract';
import type { CrewLinks } from './crew-presenter';
import type { SccAssignmentState } from './event-schema';
import { crewLinkExpiry, signCrewLink, signFeedToken } from './magic-link';

export interface CrewLinkSettings {
  publicBaseUrl: string;
  secret: string;
  ttlHoursAfterEnd: number;
  guestSiteUrl: (domain: string) => string;
}

export function crewPageToken(
  event: SccEvent,
  state: SccAssignmentState,
  settings: CrewLinkSettings,
): string {
  return signCrewLink(
    {
      eventId: event.id,
      crewId: state.crewId,
      version: state.version,
      expiresAt: crewLinkExpiry(event.schedule.endsAt, settings.ttlHoursAfterEnd),
    },
    settings.secret,
  );
}

export function crewPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/crew/${token}`;
}

export function charterIcsUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/crew/${token}/charter.ics`;
}

export function feedUrl(baseUrl: string, crewId: string, feedVersion: number, secret: string): string {
  const token = signFeedToken({ crewId, version: feedVersion }, secret);
  return `${baseUrl}/crew/${encodeURIComponent(crewId)}/calendar.ics?token=${token}`;
}

export function presignUrl(baseUrl: string): string {
  return `${baseUrl}/g/presign`;
}

/** Every link a crew email or page shows for one assignment version. */
export function crewLinksFor(
  event: SccEvent,
  state: SccAssignmentState,
  feedVersion: number,
  settings: CrewLinkSettings,
): CrewLinks & { token: string } {
  const token = crewPageToken(event, state, settings);
  return {
    token,
    page: crewPageUrl(settings.publicBaseUrl, token),
    calendar: charterIcsUrl(settings.publicBaseUrl, token),
    feed: feedUrl(settings.publicBaseUrl, state.crewId, feedVersion, settings.secret),
    // Until the pipeline has published it under its slug, there is no guests' page to link to.
    ...(event.slug && event.slug !== event.bookingId
      ? { guestPage: guestPageUrl(settings.guestSiteUrl(event.domain), event.slug) }
      : {}),
  };
}
