/**
 * GuestSite: one brand domain's guest pages. A private, versioned, encrypted S3 bucket read only by its
 * CloudFront distribution (Origin Access Control), with the guest-pages CloudFront Function on viewer-request
 * deployed from infra/functions/guest-rewrite.js as is, and HTML cached for five minutes (the reconciler
 * invalidates exactly the pages it changes, so the TTL only bounds staleness if an invalidation is lost).
 * Headers per path and the error page come from the one edge description in src/guest/edge-config.ts, which
 * the local CDN serves by too.
 *
 * Must never make the bucket public or grant anything but CloudFront read access in its bucket policy.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type EdgeBehavior, GUEST_EDGE } from '../../../src/guest/edge-config';

export const HTML_CACHE_TTL = Duration.minutes(5);

export interface GuestSiteProps {
  readonly domain: string;
  /** CloudFormation logical id of the bucket; fixed so that a refactor never replaces it. */
  readonly bucketLogicalId: string;
  /** The viewer-request CloudFront Function, deployed from this file unchanged. */
  readonly rewriteFunctionPath: string;
  /** Receives S3 server access logs (s3/<domain>/) and CloudFront standard logs (cloudfront/<domain>/). */
  readonly accessLogBucket: s3.IBucket;
  /** Custom domain names for the distribution; need `certificateArn`. */
  readonly domainNames?: readonly string[];
  /** ACM certificate in us-east-1 covering `domainNames`. */
  readonly certificateArn?: string;
  readonly priceClass?: cloudfront.PriceClass;
}

export class GuestSite extends Construct {
  readonly domain: string;
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly rewriteFunction: cloudfront.Function;

  constructor(scope: Construct, id: string, props: GuestSiteProps) {
    super(scope, id);
    this.domain = props.domain;
    if (props.domainNames?.length && !props.certificateArn) {
      throw new Error(`GuestSite ${props.domain}: domainNames need a certificateArn (ACM, us-east-1)`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: `s3/${props.domain}/`,
      lifecycleRules: [
        // Versioning is the undo for a bad publish; a month of history is plenty and keeps storage flat.
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        // Crew pages upload photos straight to the bucket with a presigned POST from SCC's origin. The
        // presigned policy (key prefix, content type, size, expiry) is the authorization, not the origin.
        {
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(props.bucketLogicalId);

    this.rewriteFunction = new cloudfront.Function(this, 'GuestRewrite', {
      code: cloudfront.FunctionCode.fromFile({ filePath: props.rewriteFunctionPath }),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: `Serves /g/<slug> from g/<slug>.html on ${props.domain}`,
    });

    const htmlCachePolicy = new cloudfront.CachePolicy(this, 'HtmlCachePolicy', {
      comment: `Guest pages of ${props.domain}: five minutes, invalidated on change`,
      defaultTtl: HTML_CACHE_TTL,
      maxTtl: HTML_CACHE_TTL,
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });

    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ],
    });
    const headersPolicy = (behavior: EdgeBehavior, id: string): cloudfront.IResponseHeadersPolicy =>
      behavior.headersPolicy === 'managed-security-headers'
        ? cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS
        : responseHeadersPolicyFrom(this, id, behavior, props.domain);
    // Logos and uploaded photos never change under the same key: the long-lived managed policy suits them.
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const behavior of GUEST_EDGE.additionalBehaviors) {
      additionalBehaviors[behavior.pathPattern] = {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headersPolicy(behavior, `Headers${behavior.pathPattern.replace(/\W/g, '')}`),
        compress: true,
      };
    }
    const { errorPage } = GUEST_EDGE;
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Guest pages for ${props.domain}`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: htmlCachePolicy,
        responseHeadersPolicy: headersPolicy(GUEST_EDGE.defaultBehavior, 'HeadersDefault'),
        compress: true,
        functionAssociations: [
          { function: this.rewriteFunction, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors,
      // S3 answers CloudFront 403 for a key that is not there (no ListBucket): both become the brand's 404.
      errorResponses: errorPage.originStatuses.map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: errorPage.responseStatus,
        responsePagePath: errorPage.path,
        ttl: Duration.seconds(errorPage.ttlSeconds),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogBucket,
      logFilePrefix: `cloudfront/${props.domain}/`,
      ...(certificate && props.domainNames
        ? {
            certificate,
            domainNames: [...props.domainNames],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Guest pages are for guests wherever they travel from; no geo restriction.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static, unlisted pages behind an unguessable slug with no forms or origin compute; a WAF web ACL would cost more at rest than the whole stack.',
    });
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with one, TLSv1.2_2021 is set.',
      });
    }
  }
}

/** A response headers policy that sets exactly the description's security headers, overriding the origin. */
function responseHeadersPolicyFrom(
  scope: Construct,
  id: string,
  behavior: EdgeBehavior,
  domain: string,
): cloudfront.ResponseHeadersPolicy {
  const { headers } = behavior;
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: `${behavior.pathPattern ?? 'default'} on ${domain}`,
    securityHeadersBehavior: {
      ...(headers.contentSecurityPolicy
        ? { contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true } }
        : {}),
      contentTypeOptions: { override: true },
      frameOptions: {
        frameOption:
          headers.frameOptions === 'DENY'
            ? cloudfront.HeadersFrameOption.DENY
            : cloudfront.HeadersFrameOption.SAMEORIGIN,
        override: true,
      },
      referrerPolicy: {
        referrerPolicy:
          headers.referrerPolicy === 'no-referrer'
            ? cloudfront.HeadersReferrerPolicy.NO_REFERRER
            : cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(headers.hstsMaxAgeSeconds),
        override: true,
      },
      xssProtection: { protection: true, modeBlock: true, override: true },
    },
  });
}
