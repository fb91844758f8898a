/**
 * An in-memory stand-in for CloudFront's edge caches, one per distribution id. Objects are kept under the
 * URI the viewer-request function produced (CloudFront computes the cache key after the function runs), for
 * their Cache-Control max-age or CloudFront's default TTL of one day, and error answers for ten seconds.
 * Only an invalidation removes an object early: that is the point, a forgotten invalidation shows as a
 * stale page locally just as it would in AWS.
 */

export interface CachedObject {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  storedAt: number;
  expiresAt: number;
}

export interface EdgeCache {
  get(distributionId: string, key: string): CachedObject | undefined;
  /** Keeps the object for `ttlSeconds` when given (an error response's TTL), else by its Cache-Control. */
  put(
    distributionId: string,
    key: string,
    object: Omit<CachedObject, 'storedAt' | 'expiresAt'>,
    ttlSeconds?: number,
  ): void;
  /** Removes what the paths match (exact, or a prefix ending in `*`); returns how many objects went. */
  invalidate(distributionId: string, paths: readonly string[]): number;
  size(distributionId: string): number;
}

/** CloudFront's defaults (CachingOptimized policy; error caching minimum TTL). */
export const DEFAULT_TTL_SECONDS = 86_400;
export const ERROR_TTL_SECONDS = 10;

export function createEdgeCache(now: () => number = Date.now): EdgeCache {
  const distributions = new Map<string, Map<string, CachedObject>>();

  const of = (distributionId: string) => {
    let cache = distributions.get(distributionId);
    if (!cache) {
      cache = new Map();
      distributions.set(distributionId, cache);
    }
    return cache;
  };

  return {
    get(distributionId, key) {
      const cache = of(distributionId);
      const found = cache.get(key);
      if (found && found.expiresAt <= now()) {
        cache.delete(key);
        return undefined;
      }
      return found;
    },
    put(distributionId, key, object, errorTtlSeconds) {
      const ttl = errorTtlSeconds ?? ttlSeconds(object.status, object.headers['cache-control']);
      if (ttl <= 0) return;
      const storedAt = now();
      of(distributionId).set(key, { ...object, storedAt, expiresAt: storedAt + ttl * 1000 });
    },
    invalidate(distributionId, paths) {
      const cache = of(distributionId);
      let removed = 0;
      for (const key of [...cache.keys()]) {
        if (paths.some((path) => matches(path, key))) {
          cache.delete(key);
          removed += 1;
        }
      }
      return removed;
    },
    size: (distributionId) => of(distributionId).size,
  };
}

function matches(path: string, key: string): boolean {
  return path.endsWith('*') ? key.startsWith(path.slice(0, -1)) : key === path;
}

function ttlSeconds(status: number, cacheControl: string | undefined): number {
  if (status >= 400) return ERROR_TTL_SECONDS;
  const directives = (cacheControl ?? '').toLowerCase();
  if (/\b(no-store|private)\b/.test(directives)) return 0;
  const shared = /s-maxage=(\d+)/.exec(directives)?.[1];
  const maxAge = /max-age=(\d+)/.exec(directives)?.[1];
  const seconds = shared ?? maxAge;
  return seconds === undefined ? DEFAULT_TTL_SECONDS : Number(seconds);
}
