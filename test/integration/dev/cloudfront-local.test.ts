import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  NoSuchDistribution,
} from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudFrontLocal,
  type LocalInvalidation,
  startCloudFrontLocal,
} from '../../../src/dev/stand-ins/cloudfront-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/dev/stand-ins/dynamodb-local';

describe('the CloudFront stand-in, through the AWS SDK', () => {
  let cloudFront: CloudFrontLocal;
  let client: CloudFrontClient;
  const seen: LocalInvalidation[] = [];

  beforeAll(async () => {
    cloudFront = await startCloudFrontLocal({
      distributionIds: ['DIST1'],
      onInvalidate: (i) => seen.push(i),
    });
    client = new CloudFrontClient({
      endpoint: cloudFront.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await cloudFront.stop();
  });

  const invalidate = (reference: string, paths: string[], distribution = 'DIST1') =>
    client.send(
      new CreateInvalidationCommand({
        DistributionId: distribution,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: paths } },
      }),
    );

  it('creates an invalidation, hands it on before answering, and reports it completed', async () => {
    const answer = await invalidate('ref-1', ['/g/sunset.html', '/g/bk-1.html']);

    expect(answer.Invalidation?.Status).toBe('Completed');
    expect(answer.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(['/g/sunset.html', '/g/bk-1.html']);
    expect(answer.Location).toContain(`/distribution/DIST1/invalidation/${answer.Invalidation?.Id}`);
    expect(seen.at(-1)).toMatchObject({ distributionId: 'DIST1', paths: ['/g/sunset.html', '/g/bk-1.html'] });
  });

  it('answers a repeated caller reference with the first invalidation, without doing it twice', async () => {
    const first = await invalidate('ref-2', ['/g/a.html']);
    const count = seen.length;
    const again = await invalidate('ref-2', ['/g/a.html']);

    expect(again.Invalidation?.Id).toBe(first.Invalidation?.Id);
    expect(seen.length).toBe(count);
    await expect(invalidate('ref-2', ['/g/other.html'])).rejects.toMatchObject({
      name: 'InvalidationBatchAlreadyExists',
    });
  });

  it('gets and lists invalidations', async () => {
    const created = await invalidate('ref-3', ['/g/*']);
    const got = await client.send(
      new GetInvalidationCommand({ DistributionId: 'DIST1', Id: created.Invalidation?.Id }),
    );
    expect(got.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(['/g/*']);

    const listed = await client.send(new ListInvalidationsCommand({ DistributionId: 'DIST1' }));
    expect(listed.InvalidationList?.Items?.map((i) => i.Id)).toContain(created.Invalidation?.Id);
  });

  it('refuses unknown distributions and malformed paths as CloudFront does', async () => {
    await expect(invalidate('ref-4', ['/a'], 'NOPE')).rejects.toBeInstanceOf(NoSuchDistribution);
    await expect(invalidate('ref-5', ['g/no-slash.html'])).rejects.toMatchObject({ name: 'InvalidArgument' });
    await expect(invalidate('ref-6', ['/g/*/x'])).rejects.toMatchObject({ name: 'InvalidArgument' });
  });
});
