import { describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../../infra/lib/constructs/secrets';
import {
  ACCESS_LOG_BUCKET_LOGICAL_ID,
  guestBucketLogicalId,
  TABLE_LOGICAL_ID,
} from '../../../infra/lib/stacks/data-stack';
import { resourcesOf, synthesize } from './synth-helper';

const { app, data, services, dataTemplate, servicesTemplate } = synthesize();
const STATEFUL_TYPES = ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret'];

describe('the stateful stack', () => {
  it('keeps the logical ids of the table, the buckets and the secrets fixed', () => {
    // A changed logical id makes CloudFormation replace the resource: these names are part of the contract.
    const ids = STATEFUL_TYPES.flatMap((type) => resourcesOf(dataTemplate, type).map(([id]) => id)).sort();
    expect(ids).toEqual(
      [
        TABLE_LOGICAL_ID,
        ACCESS_LOG_BUCKET_LOGICAL_ID,
        'GuestSiteBucketQueenofsandiegoCom',
        'GuestSiteBucketSailjadaCom',
        'SecretDashboardFeedToken',
        'SecretDashboardToken',
        'SecretMagicLinkSecret',
        'SecretPasswordSalt',
        'SecretSccServiceKey',
        'SecretSlackBotToken',
        'SecretSlackSigningSecret',
      ].sort(),
    );
    expect(TABLE_LOGICAL_ID).toBe('BookingTable');
    expect(guestBucketLogicalId('sailjada.com')).toBe('GuestSiteBucketSailjadaCom');
    expect(guestBucketLogicalId('queen-of-san-diego.co.uk')).toBe('GuestSiteBucketQueenOfSanDiegoCoUk');
  });

  it('retains every stateful resource when the stack goes or the resource is replaced', () => {
    for (const type of STATEFUL_TYPES) {
      for (const [id, resource] of Object.entries(dataTemplate.findResources(type))) {
        expect({ id, policy: resource.DeletionPolicy }).toEqual({ id, policy: 'Retain' });
        expect({ id, policy: resource.UpdateReplacePolicy }).toEqual({ id, policy: 'Retain' });
      }
    }
  });

  it('has termination protection and is deployed before the services stack', () => {
    expect(data.terminationProtection).toBe(true);
    expect(services.dependencies).toContain(data);
  });

  it('holds every table, bucket and secret; the services stack holds none', () => {
    for (const type of STATEFUL_TYPES) expect(resourcesOf(servicesTemplate, type)).toHaveLength(0);
    expect(resourcesOf(dataTemplate, 'AWS::Lambda::Function')).toHaveLength(0);
  });

  it('creates the secrets at the business paths, with generated values and nothing in the template', () => {
    const secrets = resourcesOf(dataTemplate, 'AWS::SecretsManager::Secret').map(([, r]) => r.Properties);
    expect(secrets.map((s) => s.Name).sort()).toEqual(Object.values(SECRET_NAMES).sort());
    expect(SECRET_NAMES.SCC_SERVICE_KEY).toBe('/sailjada/shipcaptaincrew/SERVICE_KEY');
    expect(SECRET_NAMES.DASHBOARD_TOKEN).toBe('/sailjada/dashboard/AUTH_TOKEN');
    for (const secret of secrets) {
      expect(secret.SecretString).toBeUndefined();
      expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    }
  });

  it('references secrets that already exist instead of creating them', () => {
    const { dataTemplate: withExisting, servicesTemplate: servicesWithExisting } = synthesize({
      context: { existingSecrets: [SECRET_NAMES.SCC_SERVICE_KEY, SECRET_NAMES.DASHBOARD_TOKEN] },
    });
    const names = resourcesOf(withExisting, 'AWS::SecretsManager::Secret').map(([, r]) => r.Properties.Name);
    expect(names).not.toContain(SECRET_NAMES.SCC_SERVICE_KEY);
    expect(names).not.toContain(SECRET_NAMES.DASHBOARD_TOKEN);
    expect(names).toHaveLength(Object.keys(SECRET_NAMES).length - 2);
    // Read access by name (the -?????? suffix Secrets Manager appends), still only to that secret.
    const policies = JSON.stringify(servicesWithExisting.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':secret:/sailjada/shipcaptaincrew/SERVICE_KEY-??????');
    expect(app.node.tryGetContext('charter-ops:existingSecrets')).toEqual([]);
  });
});
