/**
 * The deployed CloudFront Function file itself, executed in a node:vm context with CloudFront-shaped events.
 */
import { describe, expect, it } from 'vitest';
import {
  formatQuerystring,
  loadViewerRequestFunction,
  type ViewerRequestResult,
  viewerRequestEvent,
} from '../../../src/guest/cloudfront-function';

const run = loadViewerRequestFunction();

async function uriAfter(uri: string, search = ''): Promise<string> {
  const result = await run(viewerRequestEvent({ uri, search }));
  if (result.kind !== 'request')
    throw new Error(`expected a request for ${uri}, got ${result.response.statusCode}`);
  return result.request.uri;
}

async function statusFor(uri: string): Promise<number | 'passed'> {
  const result: ViewerRequestResult = await run(viewerRequestEvent({ uri }));
  return result.kind === 'response' ? result.response.statusCode : 'passed';
}

describe('guest-rewrite CloudFront Function', () => {
  it('rewrites a guest page name to its html object', async () => {
    expect(await uriAfter('/g/sunset-sail-smith-2026-12-05')).toBe('/g/sunset-sail-smith-2026-12-05.html');
  });

  it('handles a trailing slash', async () => {
    expect(await uriAfter('/g/sunset-sail/')).toBe('/g/sunset-sail.html');
  });

  it('leaves a path whose last segment has an extension', async () => {
    expect(await uriAfter('/g/01JABCDEF.ics')).toBe('/g/01JABCDEF.ics');
    expect(await uriAfter('/g/sunset-sail.html')).toBe('/g/sunset-sail.html');
  });

  it('does not count a dot in an earlier segment as an extension', async () => {
    expect(await uriAfter('/g/v1.2/sunset')).toBe('/g/v1.2/sunset.html');
  });

  it('keeps the query string, including repeated names', async () => {
    const result = await run(viewerRequestEvent({ uri: '/g/sunset', search: '?utm_source=sms&a=1&a=2' }));
    expect(result.kind).toBe('request');
    if (result.kind !== 'request') return;
    expect(result.request.uri).toBe('/g/sunset.html');
    expect(formatQuerystring(result.request.querystring)).toBe('?utm_source=sms&a=1&a=2');
  });

  it('leaves paths outside /g/ alone', async () => {
    expect(await uriAfter('/')).toBe('/');
    expect(await uriAfter('/photos/01JABC/sunset.jpg')).toBe('/photos/01JABC/sunset.jpg');
    expect(await uriAfter('/guide')).toBe('/guide');
  });

  it('answers 404 for /g and /g/ with no page name', async () => {
    expect(await statusFor('/g')).toBe(404);
    expect(await statusFor('/g/')).toBe(404);
  });

  it('refuses empty path segments with 400: /g//x and /g// are not addresses of a page', async () => {
    expect(await statusFor('/g//')).toBe(400);
    expect(await statusFor('/g//sunset')).toBe(400);
    expect(await statusFor('//g/sunset')).toBe(400);
    expect(await statusFor('/photos//x.jpg')).toBe(400);
  });

  it.each([
    '/g/../secrets.txt',
    '/g/a/../../b',
    '/g/./x',
    '/g/%2e%2e/x',
    '/g/.%2E/x',
    '/g/a%2fb',
    '/g/a%2Fb',
    '/g/a%5cb',
    '/g/a%5Cb',
    '/g/a\\b',
    '/g/a%252fb',
    '/g/a%25252e%25252e/x',
    '/g/a%00b',
    '/g/%E0%A4%A',
    '/photos/../g/x',
  ])('refuses %s with 400', async (uri) => {
    expect(await statusFor(uri)).toBe(400);
  });

  it('passes a percent-encoded but harmless name through, still encoded', async () => {
    expect(await uriAfter('/g/caf%C3%A9')).toBe('/g/caf%C3%A9.html');
  });

  it('returns a CloudFront response object with a text body for refusals', async () => {
    const result = await run(viewerRequestEvent({ uri: '/g/%2e%2e/x' }));
    expect(result).toMatchObject({
      kind: 'response',
      response: {
        statusCode: 400,
        headers: { 'content-type': { value: 'text/plain; charset=utf-8' } },
        body: { encoding: 'text' },
      },
    });
  });

  it('does not mutate the caller’s event', async () => {
    const event = viewerRequestEvent({ uri: '/g/sunset' });
    await run(event);
    expect(event.request.uri).toBe('/g/sunset');
  });
});
