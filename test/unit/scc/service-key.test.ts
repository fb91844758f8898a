import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/errors';
import type { HttpRequest } from '../../../src/http';

// Watch timingSafeEqual without changing what it does, to see what the comparison is given.
const compared = vi.hoisted(() => [] as [Buffer, Buffer][]);
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return {
    ...original,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)]);
      return original.timingSafeEqual(a, b);
    },
  };
});

const { hashServiceKey, requireServiceKey, serviceKeyMatches } = await import('../../../src/scc/service-key');

const SALT = 'pepper-and-salt';
const KEY = 'the-real-service-key-0123456789';
const HASH = hashServiceKey(KEY, SALT);

function requestWith(headers: Record<string, string>): HttpRequest {
  return {
    method: 'POST',
    path: '/events',
    headers,
    query: {},
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
  };
}

beforeEach(() => {
  compared.length = 0;
});

describe('hashServiceKey', () => {
  it('is sha256 of the key followed by the salt, in lower-case hex', () => {
    expect(HASH).toBe(createHash('sha256').update(`${KEY}${SALT}`).digest('hex'));
    expect(HASH).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('serviceKeyMatches', () => {
  it('accepts the key the hash was made from', () => {
    expect(serviceKeyMatches(KEY, SALT, HASH)).toBe(true);
  });

  it('refuses another key, the right key with another salt, and the hash itself', () => {
    expect(serviceKeyMatches(`${KEY}x`, SALT, HASH)).toBe(false);
    expect(serviceKeyMatches(KEY, 'other-salt', HASH)).toBe(false);
    expect(serviceKeyMatches(HASH, SALT, HASH)).toBe(false);
  });

  it('compares in constant time: timingSafeEqual on two 32-byte digests, whatever the key’s length', () => {
    serviceKeyMatches('x', SALT, HASH);
    serviceKeyMatches('a much longer wrong key than the real one, by far', SALT, HASH);
    serviceKeyMatches(KEY, SALT, HASH);

    expect(compared).toHaveLength(3);
    for (const [a, b] of compared) {
      expect(a.length).toBe(32);
      expect(b.length).toBe(32);
    }
  });
});

describe('requireServiceKey', () => {
  it('lets a request with the right X-Service-Key through', () => {
    expect(() => requireServiceKey(requestWith({ 'x-service-key': KEY }), SALT, HASH)).not.toThrow();
  });

  it('refuses a missing key with a bare 401, after the same comparison a wrong key gets', () => {
    expect(() => requireServiceKey(requestWith({}), SALT, HASH)).toThrow(AuthError);
    expect(compared).toHaveLength(1);
  });

  it('refuses a wrong key with the same error and message', () => {
    let error: unknown;
    try {
      requireServiceKey(requestWith({ 'x-service-key': 'guess' }), SALT, HASH);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe('Unauthorized');
    expect((error as AuthError).statusCode).toBe(401);
  });
});
