/**
 * Crew-uploaded photos of one charter: the objects under `photos/<bookingId>/` in the brand's bucket (the
 * SCC photo presign limits uploads to that prefix and to images). Lists keys only; never reads or serves
 * the images themselves.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { isPhotoOfBooking, photoPrefix } from './paths';

const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif|avif|heic)$/i;
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
      if (!object.Key || !IMAGE_EXTENSION.test(object.Key) || !isPhotoOfBooking(object.Key, bookingId))
        continue;
      found.push({ key: object.Key, at: object.LastModified?.getTime() ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found
    .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
    .slice(0, MAX_GUEST_PHOTOS)
    .map((p) => p.key);
}
