import { describe, expect, it } from 'vitest';
import { AppConfigError, readSettings } from '../../../infra/lib/app-config';
import { retentionOf } from '../../../infra/lib/log-retention';
import { cdkJsonContext } from './synth-helper';

const real = {
  'charter-ops:slackOpsChannel': 'C0123ABCD',
  'charter-ops:sccServiceKeyHash': 'a'.repeat(64),
};
const lookup = (context: Record<string, unknown>) => (key: string) => context[key];

describe('reading the deployment settings from CDK context', () => {
  it('fills defaults around the required settings', () => {
    const settings = readSettings(lookup(real), { placeholdersAllowed: false });
    expect(settings).toMatchObject({
      stackPrefix: 'CharterOps',
      slackOpsChannel: 'C0123ABCD',
      photoMaxBytes: 15 * 1024 * 1024,
      logRetentionDays: 30,
      existingSecrets: [],
      sites: {},
      allowPlaceholders: false,
    });
  });

  it('names every missing setting and what to put there', () => {
    expect(() => readSettings(lookup({}), { placeholdersAllowed: true })).toThrow(AppConfigError);
    expect(() => readSettings(lookup({}), { placeholdersAllowed: true })).toThrow(
      /charter-ops:slackOpsChannel is not set: .*\n.*charter-ops:sccServiceKeyHash is not set: .*npm run scc:hash-key/,
    );
  });

  it('refuses a service key hash that is not a sha256 in hex', () => {
    expect(() =>
      readSettings(lookup({ ...real, 'charter-ops:sccServiceKeyHash': 'my-key' }), {
        placeholdersAllowed: false,
      }),
    ).toThrow(/charter-ops:sccServiceKeyHash is invalid: set it to 64 hex characters/);
  });

  it('accepts the synth-only placeholders of cdk.json when no AWS account is in play', () => {
    const settings = readSettings(lookup(cdkJsonContext()), { placeholdersAllowed: true });
    expect(settings.sccServiceKeyHash).toMatch(/^SYNTH-ONLY/);
  });

  it('refuses placeholders when synthesizing for an account, naming each one', () => {
    expect(() => readSettings(lookup(cdkJsonContext()), { placeholdersAllowed: false })).toThrow(
      /synth-only placeholder values:\n {2}- charter-ops:slackOpsChannel\n {2}- charter-ops:sccServiceKeyHash\n/,
    );
  });

  it('refuses a salt in context: it would sit in the template beside the hash', () => {
    expect(() =>
      readSettings(lookup({ ...real, 'charter-ops:sccPasswordSalt': 'pepper' }), {
        placeholdersAllowed: true,
      }),
    ).toThrow(/sccPasswordSalt is no longer read: remove it.*Secrets Manager/);
  });

  it('lets CI that synthesizes with credentials opt in to placeholders explicitly', () => {
    const context = { ...cdkJsonContext(), 'charter-ops:allowPlaceholders': 'true' };
    expect(readSettings(lookup(context), { placeholdersAllowed: false }).allowPlaceholders).toBe(true);
  });

  it('parses -c values given as strings (numbers, lists, objects)', () => {
    const settings = readSettings(
      lookup({
        ...real,
        'charter-ops:photoMaxBytes': '5000000',
        'charter-ops:existingSecrets': '["/sailjada/dashboard/AUTH_TOKEN"]',
        'charter-ops:sites': '{"sailjada.com":{}}',
      }),
      { placeholdersAllowed: false },
    );
    expect(settings.photoMaxBytes).toBe(5_000_000);
    expect(settings.existingSecrets).toEqual(['/sailjada/dashboard/AUTH_TOKEN']);
    expect(settings.sites).toEqual({ 'sailjada.com': {} });
  });

  it('needs a us-east-1 certificate for custom domain names', () => {
    const withDomain = (site: object) => lookup({ ...real, 'charter-ops:sites': { 'sailjada.com': site } });
    expect(() =>
      readSettings(withDomain({ domainNames: ['sailjada.com'] }), { placeholdersAllowed: false }),
    ).toThrow(/sites\.sailjada\.com\.certificateArn is not set/);
    expect(() =>
      readSettings(
        withDomain({
          domainNames: ['sailjada.com'],
          certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc',
        }),
        { placeholdersAllowed: false },
      ),
    ).toThrow(/us-east-1/);
  });

  it('turns log retention days into a CloudWatch retention, refusing periods it does not offer', () => {
    expect(retentionOf(30)).toBe(30);
    expect(() => retentionOf(31)).toThrow(/logRetentionDays is invalid: 31/);
  });
});
