/**
 * Step 4: a CloudFront invalidation of exactly the paths step 3 changed, on the brand's distribution.
 * Never `/*`: every invalidation path costs money beyond the free tier, and a wildcard would flush other
 * bookings' pages.
 *
 * Safe to repeat because the CallerReference is fixed by the booking id, the revision and the paths:
 * CloudFront answers a repeated request with the invalidation it already made instead of making another.
 */
import { createHash } from 'node:crypto';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { BrandDirectory } from '../../config/brands';
import { createInvalidation } from '../../guest/invalidation';
import type { GuestPageResult } from './guest-page';
import type { PipelineStep } from './step';

export const CLOUDFRONT_SERVICE = 'CloudFront';

export interface InvalidationResult {
  invalidationId?: string;
  distributionId?: string;
  callerReference?: string;
  paths?: string[];
  /** The guest-page publish this refreshed; another publish at the same revision makes this step stale. */
  publishId?: string;
  [key: string]: unknown;
}

export function invalidationStep(deps: {
  cloudFront: CloudFrontClient;
  brands: BrandDirectory;
}): PipelineStep {
  return {
    name: 'invalidation',
    service: CLOUDFRONT_SERVICE,
    dependsOn: ['guest-page'],
    // The guest page was published again at this revision (a crew decline): refresh what that changed.
    async isStale(booking, record, records) {
      const page = records.get('guest-page');
      if (page?.revision !== booking.revision || page.status !== 'succeeded') return false;
      const published = (page.result as GuestPageResult).publishId;
      return published !== undefined && published !== (record.result as InvalidationResult).publishId;
    },
    async run({ booking, records }) {
      const published = (records.get('guest-page')?.result ?? {}) as GuestPageResult;
      const paths = [...(published.paths ?? [])].sort();
      const publishId = published.publishId;
      // Nothing changed on the site (the same content was already there): nothing to refresh.
      if (paths.length === 0)
        return { paths, ...(publishId ? { publishId } : {}) } satisfies InvalidationResult;
      const { distributionId } = deps.brands.get(booking.domain);
      const callerReference = invalidationReference(booking.id, booking.revision, paths, publishId);
      const invalidationId = await createInvalidation(
        deps.cloudFront,
        distributionId,
        paths,
        callerReference,
      );
      return {
        invalidationId,
        distributionId,
        callerReference,
        paths,
        ...(publishId ? { publishId } : {}),
      } satisfies InvalidationResult;
    },
  };
}

/**
 * `<bookingId>-r<revision>-<digest of the paths>`: one invalidation per booking revision and set of paths.
 * The digest keeps a republish at the same revision with other paths from colliding with the first; with
 * the guest page's publish id in it, so does a republish of the same paths with new content (a decline).
 */
export function invalidationReference(
  bookingId: string,
  revision: number,
  paths: readonly string[],
  publishId?: string,
): string {
  const digest = createHash('sha256')
    .update([...paths].sort().join('\n') + (publishId ? `\n${publishId}` : ''))
    .digest('hex')
    .slice(0, 12);
  return `${bookingId}-r${revision}-${digest}`;
}
