/**
 * Which emails a guest is owed, decided from the guest's own view of the charter: the confirmation when it
 * is booked, one change notice per revision that moved what a guest acts on (when, boat, meeting point),
 * the cancellation, the day before, and the photos once the captain completed it and photos exist.
 *
 * Pure and guest-facing: it reads only a GuestView (and facts it produced earlier), never a booking, so no
 * price, cost or internal note can reach a guest email through it. Each owed email has a key: the sender
 * sends it at most once per (booking, kind, key).
 */
import type { GuestView } from './projections';

export const GUEST_MAIL_KINDS = ['confirmation', 'change', 'cancellation', 'day-before', 'photos'] as const;
export type GuestMailKind = (typeof GUEST_MAIL_KINDS)[number];

/** The words ops and the guest's status line use for each kind ("Guest emailed: change notice"). */
export const GUEST_MAIL_LABEL: Readonly<Record<GuestMailKind, string>> = {
  confirmation: 'confirmation',
  change: 'change notice',
  cancellation: 'cancellation',
  'day-before': 'day-before reminder',
  photos: 'photos are ready',
};

/** What a guest was last told: the facts a change notice compares against. */
export interface GuestFacts {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  boatName: string;
  meetingPoint: string;
}

export type GuestFactName = 'when' | 'boat' | 'meeting point';

export interface GuestFactChange {
  what: GuestFactName;
  /** The earlier and the new facts; the renderer words them (time in the charter's zone). */
  before: GuestFacts;
  after: GuestFacts;
}

export function guestFactsOf(view: GuestView): GuestFacts {
  return {
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    timeZone: view.timeZone,
    boatName: view.boatName,
    meetingPoint: view.meetingPoint,
  };
}

/** What changed between two sets of facts, in the order a guest reads them. Empty: nothing worth a mail. */
export function guestFactChanges(before: GuestFacts, after: GuestFacts): GuestFactChange[] {
  const changes: GuestFactChange[] = [];
  if (
    before.startsAt !== after.startsAt ||
    before.endsAt !== after.endsAt ||
    before.timeZone !== after.timeZone
  ) {
    changes.push({ what: 'when', before, after });
  }
  if (before.boatName !== after.boatName) changes.push({ what: 'boat', before, after });
  if (before.meetingPoint !== after.meetingPoint) changes.push({ what: 'meeting point', before, after });
  return changes;
}

export interface OwedGuestMail {
  kind: GuestMailKind;
  /** Once-only key within the booking and kind. */
  key: string;
  /** For a change notice: what the guest was told before. */
  told?: GuestFacts;
}

export interface GuestMailSoFar {
  /** The facts of the last confirmation or change notice sent; undefined: never confirmed. */
  told?: GuestFacts | undefined;
  /** Whether the cancellation already went out. */
  cancelled?: boolean;
  /** Whether the photos mail already went out. */
  photos?: boolean;
}

/**
 * The emails owed now by a charter in this state, given what was sent so far. The day-before reminder is
 * the timer's (see dayBeforeKey), not the pipeline's.
 */
export function owedGuestMail(
  view: GuestView,
  sofar: GuestMailSoFar,
  options: { photoCount: number },
): OwedGuestMail[] {
  const { told } = sofar;
  if (view.status === 'cancelled') {
    // Only a guest who was told about the charter is told it is off.
    return told && !sofar.cancelled ? [{ kind: 'cancellation', key: 'cancellation' }] : [];
  }
  if (!told) return [{ kind: 'confirmation', key: 'confirmation' }];
  const owed: OwedGuestMail[] = [];
  if (view.status !== 'completed' && guestFactChanges(told, guestFactsOf(view)).length > 0) {
    owed.push({ kind: 'change', key: `change-r${view.revision}`, told });
  }
  if (view.status === 'completed' && options.photoCount > 0 && !sofar.photos) {
    owed.push({ kind: 'photos', key: 'photos' });
  }
  return owed;
}

/** The day-before reminder's key: the charter's start, so a charter that moves gets a fresh reminder. */
export function dayBeforeKey(view: Pick<GuestView, 'startsAt'>): string {
  return `day-before-${view.startsAt.replace(/[^0-9TZ]/g, '')}`;
}
