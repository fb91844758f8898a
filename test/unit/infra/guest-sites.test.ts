import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { HTML_CACHE_TTL } from '../../../infra/lib/constructs/guest-site';
import { PHOTO_CONTENT_SECURITY_POLICY } from '../../../src/guest/edge-config';
import { type CfnJson, REWRITE_FUNCTION_PATH, resourcesOf, synthesize, TWO_BRANDS_DIR } from './synth-helper';

const twoBrands = synthesize({ templatesDir: TWO_BRANDS_DIR });

const threeBrandsDir = mkdtempSync(join(tmpdir(), 'charter-ops-brands-'));
function writeBrand(domain: string, brandJson: string): void {
  mkdirSync(join(threeBrandsDir, domain));
  writeFileSync(join(threeBrandsDir, domain, 'brand.json'), brandJson);
}
for (const domain of ['sailjada.com', 'queenofsandiego.com']) {
  writeBrand(domain, readFileSync(join(TWO_BRANDS_DIR, domain, 'brand.json'), 'utf8'));
}
writeBrand(
  'harborsunsets.com',
  JSON.stringify({
    brandName: 'Harbor Sunsets',
    colours: { primary: '#123456', accent: '#abcdef', background: '#ffffff', text: '#000000' },
    logo: '/assets/logo.svg',
    senderAddress: 'hello@harborsunsets.com',
  }),
);
const threeBrands = synthesize({ templatesDir: threeBrandsDir });
afterAll(() => rmSync(threeBrandsDir, { recursive: true, force: true }));

/** Guest buckets only: the access-log bucket is shared, not per brand. */
function guestBuckets(template = twoBrands.dataTemplate) {
  return resourcesOf(template, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('GuestSiteBucket'));
}

describe('guest sites, one per brand domain', () => {
  it('gives two domains two buckets, distributions, CloudFront Functions and SES identities', () => {
    const template = twoBrands.dataTemplate;
    expect(guestBuckets()).toHaveLength(2);
    template.resourceCountIs('AWS::CloudFront::Distribution', 2);
    template.resourceCountIs('AWS::CloudFront::Function', 2);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.resourceCountIs('AWS::SES::EmailIdentity', 2);
  });

  it('gives a third domain, added as one brand folder, a third of each', () => {
    const template = threeBrands.dataTemplate;
    expect(guestBuckets(template)).toHaveLength(3);
    template.resourceCountIs('AWS::CloudFront::Distribution', 3);
    template.resourceCountIs('AWS::CloudFront::Function', 3);
    template.resourceCountIs('AWS::SES::EmailIdentity', 3);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'harborsunsets.com' });
    expect(JSON.stringify(threeBrands.servicesTemplate.toJSON())).toContain(
      '{\\"harborsunsets.com\\":{\\"bucket\\"',
    );
  });

  it('publishes the three DKIM records of each sending domain for its DNS', () => {
    const outputs = Object.keys(twoBrands.dataTemplate.toJSON().Outputs);
    for (const domain of ['sailjada', 'queenofsandiego']) {
      expect(outputs.filter((name) => name.startsWith(`Sender${domain}comDkimRecord`))).toHaveLength(3);
    }
  });

  it('keeps buckets private, encrypted, versioned and TLS-only', () => {
    for (const [id, bucket] of guestBuckets()) {
      expect({ id, ...bucket.Properties }).toMatchObject({
        id,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    }
  });

  it('lets only its own distribution read a guest bucket, through Origin Access Control', () => {
    const policies = resourcesOf(twoBrands.dataTemplate, 'AWS::S3::BucketPolicy').filter(([, p]) =>
      String(p.Properties.Bucket.Ref).startsWith('GuestSiteBucket'),
    );
    expect(policies).toHaveLength(2);
    for (const [, policy] of policies) {
      const bucketId = policy.Properties.Bucket.Ref as string;
      const statements = policy.Properties.PolicyDocument.Statement as Record<string, CfnJson>[];
      const allows = statements.filter((s) => s.Effect === 'Allow');
      const denies = statements.filter((s) => s.Effect === 'Deny');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
      });
      const sourceArn = JSON.stringify(allows[0]!.Condition.StringEquals['AWS:SourceArn']);
      const distributionId = sourceArn.match(/"Ref":"(\w+Distribution\w+)"/)?.[1];
      const distribution = twoBrands.dataTemplate.toJSON().Resources[distributionId!];
      expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins)).toContain(bucketId);
      // The other statement refuses plain HTTP to everyone.
      expect(denies).toEqual([
        expect.objectContaining({
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Principal: { AWS: '*' },
        }),
      ]);
    }
  });

  it('deploys the CloudFront Function from infra/functions/guest-rewrite.js unchanged', () => {
    const source = readFileSync(REWRITE_FUNCTION_PATH, 'utf8');
    for (const [, fn] of resourcesOf(twoBrands.dataTemplate, 'AWS::CloudFront::Function')) {
      expect(fn.Properties.FunctionCode).toBe(source);
      expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      expect(fn.Properties.AutoPublish).toBe(true);
    }
  });

  it('runs the function on viewer-request and caches HTML for five minutes', () => {
    expect(HTML_CACHE_TTL.toSeconds()).toBe(300);
    twoBrands.dataTemplate.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 300, MaxTTL: 300, MinTTL: 0 }),
    });
    for (const [, distribution] of resourcesOf(twoBrands.dataTemplate, 'AWS::CloudFront::Distribution')) {
      const config = distribution.Properties.DistributionConfig;
      expect(config.DefaultCacheBehavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        FunctionAssociations: [{ EventType: 'viewer-request' }],
        CachePolicyId: { Ref: expect.stringMatching(/HtmlCachePolicy/) },
      });
      expect(config.Logging.Prefix).toMatch(/^cloudfront\//);
      expect(config.Aliases).toBeUndefined();
    }
  });

  it('serves a custom domain with its certificate and TLS 1.2 when configured', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    const { dataTemplate } = synthesize({
      context: {
        sites: { 'sailjada.com': { domainNames: ['sailjada.com', 'www.sailjada.com'], certificateArn } },
      },
    });
    dataTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['sailjada.com', 'www.sailjada.com'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });

  it('refuses site settings for a domain that has no brand folder', () => {
    expect(() => synthesize({ context: { sites: { 'unknown.com': {} } } })).toThrow(
      /unknown\.com, which has no templates\/<domain>\/brand\.json/,
    );
  });

  it('answers 403 and 404 from the bucket with the brand’s 404.html, status 404, for a minute', () => {
    const distributions = resourcesOf(twoBrands.dataTemplate, 'AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(2);
    for (const [, distribution] of distributions) {
      const config = (distribution as CfnJson).Properties.DistributionConfig;
      expect(config.CustomErrorResponses).toEqual([
        { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
        { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
      ]);
    }
  });

  it('serves /photos/* with the sandboxing CSP and nosniff of the edge description, overriding the origin', () => {
    const template = twoBrands.dataTemplate;
    template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 2);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: PHOTO_CONTENT_SECURITY_POLICY, Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    const policies = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy').map(([id]) => id);
    for (const [, distribution] of resourcesOf(template, 'AWS::CloudFront::Distribution')) {
      const behaviors = (distribution as CfnJson).Properties.DistributionConfig.CacheBehaviors as CfnJson[];
      const photos = behaviors.find((b) => b.PathPattern === '/photos/*');
      expect(policies).toContain(photos?.ResponseHeadersPolicyId?.Ref);
    }
  });
});
