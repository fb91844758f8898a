/**
 * Crew-uploaded photos of one charter: the objects under `photos/<bookingId>/` in the brand's bucket (the
 * SCC photo presign limits uploads to that prefix and to raster image types). A photo reaches the gallery
 * only when its first bytes, its stored Content-Type and its extension agree on one raster format
 * (image-sniff.ts): an SVG, a page or a script stored under an image name is left out.
 *
 * Reads only the first bytes of each photo; never serves the images themselves.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { isPublishablePhoto, rasterFormatOfKey, SNIFF_BYTES } from './image-sniff';
import { isPhotoOfBooking, photoPrefix } from './paths';

/** A guest page shows at most this many; a charter's best moments, not a photo dump. */
export const MAX_GUEST_PHOTOS = 48;

/** Photo keys, oldest upload first, so the page's order is stable as more arrive. */
export async function listGuestPhotos(s3: S3Client, bucket: string, bookingId: string): Promise<string[]> {
  const found: { key: string; at: number }[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: photoPrefix(bookingId), ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      if (!object.Key || !rasterFormatOfKey(object.Key) || !isPhotoOfBooking(object.Key, bookingId)) continue;
      found.push({ key: object.Key, at: object.LastModified?.getTime() ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  found.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));

  const published: string[] = [];
  for (const { key } of found) {
    if (published.length >= MAX_GUEST_PHOTOS) break;
    if (await bytesAreAPhoto(s3, bucket, key)) published.push(key);
  }
  return published;
}

async function bytesAreAPhoto(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
  );
  const head = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  return isPublishablePhoto({ key, contentType: object.ContentType, head: head.subarray(0, SNIFF_BYTES) });
}
