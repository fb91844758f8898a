/**
 * What the services need to know about each brand's deployed resources, handed over from the data stack.
 *
 * Must never carry brand content (names, colours): that stays in templates/<domain>/brand.json.
 */
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';

/** Guest pages and their calendars live under g/ of a brand bucket (see src/guest/paths.ts). */
export const GUEST_PAGES_PREFIX = 'g/';
/** Crew photos live under photos/<bookingId>/ of a brand bucket. */
export const PHOTOS_PREFIX = 'photos/';

export interface BrandSite {
  readonly domain: string;
  readonly bucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
}

export interface BrandSender {
  readonly domain: string;
  readonly identity: ses.IEmailIdentity;
}

/** BRAND_SITES as src/config/brands.ts reads it: {"<domain>": {"bucket": "...", "distributionId": "..."}}. */
export function brandSitesValue(
  sites: readonly BrandSite[],
): Record<string, { bucket: string; distributionId: string }> {
  return Object.fromEntries(
    sites.map((site) => [
      site.domain,
      { bucket: site.bucket.bucketName, distributionId: site.distribution.distributionId },
    ]),
  );
}
