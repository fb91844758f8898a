/**
 * The business's service-key scheme, made safe: callers send `X-Service-Key`; the service holds only
 * SERVICE_KEY_HASH = sha256(key + PASSWORD_SALT) in hex and compares digests in constant time.
 * Must never log, echo or store the presented key, and never say why a key was refused.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../errors';
import type { HttpRequest } from '../http';

export const SERVICE_KEY_HEADER = 'x-service-key';

/** sha256(key + salt) as lower-case hex: what SERVICE_KEY_HASH holds. */
export function hashServiceKey(key: string, salt: string): string {
  return createHash('sha256')
    .update(key + salt, 'utf8')
    .digest('hex');
}

/**
 * True when `presented` hashes to `expectedHashHex`. Both sides are 32-byte digests, so timingSafeEqual always
 * compares equal lengths and the time taken says nothing about how much of the key was right.
 */
export function serviceKeyMatches(presented: string, salt: string, expectedHashHex: string): boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  const actual = createHash('sha256')
    .update(presented + salt, 'utf8')
    .digest();
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(actual, expected);
}

/** Throws AuthError (401, no detail) unless the request carries the service key. */
export function requireServiceKey(request: HttpRequest, salt: string, expectedHashHex: string): void {
  const presented = request.headers[SERVICE_KEY_HEADER];
  // A missing key is still hashed and compared, so a missing and a wrong key look the same from outside.
  const ok = serviceKeyMatches(presented ?? '', salt, expectedHashHex);
  if (!presented || !ok) throw new AuthError();
}
