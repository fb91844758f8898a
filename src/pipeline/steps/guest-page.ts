/**
 * Step 3: the guest page on the brand's S3 bucket: `g/<slug>.html` and `g/<bookingId>.html` (for a cancelled
 * booking, a "this charter was cancelled" page), the charter's .ics and redirects from earlier slugs.
 *
 * Safe to repeat because S3 puts are by key and the publisher skips objects whose content is already there.
 * It does not invalidate the CDN: that is step 4, with its own record, so a crash between the upload and
 * the invalidation redoes only the invalidation. The paths it changed are recorded for step 4.
 *
 * Guest-facing: the publisher reduces the booking to guestView before anything is rendered.
 */
import type { BrandDirectory } from '../../config';
import { type Booking, declinedCrew } from '../../domain';
import type { GuestPagePublisher } from '../../guest';
import type { DynamoBookingStore } from '../../store';
import type { PipelineStep } from './step';

export const S3_SERVICE = 'Amazon S3';

export interface GuestPageResult {
  /** Every object of the booking's guest site. */
  keys?: string[];
  /** URL paths this publish changed: what step 4 invalidates. */
  paths?: string[];
  bucket?: string;
  cancelled?: boolean;
  /** Crew left off the page because their latest answer is a decline (sorted ids). */
  declined?: string[];
  /** What step 4 invalidates for: a republish at the same revision gets its own invalidation. */
  publishId?: string;
  /**
   * Set when this run was the drift audit's redo (its time): the same content put back still needs the edge
   * refreshed (a deleted page's 404 may be cached there), so step 4 invalidates again for it.
   */
  repair?: string;
  [key: string]: unknown;
}

export function guestPageStep(deps: {
  publisher: GuestPagePublisher;
  brands: BrandDirectory;
  /** Crew answers; without it every assigned person is listed. */
  answers?: Pick<DynamoBookingStore, 'listConfirmations'>;
}): PipelineStep {
  /** Crew on the booking whose latest answer is a decline. */
  const declinedOf = async (booking: Booking): Promise<string[]> => {
    if (!deps.answers || booking.status === 'cancelled') return [];
    return declinedCrew(booking.crew, await deps.answers.listConfirmations(booking.id));
  };
  return {
    name: 'guest-page',
    service: S3_SERVICE,
    dependsOn: [],
    // A crew answer is no new revision: a decline (or a change of mind) republishes the page at this one.
    async isStale(booking, record) {
      if (!deps.answers || booking.status === 'cancelled') return false;
      const shown = (record.result as GuestPageResult).declined ?? [];
      const now = await declinedOf(booking);
      return now.join(',') !== shown.join(',');
    },
    async run({ booking, previous }) {
      const brand = deps.brands.get(booking.domain);
      const repair = previous?.revision === booking.revision ? previous.redo?.at : undefined;
      const declined = await declinedOf(booking);
      const published = await deps.publisher.publishGuestPage({ booking, brand, declined });
      // The page the distribution answers missing addresses with; a no-op once it is current.
      await deps.publisher.publishNotFoundPage(brand);
      return {
        keys: [...published.keys],
        paths: [...published.paths],
        bucket: brand.bucket,
        cancelled: booking.status === 'cancelled',
        declined,
        ...(published.publishId ? { publishId: published.publishId } : {}),
        ...(repair ? { repair } : {}),
      } satisfies GuestPageResult;
    },
  };
}
