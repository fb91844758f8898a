/**
 * Renders one guest email (confirmation, change notice, cancellation, the day before, photos are ready) in
 * the brand's look: a subject, an accessible HTML part and a plain-text part, from the brand's guest
 * templates (`guest-email.html` / `guest-email.txt` in templates/_shared, overridable per brand folder).
 *
 * Guest-facing: takes a GuestView (and facts built from GuestViews), never a booking, so no price, cost,
 * crew pay, internal note or email address can reach a guest. No images at all (so no remote image and no
 * tracking pixel); every link goes to the brand's own site, a map search, or the unsubscribe endpoint.
 */
import Mustache from 'mustache';
import {
  type Brand,
  formatLocalDate,
  type GuestFactChange,
  type GuestFacts,
  type GuestMailKind,
  type GuestView,
  type Role,
} from '../domain';
import { ConfigError } from '../errors';
import type { GuestTemplates } from '../guest';
import { brandModel, formatTimeRange } from './crew-presenter';
import { escapeHtml, type RenderedEmail } from './crew-templates';

export interface GuestEmailLinks {
  /** The charter's guest page on the brand's site. */
  page: string;
  /** One-click unsubscribe (the List-Unsubscribe URL); the footer links to its confirmation page. */
  unsubscribe: string;
}

export interface GuestEmailInput {
  kind: GuestMailKind;
  view: GuestView;
  brand: Brand;
  links: GuestEmailLinks;
  /** A change notice: what moved, from what the guest was told before. */
  changes?: readonly GuestFactChange[];
}

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  captain: 'Captain',
  crew: 'Deckhand',
  hostess: 'Hostess',
};

const FACT_LABEL: Readonly<Record<GuestFactChange['what'], string>> = {
  when: 'When',
  boat: 'Boat',
  'meeting point': 'Meeting point',
};

export function renderGuestEmail(templates: GuestTemplates, input: GuestEmailInput): RenderedEmail {
  const { kind, view, brand, links } = input;
  const html = templates.partials['guest-email.html'];
  const text = templates.partials['guest-email.txt'];
  if (html === undefined || text === undefined) {
    throw new ConfigError('Guest email templates guest-email.html/.txt.mustache are missing.');
  }
  const start = new Date(view.startsAt);
  const when = whenLabel(view);
  const captain = view.crew.find((c) => c.role === 'captain');
  const changes = (input.changes ?? []).map((c) => ({
    label: FACT_LABEL[c.what],
    from: factWords(c.what, c.before),
    to: factWords(c.what, c.after),
  }));
  const subject = subjectOf(kind, view.title, formatLocalDate(start, view.timeZone));
  const model = {
    lang: 'en',
    subject,
    preheader: preheaderOf(kind, view, when),
    brand: brandModel(brand),
    siteUrl: new URL(links.page).origin,
    firstName: view.hostFirstName,
    title: view.title,
    when,
    dateLabel: formatLocalDate(start, view.timeZone),
    timeLabel: formatTimeRange(start, new Date(view.endsAt), view.timeZone),
    boatName: view.boatName,
    meetingPoint: view.meetingPoint,
    mapUrl: mapUrl(view.meetingPoint),
    partySize: view.partySize,
    captainName: captain?.firstName ?? false,
    crewLine: view.crew.map((c) => `${c.firstName} (${ROLE_LABELS[c.role]})`).join(', '),
    hasCrew: view.crew.length > 0,
    whatToBring: brand.whatToBring,
    hasWhatToBring: brand.whatToBring.length > 0 && kind !== 'cancellation' && kind !== 'photos',
    notes: view.guestNotes.trim() || false,
    changes,
    hasChanges: changes.length > 0,
    showDetails: kind !== 'cancellation' && kind !== 'photos',
    hasCalendar: kind === 'confirmation' || kind === 'change' || kind === 'cancellation',
    links: { ...links, gallery: `${links.page}#photos-heading` },
    button: BUTTON[kind],
    buttonUrl: kind === 'photos' ? `${links.page}#photos-heading` : links.page,
    [kind.replace('-', '')]: true,
  };
  return {
    subject,
    html: Mustache.render(html, model, templates.partials, { escape: escapeHtml }),
    text: tidyText(Mustache.render(text, model, templates.partials, { escape: (v: string) => v })),
  };
}

const BUTTON: Readonly<Record<GuestMailKind, string>> = {
  confirmation: 'Open your charter page',
  change: 'See the updated details',
  cancellation: 'Open your charter page',
  'day-before': 'Open your charter page',
  photos: 'See the photos',
};

function subjectOf(kind: GuestMailKind, title: string, date: string): string {
  switch (kind) {
    case 'confirmation':
      return `You’re booked: ${title}, ${date}`;
    case 'change':
      return `Changed: ${title}, ${date}`;
    case 'cancellation':
      return `Cancelled: ${title}, ${date}`;
    case 'day-before':
      return `Tomorrow: ${title}`;
    case 'photos':
      return `Your photos from ${title}`;
  }
}

function preheaderOf(kind: GuestMailKind, view: GuestView, when: string): string {
  switch (kind) {
    case 'confirmation':
      return `${when} aboard ${view.boatName}. Meet at ${view.meetingPoint}.`;
    case 'change':
      return 'Your charter details changed. Here is what is new.';
    case 'cancellation':
      return 'Your charter has been cancelled.';
    case 'day-before':
      return `See you tomorrow at ${view.meetingPoint}.`;
    case 'photos':
      return 'The crew shared photos from your charter.';
  }
}

/** "Saturday, December 5, 2026, 4:00 PM – 7:00 PM PST": in the charter's own zone. */
function whenLabel(facts: Pick<GuestFacts, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const start = new Date(facts.startsAt);
  return `${formatLocalDate(start, facts.timeZone)}, ${formatTimeRange(start, new Date(facts.endsAt), facts.timeZone)}`;
}

function factWords(what: GuestFactChange['what'], facts: GuestFacts): string {
  if (what === 'when') return whenLabel(facts);
  return what === 'boat' ? facts.boatName : facts.meetingPoint;
}

/** A map search for the meeting point: works in every mail client and on every phone. */
export function mapUrl(place: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place)}`;
}

function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
