/**
 * DataStack: everything that holds state or identity and must outlive any redeploy of the services: the
 * booking table, one guest site (bucket + distribution) and SES identity per brand domain, the access-log
 * bucket and the secrets. Stateful resources have fixed logical ids and are retained if the stack goes.
 *
 * Must never depend on the services stack: data flows one way, from here to there.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { BookingTable } from '../constructs/booking-table';
import type { BrandSender, BrandSite } from '../constructs/brand-resources';
import { GuestSite } from '../constructs/guest-site';
import { Secrets } from '../constructs/secrets';
import { SendingIdentity } from '../constructs/sending-identity';

export const TABLE_LOGICAL_ID = 'BookingTable';
export const ACCESS_LOG_BUCKET_LOGICAL_ID = 'AccessLogBucket';

/** Stable logical id of a brand's bucket: GuestSiteBucket + the domain in PascalCase (sailjada.com → SailjadaCom). */
export function guestBucketLogicalId(domain: string): string {
  const pascal = domain
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return `GuestSiteBucket${pascal}`;
}

export interface DataStackSite {
  readonly domain: string;
  readonly domainNames?: readonly string[];
  readonly certificateArn?: string;
}

export interface DataStackProps extends StackProps {
  /** One entry per brand domain (templates/<domain>/brand.json). */
  readonly sites: readonly DataStackSite[];
  /** infra/functions/guest-rewrite.js */
  readonly rewriteFunctionPath: string;
  /** Secret names that already exist in the account. */
  readonly existingSecrets?: readonly string[];
}

export class DataStack extends Stack {
  readonly table: BookingTable;
  readonly sites: readonly BrandSite[];
  readonly senders: readonly BrandSender[];
  readonly secrets: Secrets;
  readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    if (props.sites.length === 0) throw new Error('DataStack: at least one brand domain is needed');
    const logicalIds = new Map<string, string>();
    for (const { domain } of props.sites) {
      const logicalId = guestBucketLogicalId(domain);
      const clash = logicalIds.get(logicalId);
      if (clash) throw new Error(`DataStack: ${domain} and ${clash} would share the logical id ${logicalId}`);
      logicalIds.set(logicalId, domain);
    }

    this.table = new BookingTable(this, 'Bookings', { logicalId: TABLE_LOGICAL_ID });
    this.accessLogBucket = this.createAccessLogBucket();
    this.secrets = new Secrets(this, 'Secrets', { existing: props.existingSecrets ?? [] });

    const sites: BrandSite[] = [];
    const senders: BrandSender[] = [];
    for (const site of props.sites) {
      const guestSite = new GuestSite(this, `Site-${site.domain}`, {
        domain: site.domain,
        bucketLogicalId: guestBucketLogicalId(site.domain),
        rewriteFunctionPath: props.rewriteFunctionPath,
        accessLogBucket: this.accessLogBucket,
        ...(site.domainNames ? { domainNames: site.domainNames } : {}),
        ...(site.certificateArn ? { certificateArn: site.certificateArn } : {}),
      });
      sites.push({ domain: site.domain, bucket: guestSite.bucket, distribution: guestSite.distribution });
      const sender = new SendingIdentity(this, `Sender-${site.domain}`, { domain: site.domain });
      senders.push({ domain: site.domain, identity: sender.identity });

      new CfnOutput(guestSite, 'Url', {
        description: `Guest pages of ${site.domain} (point the domain here, or set charter-ops:sites)`,
        value: `https://${guestSite.distribution.distributionDomainName}`,
      });
    }
    this.sites = sites;
    this.senders = senders;

    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
  }

  private createAccessLogBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging still delivers through a bucket ACL.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    (bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(ACCESS_LOG_BUCKET_LOGICAL_ID);
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging its own access would log the logging.',
    });
    return bucket;
  }
}
