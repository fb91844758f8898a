/** How publishing fails: clear UpstreamErrors that say whether a retry can help. Clients are mocked here. */
import { CloudFrontClient, CreateInvalidationCommand, NoSuchDistribution } from '@aws-sdk/client-cloudfront';
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBrands } from '../../../src/config/brands';
import { UpstreamError } from '../../../src/errors';
import { createGuestPagePublisher, createGuestRenderer } from '../../../src/guest';
import { aBooking } from '../../helpers/fixtures';

const brand = loadBrands('templates').get('sailjada.com');
const renderer = createGuestRenderer({ templatesDir: 'templates' });
const s3 = new S3Client({ region: 'us-west-2' });
const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
const s3Mock = mockClient(s3);
const cloudFrontMock = mockClient(cloudFront);
const publisher = createGuestPagePublisher({ s3, cloudFront, renderer });

const s3Error = (name: string, status: number) =>
  new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

afterEach(() => {
  s3Mock.reset();
  cloudFrontMock.reset();
});

describe('publishing errors', () => {
  it('treats a missing object (404, or 403 without list permission) as absent and uploads', async () => {
    s3Mock.on(HeadObjectCommand).rejects(s3Error('Forbidden', 403));
    s3Mock.on(PutObjectCommand).resolves({});
    cloudFrontMock.on(CreateInvalidationCommand).resolves({
      Invalidation: {
        Id: 'I1',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: undefined,
      },
    });

    const result = await publisher.publishGuestPage({ booking: aBooking(), brand, photos: [] });

    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(3);
    expect(result.invalidationId).toBe('I1');
  });

  it('reports an S3 outage as a transient s3 failure and invalidates nothing', async () => {
    s3Mock.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    s3Mock.on(PutObjectCommand).rejects(s3Error('InternalError', 500));

    const error = await publisher
      .publishGuestPage({ booking: aBooking(), brand, photos: [] })
      .catch((e) => e);

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ service: 's3', transient: true, status: 500 });
    expect(error.message).toMatch(/^Uploading g\/.+ to sailjada\.com failed\.$/);
    expect(cloudFrontMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('reports a refused upload (access denied) as permanent', async () => {
    s3Mock.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    s3Mock.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));

    const error = await publisher
      .publishGuestPage({ booking: aBooking(), brand, photos: [] })
      .catch((e) => e);

    expect(error).toMatchObject({ service: 's3', transient: false });
  });

  it('names the distribution when CloudFront does not know it, and does not retry', async () => {
    s3Mock.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    s3Mock.on(PutObjectCommand).resolves({});
    cloudFrontMock
      .on(CreateInvalidationCommand)
      .rejects(new NoSuchDistribution({ message: 'nope', $metadata: { httpStatusCode: 404 } }));

    const error = await publisher
      .publishGuestPage({ booking: aBooking(), brand, photos: [] })
      .catch((e) => e);

    expect(error).toMatchObject({ service: 'cloudfront', transient: false, status: 404 });
    expect(error.message).toBe(
      `CloudFront distribution ${brand.distributionId} does not exist; check BRAND_SITES.`,
    );
  });

  it('refuses a slug that could escape the g/ folder before touching S3', async () => {
    const booking = aBooking({ previousSlugs: ['../../etc/passwd'] as never });
    await expect(publisher.publishGuestPage({ booking, brand, photos: [] })).rejects.toThrow(
      /cannot be used/,
    );
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
