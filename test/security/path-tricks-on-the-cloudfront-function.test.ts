/**
 * Attacks that held (#14): paths built to escape `g/` of the guest bucket, or to reach an object by another
 * spelling, are answered 400 by the guest sites' CloudFront Function (infra/functions/guest-rewrite.js, run
 * here as the dev gateway runs it) and never reach S3. Plain guest addresses still work.
 */
import { describe, expect, it } from 'vitest';
import { loadViewerRequestFunction, viewerRequestEvent } from '../../src/guest/cloudfront-function';

const handler = loadViewerRequestFunction();
const outcome = async (uri: string) => {
  const result = await handler(viewerRequestEvent({ uri }));
  return result.kind === 'response' ? result.response.statusCode : result.request.uri;
};

describe('path tricks on the CloudFront Function', () => {
  it('still serves a plain guest address (so the refusals below are about the tricks)', async () => {
    expect(await outcome('/g/sunset-sail-smith-2026-12-05-7qk2m9xw4rtd')).toBe(
      '/g/sunset-sail-smith-2026-12-05-7qk2m9xw4rtd.html',
    );
  });

  it.each([
    ['dot-dot traversal', '/g/../404.html'],
    ['a dot segment', '/g/./x'],
    ['percent-encoded dot-dot', '/g/%2e%2e/404.html'],
    ['double-encoded dot-dot', '/g/%252e%252e/404.html'],
    ['an encoded slash', '/g/x%2f..%2fy'],
    ['a double-encoded slash', '/g/x%252fy'],
    ['an encoded backslash', '/g/x%5cy'],
    ['a raw backslash', '/g/x\\y'],
    ['an encoded NUL', '/g/x%00.html'],
    ['an empty segment', '/g//sunset'],
    ['empty segments at the end', '/g/x//'],
    ['malformed percent-encoding', '/g/%E0%A4%A'],
    ['an encoding that keeps decoding', '/g/%2525252e'],
    ['a path not starting with a slash', 'g/x'],
  ])('refuses %s with 400', async (_what, uri) => {
    expect(await outcome(uri)).toBe(400);
  });
});
