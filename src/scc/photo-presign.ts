/**
 * Photo uploads from the crew page: a presigned S3 POST for the brand's bucket that can only ever store one
 * raster image, of at most PHOTO_MAX_BYTES, under photos/<bookingId>/ with a name the server chose. Nothing
 * the client sends reaches the key; the policy's conditions are what S3 enforces.
 *
 * Must never grant a type a browser runs or renders as a document (SVG, HTML, XML): photos are served from
 * the brand's own origin, so a script in one would run there. The Content-Type is fixed in the policy to one
 * of RASTER_IMAGE_TYPES (an `eq` condition, not a prefix), and the key's extension follows from it.
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { z } from 'zod';
import { AppError, ErrorCode, ValidationError } from '../errors';

export const PRESIGN_EXPIRES_SECONDS = 600;

/**
 * The only content types a photo may be stored with, and the extension the server gives each. Raster formats
 * only: none of them can carry script a browser runs. (`image/jpg` is what some phones send for JPEG.)
 */
export const RASTER_IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
};

export const PresignRequestSchema = z.strictObject(
  {
    /** The crew link token, when not sent as `Authorization: Bearer`. */
    token: z.string().min(1).max(1024).optional(),
    contentType: z
      .string({ error: 'contentType is required, e.g. image/jpeg.' })
      .trim()
      .toLowerCase()
      .refine((type) => Object.hasOwn(RASTER_IMAGE_TYPES, type), {
        error: 'Only photos can be uploaded (JPEG, PNG, WebP, HEIC, AVIF or GIF).',
      }),
    /** The file's size, so an oversized photo is refused before it is sent. */
    size: z.number().int().positive().optional(),
    /** The charter the page is about; must be the link's own. */
    bookingId: z.string().max(64).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field ${issue.keys.join(', ')}: the server picks where a photo is stored.`
        : undefined,
  },
);
export type PresignRequest = z.output<typeof PresignRequestSchema>;

export interface PhotoGrant {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
}

/** The photo is larger than allowed: 413 with the limit in words. */
export class PhotoTooLargeError extends AppError {
  override readonly name = 'PhotoTooLargeError';
  constructor(maxBytes: number) {
    super(
      ErrorCode.PayloadTooLarge,
      413,
      `Photos can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB each.`,
    );
  }
}

export function photoPrefix(bookingId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(bookingId)) {
    throw new ValidationError([{ field: 'bookingId', message: 'Not a booking id.' }]);
  }
  return `photos/${bookingId}/`;
}

/** `photos/<bookingId>/20261205T233000Z-ana-ruiz-1f2e3d4c.jpg`: sortable, attributable, unguessable. */
export function photoKey(bookingId: string, crewId: string, contentType: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const extension = RASTER_IMAGE_TYPES[contentType];
  if (!extension) {
    throw new ValidationError([{ field: 'contentType', message: 'Only photos can be uploaded.' }]);
  }
  return `${photoPrefix(bookingId)}${stamp}-${crewId}-${randomBytes(4).toString('hex')}.${extension}`;
}

export async function presignPhotoUpload(
  s3: S3Client,
  request: {
    bucket: string;
    bookingId: string;
    crewId: string;
    contentType: string;
    maxBytes: number;
    now: Date;
  },
): Promise<PhotoGrant> {
  const prefix = photoPrefix(request.bookingId);
  // image/jpg is stored as image/jpeg, the registered name, so browsers and the edge agree on it.
  const contentType = request.contentType === 'image/jpg' ? 'image/jpeg' : request.contentType;
  const key = photoKey(request.bookingId, request.crewId, contentType, request.now);
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: request.bucket,
    Key: key,
    Conditions: [
      ['content-length-range', 1, request.maxBytes],
      // Exactly the type granted: a `starts-with image/` would let the form say image/svg+xml.
      // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
      ['eq', '$Content-Type', contentType],
      ['starts-with', '$key', prefix],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: PRESIGN_EXPIRES_SECONDS,
  });
  return {
    url,
    fields,
    key,
    maxBytes: request.maxBytes,
    expiresAt: new Date(request.now.getTime() + PRESIGN_EXPIRES_SECONDS * 1000).toISOString(),
  };
}
