/**
 * Which raster image a file's first bytes say it is, from the formats' own signatures. The gallery publishes a
 * photo only when its bytes, its stored Content-Type and its extension all name the same raster format, so a
 * script or page uploaded under an image name never reaches a guest page.
 *
 * Pure: bytes in, a verdict out. Must never trust a name or a declared type on its own.
 */

export type RasterFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'heif' | 'avif';

/** How many leading bytes sniffing needs (an ISO-BMFF `ftyp` box brand ends at byte 12). */
export const SNIFF_BYTES = 16;

/** ISO-BMFF major brands of still HEIF/HEIC images and of AVIF (ISO/IEC 23008-12, AV1 image format). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The format the bytes start with, or undefined when they are not one of the raster formats we publish. */
export function sniffRasterFormat(bytes: Uint8Array): RasterFormat | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (AVIF_BRANDS.has(brand)) return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heif';
  }
  return undefined;
}

const FORMAT_OF_TYPE: Readonly<Record<string, RasterFormat>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heif',
  'image/heif': 'heif',
  'image/avif': 'avif',
};

const FORMAT_OF_EXTENSION: Readonly<Record<string, RasterFormat>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  heic: 'heif',
  heif: 'heif',
  avif: 'avif',
};

/** The raster format a Content-Type names (parameters ignored), if any. */
export function rasterFormatOfType(contentType: string | undefined): RasterFormat | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return FORMAT_OF_TYPE[type];
}

/** The raster format a key's extension names, if any. */
export function rasterFormatOfKey(key: string): RasterFormat | undefined {
  const dot = key.lastIndexOf('.');
  return dot === -1 ? undefined : FORMAT_OF_EXTENSION[key.slice(dot + 1).toLowerCase()];
}

/** True only when bytes, declared type and extension agree on one raster format. */
export function isPublishablePhoto(input: {
  key: string;
  contentType: string | undefined;
  head: Uint8Array;
}) {
  const sniffed = sniffRasterFormat(input.head);
  return (
    sniffed !== undefined &&
    sniffed === rasterFormatOfType(input.contentType) &&
    sniffed === rasterFormatOfKey(input.key)
  );
}
