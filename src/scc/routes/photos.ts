/**
 * Photo uploads from the crew page:
 *
 *   POST /g/presign   a presigned S3 POST for one photo (crew token in the body or as a Bearer token)
 *
 * Raster images only, at most the configured size, under the booking's own prefix (../photo-presign.ts);
 * rate limited per link.
 */
import { ForbiddenError } from '../../errors';
import { json, parseJsonBody, type Router } from '../../http';
import { PhotoTooLargeError, PresignRequestSchema, presignPhotoUpload } from '../photo-presign';
import { enforceRateLimit } from '../rate-limit';
import type { SccRouteContext } from './context';

const PRESIGN_BODY_LIMIT = 4 * 1024;

export function registerPhotoRoutes(router: Router, ctx: SccRouteContext): void {
  const { access, now, rateLimits } = ctx;
  const { settings, events, logger, s3 } = ctx.deps;
  router.on('POST', '/g/presign', async (request) => {
    const body = parseJsonBody(request, PresignRequestSchema, PRESIGN_BODY_LIMIT);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = body.token ?? bearer;
    if (!token) throw new ForbiddenError('A crew link is required to upload photos.');
    const crew = await access(token);
    if (body.bookingId !== undefined && body.bookingId !== crew.event.bookingId) {
      throw new ForbiddenError('This link is for another charter.');
    }
    if (body.size !== undefined && body.size > settings.photoMaxBytes)
      throw new PhotoTooLargeError(settings.photoMaxBytes);
    await enforceRateLimit(
      events,
      { eventId: crew.event.id, token, purpose: 'presign' },
      rateLimits.presign,
      now(),
    );
    const grant = await presignPhotoUpload(s3, {
      bucket: crew.brand.bucket,
      bookingId: crew.event.bookingId,
      crewId: crew.assignment.crewId,
      contentType: body.contentType,
      maxBytes: settings.photoMaxBytes,
      now: now(),
    });
    logger.info('photo upload presigned', {
      eventId: crew.event.id,
      crewId: crew.assignment.crewId,
      key: grant.key,
    });
    return json(200, grant);
  });
}
