import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { synthesize } from './synth-helper';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not fixed or justified in code', () => {
    expect(() => synthesize({ nag: true })).not.toThrow();
  });

  it('passes with a custom domain and an alarm email too', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    expect(() =>
      synthesize({
        nag: true,
        context: {
          alarmEmail: 'ops@sailjada.com',
          sites: { 'sailjada.com': { domainNames: ['sailjada.com'], certificateArn } },
        },
      }),
    ).not.toThrow();
  });

  it('still fails on a wildcard resource nobody justified', () => {
    expect(() =>
      synthesize({
        nag: true,
        beforeSynth: ({ services }) =>
          services.slack.service.allow(
            new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::elsewhere/*'] }),
          ),
      }),
    ).toThrow(/AwsSolutions-IAM5\[Resource::arn:aws:s3:::elsewhere\/\*\]/);
  });

  it('still fails on a wildcard action, even on a justified resource', () => {
    expect(() =>
      synthesize({
        nag: true,
        beforeSynth: ({ services, data }) =>
          services.reconciler.service.allow(
            new iam.PolicyStatement({
              actions: ['s3:Get*'],
              resources: [data.sites[0]!.bucket.arnForObjects('g/*')],
            }),
          ),
      }),
    ).toThrow(/AwsSolutions-IAM5\[Action::s3:Get\*\]/);
  });
});
