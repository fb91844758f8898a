/**
 * Attacks that held (#14): SCC's API refuses every service key but the one whose salted hash it holds, the
 * same way whether the key is missing, wrong, almost right or the hash itself (AuthError, 401), and compares
 * in constant time (service-key.ts uses timingSafeEqual on equal-length digests).
 */
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/errors';
import type { HttpRequest } from '../../src/http';
import { hashServiceKey, requireServiceKey, SERVICE_KEY_HEADER } from '../../src/scc/service-key';

const KEY = 'security-suite-service-key-5b1f0c9a2e7d';
const SALT = 'security-suite-salt-0123456789';
const HASH = hashServiceKey(KEY, SALT);

const withKey = (key: string | undefined): HttpRequest => ({
  method: 'POST',
  path: '/events',
  headers: key === undefined ? {} : { [SERVICE_KEY_HEADER]: key },
  query: {},
  body: Buffer.alloc(0),
  sourceIp: '203.0.113.9',
});

describe('wrong service keys', () => {
  it('lets the right key through (so the refusals below are about the key)', () => {
    expect(() => requireServiceKey(withKey(KEY), SALT, HASH)).not.toThrow();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['one character off', `${KEY.slice(0, -1)}b`],
    ['a prefix of it', KEY.slice(0, 16)],
    ['with a trailing space', `${KEY} `],
    ['the stored hash itself', HASH],
    ['the salt', SALT],
  ])('refuses a key that is %s with the same 401', (_what, key) => {
    expect(() => requireServiceKey(withKey(key), SALT, HASH)).toThrow(AuthError);
  });

  it('refuses the right key checked against another salt (a hash from another deployment)', () => {
    expect(() => requireServiceKey(withKey(KEY), 'another-salt-0123456789', HASH)).toThrow(AuthError);
  });
});
