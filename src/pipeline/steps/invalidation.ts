/**
 * Step 4: a CloudFront invalidation of exactly the paths step 3 changed, on the brand's distribution.
 * Never `/*`: every invalidation path costs money beyond the free tier, and a wildcard would flush other
 * bookings' pages.
 *
 * Safe to repeat because the CallerReference is fixed by the booking id, the revision and the paths:
 * CloudFront answers a repeated request with the invalidation it already made instead of making another.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { BrandDirectory } from '../../config';
import { createInvalidation, invalidationReference } from '../../guest';
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
  /** The drift audit's repair of the guest page this refreshed (GuestPageResult.repair). */
  repair?: string;
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
      const published = page.result as GuestPageResult;
      const refreshed = record.result as InvalidationResult;
      // A repair republishes the same content (same publish id): the edge still needs refreshing.
      if (published.repair !== undefined && published.repair !== refreshed.repair) return true;
      return published.publishId !== undefined && published.publishId !== refreshed.publishId;
    },
    async run({ booking, records }) {
      const published = (records.get('guest-page')?.result ?? {}) as GuestPageResult;
      const paths = [...(published.paths ?? [])].sort();
      const publishId = published.publishId;
      const repair = published.repair;
      const marks = { ...(publishId ? { publishId } : {}), ...(repair ? { repair } : {}) };
      // Nothing changed on the site (the same content was already there): nothing to refresh.
      if (paths.length === 0) return { paths, ...marks } satisfies InvalidationResult;
      const { distributionId } = deps.brands.get(booking.domain);
      const callerReference = invalidationReference(booking.id, booking.revision, paths, publishId, repair);
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
        ...marks,
      } satisfies InvalidationResult;
    },
  };
}

/** Where the reference is made (one owner with the invalidation itself); re-exported for the step's callers. */
export { invalidationReference };
