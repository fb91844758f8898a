/**
 * Finding 6 of #14, "the edge differs from its local twin": the distributions had no error responses (in AWS a
 * missing slug showed S3's AccessDenied XML while the local CDN served a friendly 404), and an empty path
 * segment passed the CloudFront Function (`/g//sunset` → 500 locally). Now both sides are built from one
 * description (src/guest/edge-config.ts) and the function refuses empty segments.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../src/config/brands';
import { createEdgeCache } from '../../src/dev/cdn/edge-cache';
import { createGuestSites } from '../../src/dev/cdn/guest-sites';
import { loadViewerRequestFunction, viewerRequestEvent } from '../../src/guest/cloudfront-function';
import { edgeBehaviorFor, edgeHeaderValues, GUEST_EDGE } from '../../src/guest/edge-config';
import { createGuestPagePublisher } from '../../src/guest/publish';
import { createGuestRenderer } from '../../src/guest/render-guest-page';
import { startTestS3, type TestS3 } from '../helpers/s3';
import { type CfnJson, resourcesOf, synthesize } from '../unit/infra/synth-helper';

const brands = loadBrands('templates');
const brand = brands.get('sailjada.com');
const { dataTemplate } = synthesize();
let s3: TestS3;
let server: Server;
let cdn: string;

beforeAll(async () => {
  s3 = await startTestS3(brands.all.map((b) => b.bucket));
  const sites = createGuestSites({
    brands,
    s3: s3.s3,
    viewerRequest: loadViewerRequestFunction(),
    cache: createEdgeCache(),
  });
  server = createServer(
    (request, response) => void sites.serve(brand, request.url ?? '/', request, response),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cdn = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createGuestPagePublisher({
    s3: s3.s3,
    renderer: createGuestRenderer({ templatesDir: 'templates' }),
  }).publishNotFoundPage(brand);
});
afterAll(async () => {
  server?.close();
  await s3?.stop();
});

describe('finding 6: the edge answers the same in AWS and locally', () => {
  it('every distribution turns the bucket’s 403 and 404 into the branded 404.html, status 404, short TTL', () => {
    for (const [, distribution] of resourcesOf(dataTemplate, 'AWS::CloudFront::Distribution')) {
      const responses = (distribution as CfnJson).Properties.DistributionConfig.CustomErrorResponses;
      expect(responses).toEqual(
        GUEST_EDGE.errorPage.originStatuses.map((code) => ({
          ErrorCode: code,
          ResponseCode: 404,
          ResponsePagePath: '/404.html',
          ErrorCachingMinTTL: GUEST_EDGE.errorPage.ttlSeconds,
        })),
      );
    }
  });

  it('locally a missing slug gets the same branded 404 page with noindex, not S3’s XML', async () => {
    const response = await fetch(`${cdn}/g/harbor-tour-lee-2026-12-20`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).not.toContain('AccessDenied');
    expect(html).toContain('noindex');
    expect(html).toContain(brand.brandName);
  });

  it.each(['/g//sunset', '/g//', '//g/sunset', '/photos//x.jpg', '/g/%2F%2Fsunset'])(
    'the CloudFront Function refuses %s with 400, so it never reaches the bucket (was a 500)',
    async (path) => {
      const viewerRequest = loadViewerRequestFunction();
      const outcome = await viewerRequest(viewerRequestEvent({ uri: path }));
      expect(outcome.kind).toBe('response');
      expect((await fetch(`${cdn}${path}`)).status).toBe(400);
    },
  );

  it('the photos headers policy in the CDK is exactly the headers the local CDN sends for /photos/*', async () => {
    const policy = resourcesOf(dataTemplate, 'AWS::CloudFront::ResponseHeadersPolicy')[0]?.[1];
    const config = (policy as CfnJson).Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const local = edgeHeaderValues(edgeBehaviorFor('/photos/bk-1/a.jpg').headers);
    expect(config.ContentSecurityPolicy.ContentSecurityPolicy).toBe(local['content-security-policy']);
    expect(config.FrameOptions.FrameOption).toBe(local['x-frame-options']);
    expect(config.ReferrerPolicy.ReferrerPolicy).toBe(local['referrer-policy']);
    expect(`max-age=${config.StrictTransportSecurity.AccessControlMaxAgeSec}`).toBe(
      local['strict-transport-security'],
    );
    expect(config.ContentTypeOptions).toEqual({ Override: true });
    expect(local['x-content-type-options']).toBe('nosniff');
  });
});
