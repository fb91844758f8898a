import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { createEdgeCache } from '../../../src/dev/cdn/edge-cache';
import { createGuestSites } from '../../../src/dev/cdn/guest-sites';
import { type CloudFrontLocal, startCloudFrontLocal } from '../../../src/dev/stand-ins/cloudfront-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/dev/stand-ins/dynamodb-local';
import { loadViewerRequestFunction } from '../../../src/guest/cloudfront-function';
import { createGuestPagePublisher } from '../../../src/guest/publish';
import { createGuestRenderer } from '../../../src/guest/render-guest-page';
import { startTestS3, type TestS3 } from '../../helpers/s3';

const brands = loadBrands('templates');
const queen = brands.get('queenofsandiego.com');

describe('guest sites through the CloudFront Function, the edge cache and s3rver', () => {
  let s3: TestS3;
  let cloudFront: CloudFrontLocal;
  let client: CloudFrontClient;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    s3 = await startTestS3(brands.all.map((b) => b.bucket));
    const cache = createEdgeCache();
    cloudFront = await startCloudFrontLocal({
      distributionIds: brands.all.map((b) => b.distributionId),
      onInvalidate: (i) => cache.invalidate(i.distributionId, i.paths),
    });
    client = new CloudFrontClient({
      endpoint: cloudFront.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const sites = createGuestSites({ brands, s3: s3.s3, viewerRequest: loadViewerRequestFunction(), cache });
    server = createServer((request, response) => {
      const brand = sites.brandForHost(request.headers.host ?? '') ?? queen;
      void sites.serve(brand, request.url ?? '/', request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    client.destroy();
    await cloudFront.stop();
    await s3.stop();
  });

  const publish = (key: string, html: string) =>
    s3.s3.send(
      new PutObjectCommand({
        Bucket: queen.bucket,
        Key: key,
        Body: html,
        ContentType: 'text/html; charset=utf-8',
        CacheControl: 'public, max-age=300',
      }),
    );

  const invalidate = (paths: string[]) =>
    client.send(
      new CreateInvalidationCommand({
        DistributionId: queen.distributionId,
        InvalidationBatch: {
          CallerReference: `${Date.now()}-${Math.random()}`,
          Paths: { Quantity: paths.length, Items: paths },
        },
      }),
    );

  it('serves /g/<slug> from g/<slug>.html, from the origin first and then from the edge', async () => {
    await publish('g/sunset-sail.html', '<h1>v1</h1>');

    const first = await fetch(`${base}/g/sunset-sail`);
    const second = await fetch(`${base}/g/sunset-sail`);

    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('Miss from cloudfront');
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await second.text()).toBe('<h1>v1</h1>');
    expect(second.headers.get('x-cache')).toBe('Hit from cloudfront');
  });

  it('keeps serving the old page after a republish until the changed path is invalidated', async () => {
    await publish('g/edit-me.html', '<p>5:00 PM</p>');
    await fetch(`${base}/g/edit-me`);
    await publish('g/edit-me.html', '<p>6:30 PM</p>');

    expect(await (await fetch(`${base}/g/edit-me`)).text()).toBe('<p>5:00 PM</p>');

    await invalidate(['/g/edit-me']);
    expect(await (await fetch(`${base}/g/edit-me`)).text()).toBe('<p>5:00 PM</p>');

    await invalidate(['/g/edit-me.html']);
    expect(await (await fetch(`${base}/g/edit-me`)).text()).toBe('<p>6:30 PM</p>');
  });

  it('answers hostile paths in the function, before the cache or the bucket', async () => {
    const answer = await fetch(`${base}/g/..%2fsecret`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-cache')).toBe('FunctionGeneratedResponse from cloudfront');
  });

  it('answers S3’s own 403 for a missing page while the brand has no 404.html, as CloudFront does', async () => {
    const answer = await fetch(`${base}/g/nothing-here-yet`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('AccessDenied');
  });

  it('answers a page that does not exist with the brand’s 404 page, status 404, cached briefly', async () => {
    const publisher = createGuestPagePublisher({
      s3: s3.s3,
      renderer: createGuestRenderer({ templatesDir: 'templates' }),
    });
    await publisher.publishNotFoundPage(queen);

    const answer = await fetch(`${base}/g/no-such-charter`);

    expect(answer.status).toBe(404);
    const html = await answer.text();
    expect(html).toContain('There is no charter page here');
    expect(html).toContain(queen.brandName);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('allows only GET and HEAD, as the distributions do', async () => {
    expect((await fetch(`${base}/g/sunset-sail`, { method: 'POST', body: 'x' })).status).toBe(403);
    const head = await fetch(`${base}/g/sunset-sail`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('knows a brand from a <domain>.localhost host name', () => {
    const sites = createGuestSites({
      brands,
      s3: s3.s3,
      viewerRequest: loadViewerRequestFunction(),
      cache: createEdgeCache(),
    });
    expect(sites.brandForHost('queenofsandiego.com.localhost:3000')?.domain).toBe('queenofsandiego.com');
    expect(sites.brandForHost('sailjada.com.localhost')?.domain).toBe('sailjada.com');
    expect(sites.brandForHost('localhost:3000')).toBeUndefined();
    expect(sites.brandForHost('evil.com.localhost')).toBeUndefined();
  });
});
