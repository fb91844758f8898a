/**
 * The one CloudFront invalidation: exactly the given paths on a brand's distribution, never `/*` (every path
 * beyond the free tier costs money, and a wildcard would flush other bookings' pages). The pipeline's
 * invalidation step and the guest publisher both call this.
 *
 * The caller fixes the CallerReference, so a repeat after a lost answer gets CloudFront's existing
 * invalidation back instead of a second one. Errors are thrown as the SDK threw them: whether one is worth
 * retrying is decided in one place, src/clients/failures.ts (describeFailure).
 */
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

/** Asks CloudFront to drop `paths`; returns the invalidation's id. */
export async function createInvalidation(
  cloudFront: CloudFrontClient,
  distributionId: string,
  paths: readonly string[],
  callerReference: string,
): Promise<string> {
  const reply = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: callerReference,
        Paths: { Quantity: paths.length, Items: [...paths] },
      },
    }),
  );
  const id = reply.Invalidation?.Id;
  if (!id) throw new Error('CloudFront answered without an invalidation id.');
  return id;
}
