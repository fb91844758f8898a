/**
 * Publishes a charter's guest site to its brand's bucket, then asks CloudFront to drop exactly the objects
 * that changed (never `/*`).
 *
 * Objects of one booking: `g/<slug>.html` and `g/<bookingId>.html` (the page, or the "cancelled" page),
 * `g/<bookingId>.ics` (add to calendar; stable across slug renames) and `g/<oldSlug>.html` for every slug the
 * booking had before (a redirect page).
 *
 * Safe to run twice. Each object carries metadata: the sha256 of what was written, the booking id, and a
 * publish id (a hash of the whole rendered set). An object whose content is already there is not uploaded
 * again; it is still invalidated when an earlier, interrupted attempt of this very publish wrote it. The
 * invalidation's CallerReference is `<bookingId>-r<revision>-<publish id>`, so a retry after a lost response
 * returns CloudFront's existing invalidation instead of creating a second one, and photos added at the same
 * revision still get their own invalidation. A redirect never overwrites a page another booking owns.
 *
 * Guest-facing: the booking is reduced to guestView on entry; nothing else of it reaches a template.
 */
import { createHash } from 'node:crypto';
import { type CloudFrontClient, CloudFrontServiceException } from '@aws-sdk/client-cloudfront';
import { HeadObjectCommand, PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ICS_CONTENT_TYPE } from '../calendar';
import { type Booking, type Brand, guestView } from '../domain';
import { UpstreamError } from '../errors';
import { type Logger, silentLogger } from '../logging';
import { describeFailure } from '../retry';
import { GUEST_EDGE } from './edge-config';
import { createInvalidation } from './invalidation';
import { guestCalendarKey, guestPageKey, invalidationPath } from './paths';
import { listGuestPhotos } from './photos';
import type { GuestRenderer } from './render-guest-page';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
/**
 * The CDN keeps a page five minutes (s-maxage; each publish invalidates exactly the changed paths), while
 * browsers revalidate every time (max-age=0): a guest who reopens the page after an edit sees the edit, not
 * their own five-minute-old copy.
 */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, must-revalidate';

const META = {
  hash: 'content-sha256',
  booking: 'booking-id',
  publish: 'publish-id',
  revision: 'revision',
} as const;

export interface GuestPublisherDeps {
  readonly s3: S3Client;
  /** Omit where no CDN sits in front of the bucket: objects are uploaded and nothing is invalidated. */
  readonly cloudFront?: CloudFrontClient;
  readonly renderer: GuestRenderer;
  readonly logger?: Logger;
  readonly cacheControl?: string;
}

export interface PublishGuestPageInput {
  readonly booking: Booking;
  readonly brand: Brand;
  /** Photo keys under `photos/<bookingId>/`; listed from the brand's bucket when omitted. */
  readonly photos?: readonly string[];
  /** Crew whose latest answer is a decline: left off the page (guestView's `declined`). */
  readonly declined?: readonly string[];
}

export interface TakeDownGuestPageInput {
  readonly booking: Booking;
  readonly brand: Brand;
}

export interface PublishResult {
  /** Every object key of this booking's guest site after this publish. */
  readonly keys: readonly string[];
  /** The invalidated paths: exactly the objects this publish changed (empty when nothing did). */
  readonly paths: readonly string[];
  readonly invalidationId: string | undefined;
  readonly callerReference: string | undefined;
  /** A hash of everything this publish rendered: equal input, equal id. */
  readonly publishId?: string;
}

export interface GuestPagePublisher {
  /** The charter page (or the cancelled page, for a cancelled booking), its .ics and its slug redirects. */
  publishGuestPage(input: PublishGuestPageInput): Promise<PublishResult>;
  /** Replaces the charter's pages with "this charter was cancelled", whatever the booking's status. */
  takeDownGuestPage(input: TakeDownGuestPageInput): Promise<PublishResult>;
  /**
   * The brand's `404.html`, which the distribution answers missing pages with (src/guest/edge-config.ts).
   * Written when it differs from what is there; true when it was written. The guest-page step checks it
   * after each publish, so a brand has it from its first charter on.
   */
  publishNotFoundPage(brand: Brand): Promise<boolean>;
}

interface Artifact {
  key: string;
  body: string;
  contentType: string;
  contentDisposition?: string;
  /** Redirects for old slugs yield to any other booking that owns the same key. */
  yieldsToOtherBooking: boolean;
}

export function createGuestPagePublisher(deps: GuestPublisherDeps): GuestPagePublisher {
  const logger = deps.logger ?? silentLogger;
  const cacheControl = deps.cacheControl ?? DEFAULT_CACHE_CONTROL;

  const render = (
    booking: Booking,
    brand: Brand,
    photos: readonly string[],
    cancelled: boolean,
    declined: readonly string[] = [],
  ): Artifact[] => {
    const view = guestView(cancelled ? { ...booking, status: 'cancelled' } : booking, { declined });
    const page = cancelled
      ? deps.renderer.renderCancelledPage({ view, brand })
      : deps.renderer.renderGuestPage({ view, brand, photos });
    const artifacts: Artifact[] = [
      {
        key: guestPageKey(view.slug),
        body: page,
        contentType: HTML_CONTENT_TYPE,
        yieldsToOtherBooking: false,
      },
      {
        key: guestPageKey(view.bookingId),
        body: page,
        contentType: HTML_CONTENT_TYPE,
        yieldsToOtherBooking: false,
      },
      {
        key: guestCalendarKey(view.bookingId),
        body: deps.renderer.renderGuestCalendar({ view, brand, updatedAt: booking.updatedAt }),
        contentType: ICS_CONTENT_TYPE,
        // Inline, so phones offer "add to calendar"; the name is what desktop browsers save it as.
        contentDisposition: `inline; filename="${view.slug}.ics"`,
        yieldsToOtherBooking: false,
      },
    ];
    const redirect = deps.renderer.renderRedirectPage({ view, brand });
    for (const oldSlug of new Set(booking.previousSlugs)) {
      if (oldSlug === view.slug || oldSlug === view.bookingId) continue;
      artifacts.push({
        key: guestPageKey(oldSlug),
        body: redirect,
        contentType: HTML_CONTENT_TYPE,
        yieldsToOtherBooking: true,
      });
    }
    return artifacts;
  };

  const publish = async (
    booking: Booking,
    brand: Brand,
    photos: readonly string[],
    cancelled: boolean,
    declined: readonly string[] = [],
  ) => {
    const artifacts = render(booking, brand, photos, cancelled, declined);
    const hashes = artifacts.map((a) =>
      sha256(`${a.contentType}\n${a.contentDisposition ?? ''}\n${cacheControl}\n${a.body}`),
    );
    const publishId = sha256(
      artifacts
        .map((a, i) => `${a.key}:${hashes[i]}`)
        .sort()
        .join('\n'),
    ).slice(0, 16);

    const outcomes = await Promise.all(
      artifacts.map(async (artifact, i) => {
        const hash = hashes[i] as string;
        const existing = await headObject(deps.s3, brand.bucket, artifact.key);
        if (existing && artifact.yieldsToOtherBooking && existing[META.booking] !== booking.id) {
          logger.warn('old slug now belongs to another booking; redirect not written', { key: artifact.key });
          return { key: artifact.key, written: false, changed: false };
        }
        if (existing?.[META.hash] === hash) {
          return { key: artifact.key, written: true, changed: existing[META.publish] === publishId };
        }
        await putObject(deps.s3, {
          Bucket: brand.bucket,
          Key: artifact.key,
          Body: artifact.body,
          ContentType: artifact.contentType,
          ContentDisposition: artifact.contentDisposition,
          CacheControl: cacheControl,
          Metadata: {
            [META.hash]: hash,
            [META.booking]: booking.id,
            [META.publish]: publishId,
            [META.revision]: String(booking.revision),
          },
        });
        return { key: artifact.key, written: true, changed: true };
      }),
    );

    const keys = outcomes.filter((o) => o.written).map((o) => o.key);
    const paths = outcomes.filter((o) => o.changed).map((o) => invalidationPath(o.key));
    if (paths.length === 0 || !deps.cloudFront) {
      return { keys, paths, invalidationId: undefined, callerReference: undefined, publishId };
    }
    const callerReference = `${booking.id}-r${booking.revision}-${publishId}`;
    const invalidationId = await invalidate(deps.cloudFront, brand.distributionId, paths, callerReference);
    logger.info('guest site published', { bookingId: booking.id, paths, invalidationId });
    return { keys, paths, invalidationId, callerReference, publishId };
  };

  const photosFor = async (booking: Booking, brand: Brand, given: readonly string[] | undefined) => {
    if (given) return given;
    try {
      return await listGuestPhotos(deps.s3, brand.bucket, booking.id);
    } catch (error) {
      throw s3Failure(`Listing the photos of ${booking.id} in ${brand.bucket} failed.`, error);
    }
  };

  const publishNotFoundPage = async (brand: Brand): Promise<boolean> => {
    const { errorPage } = GUEST_EDGE;
    const body = deps.renderer.renderNotFoundPage({ brand });
    // Cached only as long as the edge keeps an error answer, so the page is never staler than that.
    const cacheControl = `public, max-age=${errorPage.ttlSeconds}`;
    const hash = sha256(`${HTML_CONTENT_TYPE}\n${cacheControl}\n${body}`);
    const existing = await headObject(deps.s3, brand.bucket, errorPage.key);
    if (existing?.[META.hash] === hash) return false;
    await putObject(deps.s3, {
      Bucket: brand.bucket,
      Key: errorPage.key,
      Body: body,
      ContentType: HTML_CONTENT_TYPE,
      CacheControl: cacheControl,
      Metadata: { [META.hash]: hash },
    });
    logger.info('brand 404 page published', { domain: brand.domain });
    return true;
  };

  return {
    async publishGuestPage({ booking, brand, photos, declined }) {
      const cancelled = booking.status === 'cancelled';
      return publish(
        booking,
        brand,
        cancelled ? [] : await photosFor(booking, brand, photos),
        cancelled,
        declined,
      );
    },
    publishNotFoundPage,
    async takeDownGuestPage({ booking, brand }) {
      return publish(booking, brand, [], true);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The object's metadata, or undefined when it is not there (403 too: without ListBucket S3 says so). */
async function headObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<Record<string, string> | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.Metadata ?? {};
  } catch (error) {
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status === 404 || status === 403) return undefined;
    throw s3Failure(`Reading ${key} in ${bucket} failed.`, error);
  }
}

async function putObject(s3: S3Client, input: ConstructorParameters<typeof PutObjectCommand>[0]) {
  try {
    await s3.send(new PutObjectCommand(input));
  } catch (error) {
    throw s3Failure(`Uploading ${input.Key} to ${input.Bucket} failed.`, error);
  }
}

function s3Failure(message: string, error: unknown): UpstreamError {
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  return new UpstreamError('s3', message, isTransient(error, 'S3'), { cause: error, status });
}

async function invalidate(
  cloudFront: CloudFrontClient,
  distributionId: string,
  paths: readonly string[],
  callerReference: string,
): Promise<string> {
  try {
    return await createInvalidation(cloudFront, distributionId, paths, callerReference);
  } catch (error) {
    const status = error instanceof CloudFrontServiceException ? error.$metadata.httpStatusCode : undefined;
    const name = error instanceof Error ? error.name : '';
    const message =
      name === 'NoSuchDistribution'
        ? `CloudFront distribution ${distributionId} does not exist; check BRAND_SITES.`
        : `Invalidating ${paths.length} path(s) on CloudFront distribution ${distributionId} failed (${name || 'error'}).`;
    throw new UpstreamError('cloudfront', message, isTransient(error, 'CloudFront'), {
      cause: error,
      status,
    });
  }
}

/** Worth retrying? The pipeline's one answer (src/clients/failures.ts), not a list of our own. */
function isTransient(error: unknown, service: string): boolean {
  return describeFailure(error, service).kind === 'transient';
}
