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
import type { BrandDirectory } from '../../config/brands';
import type { GuestPagePublisher } from '../../guest/publish';
import type { PipelineStep } from './step';

export const S3_SERVICE = 'Amazon S3';

export interface GuestPageResult {
  /** Every object of the booking's guest site. */
  keys?: string[];
  /** URL paths this publish changed: what step 4 invalidates. */
  paths?: string[];
  bucket?: string;
  cancelled?: boolean;
  [key: string]: unknown;
}

export function guestPageStep(deps: { publisher: GuestPagePublisher; brands: BrandDirectory }): PipelineStep {
  return {
    name: 'guest-page',
    service: S3_SERVICE,
    dependsOn: [],
    async run({ booking }) {
      const brand = deps.brands.get(booking.domain);
      const published = await deps.publisher.publishGuestPage({ booking, brand });
      // The page the distribution answers missing addresses with; a no-op once it is current.
      await deps.publisher.publishNotFoundPage(brand);
      return {
        keys: [...published.keys],
        paths: [...published.paths],
        bucket: brand.bucket,
        cancelled: booking.status === 'cancelled',
      } satisfies GuestPageResult;
    },
  };
}
