/**
 * The one CloudFront invalidation: exactly the given paths on a brand's distribution, never `/*` (every path
 * beyond the free tier costs money, and a wildcard would flush other bookings' pages). The pipeline's
 * invalidation step and the guest publisher both call this.
 *
 * The caller fixes the CallerReference (`invalidationReference` for the pipeline's step), so a repeat after a
 * lost answer gets CloudFront's existing invalidation back instead of a second one. Errors are thrown as the SDK threw them: whether one is worth
 * retrying is decided in one place, src/clients/failures.ts (describeFailure).
 */
import { createHash } from 'node:crypto';
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

/**
 * `<bookingId>-r<revision>-<digest>`: one invalidation per booking revision and set of paths. The digest keeps a
 * republish at the same revision with other paths from colliding with the first; with the guest page's
 * publish id in it, so does a republish of the same paths with new content (a decline); with the repair
 * marker in it, so does the drift audit's republish of the very same content (an object deleted from S3 is
 * put back byte for byte, but the edge may still hold its 404: it needs an invalidation of its own, which
 * CloudFront would not make for a CallerReference it has seen).
 */
export function invalidationReference(
  bookingId: string,
  revision: number,
  paths: readonly string[],
  publishId?: string,
  repair?: string,
): string {
  const digest = createHash('sha256')
    .update(
      [...paths].sort().join('\n') +
        (publishId ? `\n${publishId}` : '') +
        (repair ? `\nrepair ${repair}` : ''),
    )
    .digest('hex')
    .slice(0, 12);
  return `${bookingId}-r${revision}-${digest}`;
}
