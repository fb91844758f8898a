/**
 * Finding 4 of #14, "PASSWORD_SALT is a plain Lambda environment variable beside SERVICE_KEY_HASH": whoever
 * could read the template could brute-force a weak service key offline with one SHA-256 per guess. Now the
 * salt is a Secrets Manager secret the stack generates, SCC refuses a salt under 16 bytes and
 * `npm run scc:hash-key -- --generate` makes a 32-byte key.
 */
import { describe, expect, it } from 'vitest';
import { AppConfigError, readSettings } from '../../infra/lib/app-config';
import { SECRET_NAMES } from '../../infra/lib/constructs/secrets';
import { loadSccConfig } from '../../src/config/scc';
import { hashServiceKey } from '../../src/scc/service-key';
import { cdkJsonContext, resourcesOf, synthesize } from '../unit/infra/synth-helper';

const { servicesTemplate, dataTemplate } = synthesize();

function sccEnvironment(): Record<string, unknown> {
  const functions = resourcesOf(servicesTemplate, 'AWS::Lambda::Function');
  const scc = functions.find(([id]) => id.startsWith('Scc'));
  return scc?.[1].Properties.Environment.Variables ?? {};
}

describe('finding 4: the salt of the service key hash is never in the template', () => {
  it('SCC gets the salt’s secret id, and no template carries a PASSWORD_SALT value', () => {
    const variables = sccEnvironment();
    expect(variables.SERVICE_KEY_HASH).toBeDefined();
    expect(variables.PASSWORD_SALT_SECRET_ID).toBe(SECRET_NAMES.PASSWORD_SALT);
    expect(variables).not.toHaveProperty('PASSWORD_SALT');
    for (const template of [servicesTemplate, dataTemplate]) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/"PASSWORD_SALT"\s*:/);
    }
  });

  it('the stack creates the salt as a generated secret with no value in the template', () => {
    const secrets = resourcesOf(dataTemplate, 'AWS::SecretsManager::Secret').map(([, r]) => r.Properties);
    const salt = secrets.find((s) => s.Name === SECRET_NAMES.PASSWORD_SALT);
    expect(salt?.GenerateSecretString).toBeDefined();
    expect(salt).not.toHaveProperty('SecretString');
  });

  it('a salt given as CDK context (the old way) is refused, so it cannot slip back into the template', () => {
    const context: Record<string, unknown> = { ...cdkJsonContext(), 'charter-ops:sccPasswordSalt': 'pepper' };
    expect(() => readSettings((key) => context[key], { placeholdersAllowed: true })).toThrow(AppConfigError);
  });

  it('SCC refuses to start with a salt shorter than 16 bytes', () => {
    const env = {
      SERVICE_KEY_HASH: hashServiceKey('k', 'short-salt'),
      PASSWORD_SALT: 'short-salt',
      MAGIC_LINK_SECRET: 'x'.repeat(40),
      PUBLIC_BASE_URL: 'http://localhost:3000/scc',
    };
    expect(() => loadSccConfig(env)).toThrow(/PASSWORD_SALT is too short/);
  });
});
