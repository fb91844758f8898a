/**
 * SccService: ShipCaptainCrew behind an HTTP API: events (X-Service-Key), crew magic links and pages, photo
 * upload presigns. It emails crew through SES from the brand domains.
 *
 * Must never invalidate CloudFront or write guest pages: it may only send raw email from the brand
 * identities and presign uploads under photos/ of the brand buckets.
 *
 * Two functions from the one SCC bundle, each with only its own partitions of the table (table-access.ts):
 * - Service: crew pages, magic links, presigns, the events API. SCC's events, crew feeds, crew answers
 *   (CONFIRM#) and its own idempotency markers; never a booking (BOOKING#: prices, internal notes).
 * - GuestMail (`/guest-mail/*`): guest email and its unsubscribe pages. Renders from the booking's guestView,
 *   so it alone may read booking items, and only read them.
 */
import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MARKER_NAMESPACE, PARTITION_PREFIX } from '../../../src/store/keys';
import type { LambdaBundle } from '../lambda-bundles';
import { type BrandSender, type BrandSite, PHOTOS_PREFIX } from './brand-resources';
import { HttpEndpoint } from './http-endpoint';
import type { Secrets } from './secrets';
import { type ServiceDefaults, ServiceFunction } from './service-function';
import { grantTableAccess, startingWith } from './table-access';

/** What the crew-facing SCC function reaches in the table (read and write), by partition. */
export const SCC_PARTITIONS = [
  PARTITION_PREFIX.scc,
  PARTITION_PREFIX.sccCrew,
  PARTITION_PREFIX.confirm,
  PARTITION_PREFIX.timeOff,
  `${PARTITION_PREFIX.idempotency}${MARKER_NAMESPACE.sccEvents}`,
].map(startingWith);

/** What SCC's guest-mail function reaches: its own records, and booking items read-only. */
export const SCC_GUEST_MAIL_PARTITIONS = {
  read: [startingWith(PARTITION_PREFIX.booking)],
  readWrite: [startingWith(PARTITION_PREFIX.guestMail), startingWith(PARTITION_PREFIX.guestMailSes)],
};

export interface SccServiceProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly table: dynamodb.ITable;
  readonly secrets: Secrets;
  readonly sites: readonly BrandSite[];
  readonly senders: readonly BrandSender[];
  /**
   * sha256(SERVICE_KEY + PASSWORD_SALT), hex. Not a secret on its own: the salt is, and it lives in Secrets
   * Manager (PASSWORD_SALT_SECRET_ID), never in the template, so the hash cannot be attacked offline from it.
   */
  readonly serviceKeyHash: string;
  readonly photoMaxBytes: number;
  /** Base URL that crew magic links point at; default this service's API URL. */
  readonly publicUrl?: string;
  /** The SES configuration set every send names, so bounces and complaints come back (MailFeedback). */
  readonly configurationSet?: { readonly name: string; readonly arn: string };
}

export class SccService extends Construct {
  readonly service: ServiceFunction;
  /** `/guest-mail/*`: the only SCC function that may read a booking. */
  readonly guestMail: ServiceFunction;
  readonly endpoint: HttpEndpoint;

  constructor(scope: Construct, id: string, props: SccServiceProps) {
    super(scope, id);
    const environment = {
      SERVICE_KEY_HASH: props.serviceKeyHash,
      PHOTO_MAX_BYTES: String(props.photoMaxBytes),
    };
    this.service = new ServiceFunction(this, 'Service', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'ShipCaptainCrew: crew events, magic links, crew pages, photo uploads',
      timeout: Duration.seconds(15),
      environment,
    });
    this.guestMail = new ServiceFunction(this, 'GuestMail', {
      bundle: props.bundle,
      defaults: props.defaults,
      description: 'ShipCaptainCrew guest mail: guest emails and their unsubscribe pages',
      timeout: Duration.seconds(15),
      environment,
    });
    const fn = this.service.function;
    grantTableAccess(this.service, props.table, {
      readWrite: SCC_PARTITIONS,
      indexQuery: [startingWith(PARTITION_PREFIX.sccCrew)],
    });
    grantTableAccess(this.guestMail, props.table, SCC_GUEST_MAIL_PARTITIONS);
    for (const service of [this.service, this.guestMail]) {
      service.useSecrets(props.secrets, ['MAGIC_LINK_SECRET', 'PASSWORD_SALT']);
      if (props.senders.length > 0) {
        service.allow(
          new iam.PolicyStatement({
            sid: 'SendEmailFromBrandDomains',
            actions: ['ses:SendRawEmail'],
            // A send that names a configuration set is authorized on it as well as on the identity.
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html
            resources: [
              ...props.senders.map((sender) => sender.identity.emailIdentityArn),
              ...(props.configurationSet ? [props.configurationSet.arn] : []),
            ],
          }),
        );
      }
      if (props.configurationSet) {
        service.function.addEnvironment('SES_CONFIGURATION_SET', props.configurationSet.name);
      }
    }
    if (props.sites.length > 0) {
      // A presigned POST carries the signer's permissions: this is all an upload can ever do.
      this.service.allow(
        new iam.PolicyStatement({
          sid: 'PresignPhotoUploads',
          actions: ['s3:PutObject'],
          resources: props.sites.map((site) => site.bucket.arnForObjects(`${PHOTOS_PREFIX}*`)),
        }),
      );
    }

    this.service.justifyWildcardResources({
      resource: /\/photos\/\*$/,
      reason:
        'photos/* of each brand bucket: upload keys are chosen per booking when the upload is presigned.',
    });

    this.endpoint = new HttpEndpoint(this, 'Endpoint', {
      description: 'ShipCaptainCrew API and crew pages',
      handler: fn,
      routes: [
        { path: '/', methods: [apigw.HttpMethod.ANY] },
        { path: '/{proxy+}', methods: [apigw.HttpMethod.ANY] },
        { path: '/guest-mail/{proxy+}', methods: [apigw.HttpMethod.ANY], handler: this.guestMail.function },
      ],
      throttle: { rateLimit: 20, burstLimit: 40 },
      logRetention: props.defaults.logRetention,
      authenticatedBy:
        'X-Service-Key (salted sha256, constant-time) for the API; HMAC-signed, expiring magic links for crew pages and presigns',
    });
    // The function's own URL: references the API, not the other way round, so there is no cycle.
    for (const service of [this.service, this.guestMail]) {
      service.function.addEnvironment('PUBLIC_BASE_URL', props.publicUrl ?? this.endpoint.url);
    }
  }
}
