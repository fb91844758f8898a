import { describe, expect, it } from 'vitest';
import { createEdgeCache, DEFAULT_TTL_SECONDS, ERROR_TTL_SECONDS } from '../../../src/dev/cdn/edge-cache';

const page = (body: string, cacheControl?: string, status = 200) => ({
  status,
  headers: (cacheControl ? { 'cache-control': cacheControl } : {}) as Record<string, string>,
  body: Buffer.from(body),
});

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('the local edge cache', () => {
  it('keeps serving the cached copy until an invalidation removes it', () => {
    const time = clock();
    const cache = createEdgeCache(time.now);
    cache.put('DIST', '/g/x.html', page('v1'));
    time.advance(60);
    expect(cache.get('DIST', '/g/x.html')?.body.toString()).toBe('v1');

    expect(cache.invalidate('DIST', ['/g/x.html'])).toBe(1);
    expect(cache.get('DIST', '/g/x.html')).toBeUndefined();
  });

  it('matches invalidation paths exactly, or as a prefix when they end in *', () => {
    const cache = createEdgeCache();
    for (const key of ['/g/a.html', '/g/a.ics', '/g/b.html', '/index.html'])
      cache.put('DIST', key, page(key));

    expect(cache.invalidate('DIST', ['/g/a'])).toBe(0);
    expect(cache.invalidate('DIST', ['/g/a*'])).toBe(2);
    expect(cache.invalidate('DIST', ['/g/*'])).toBe(1);
    expect(cache.get('DIST', '/index.html')).toBeDefined();
  });

  it('keeps each distribution to itself', () => {
    const cache = createEdgeCache();
    cache.put('ONE', '/g/x.html', page('one'));
    cache.put('TWO', '/g/x.html', page('two'));

    cache.invalidate('ONE', ['/*']);

    expect(cache.get('ONE', '/g/x.html')).toBeUndefined();
    expect(cache.get('TWO', '/g/x.html')?.body.toString()).toBe('two');
  });

  it('honours max-age and s-maxage, and uses CloudFront’s default TTL otherwise', () => {
    const time = clock();
    const cache = createEdgeCache(time.now);
    cache.put('D', '/short', page('a', 'public, max-age=300'));
    cache.put('D', '/shared', page('b', 'max-age=5, s-maxage=600'));
    cache.put('D', '/default', page('c'));

    time.advance(301);
    expect(cache.get('D', '/short')).toBeUndefined();
    expect(cache.get('D', '/shared')).toBeDefined();
    time.advance(DEFAULT_TTL_SECONDS - 301);
    expect(cache.get('D', '/default')).toBeUndefined();
  });

  it('does not keep no-store or private answers', () => {
    const cache = createEdgeCache();
    cache.put('D', '/a', page('a', 'no-store'));
    cache.put('D', '/b', page('b', 'private, max-age=60'));
    expect(cache.size('D')).toBe(0);
  });

  it('keeps error answers for ten seconds only', () => {
    const time = clock();
    const cache = createEdgeCache(time.now);
    cache.put('D', '/g/missing.html', page('not found', 'no-store', 404));
    time.advance(ERROR_TTL_SECONDS - 1);
    expect(cache.get('D', '/g/missing.html')?.status).toBe(404);
    time.advance(2);
    expect(cache.get('D', '/g/missing.html')).toBeUndefined();
  });
});
