/**
 * Finding and creating charters the way the Slack app needs: a slug as people type it, and a create that
 * happens once per business key (Slack can resend a submission with new ids). Store calls only.
 */
import { createHash } from 'node:crypto';
import type { Booking, ValidBookingInput } from '../domain';
import { type NewBooking, newBookingId } from '../store';
import type { SlackDeps } from './deps';

/** "`Sunset-Sail-Smith-2026-12-05`", a pasted guest page URL, or a bare slug → the slug. */
export function parseSlugArgument(text: string | undefined): string | undefined {
  let raw = (text ?? '').trim().replace(/^[`<"']+|[`>"']+$/g, '');
  if (!raw) return undefined;
  const pipe = raw.indexOf('|');
  if (pipe !== -1) raw = raw.slice(0, pipe);
  if (/^https?:\/\//i.test(raw)) {
    try {
      raw = new URL(raw).pathname.split('/').filter(Boolean).pop() ?? '';
    } catch {
      return undefined;
    }
  }
  const slug = raw.toLowerCase().replace(/\.html$/, '');
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : undefined;
}

/** The charter with this slug on any brand; the brands are asked at once rather than one after another. */
export async function findCharter(deps: SlackDeps, slug: string): Promise<Booking | undefined> {
  const found = await Promise.all(
    deps.brands.domains.map((domain) => deps.store.getBookingBySlug(domain, slug)),
  );
  return found.find((booking) => booking !== undefined);
}

/**
 * The same charter, as a person would judge it: one brand, boat, day, departure and guest. Two submissions
 * with this key are one booking however Slack delivered them.
 */
export function businessKey(input: ValidBookingInput): string {
  const parts = [
    input.domain,
    input.boatId,
    input.schedule.date,
    input.schedule.startTime,
    input.guest.email.toLowerCase(),
  ];
  return `slack-booking:${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)}`;
}

export interface CreateOnceResult {
  booking: Booking;
  /** True when an earlier submission already created it (nothing new was written). */
  existed: boolean;
}

/**
 * Creates the booking unless one with the same business key exists. A cancelled charter does not block
 * re-booking the same slot: the key then moves on to "after <cancelled id>", which every racing
 * submission computes alike, so even the re-booking happens once.
 */
export async function createBookingOnce(
  deps: SlackDeps,
  request: Omit<NewBooking, 'idempotencyKey' | 'id'>,
): Promise<CreateOnceResult> {
  const base = businessKey(request.input);
  let key = base;
  for (let attempt = 0; attempt < 10; attempt++) {
    const id = newBookingId();
    const booking = await deps.store.createBooking({ ...request, id, idempotencyKey: key });
    if (booking.id === id) return { booking, existed: false };
    if (booking.status !== 'cancelled') return { booking, existed: true };
    key = `${base}:after:${booking.id}`;
  }
  throw new Error('Too many cancelled charters share this business key.');
}
