import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PHOTO_MAX_BYTES, loadChecklists, loadSccConfig } from '../../../src/config/scc';
import { DEFAULT_CHECKLISTS } from '../../../src/domain';
import { ConfigError } from '../../../src/errors';
import { hashServiceKey } from '../../../src/scc/service-key';

const env = {
  SERVICE_KEY_HASH: hashServiceKey('key', 'salt-of-sixteen-bytes'),
  PASSWORD_SALT: 'salt-of-sixteen-bytes',
  MAGIC_LINK_SECRET: 'x'.repeat(40),
  PUBLIC_BASE_URL: 'http://localhost:3000/scc/',
};

function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSccConfig', () => {
  it('reads the settings with their defaults', async () => {
    const config = loadSccConfig(env);
    expect(config).toMatchObject({
      publicBaseUrl: 'http://localhost:3000/scc',
      photoMaxBytes: DEFAULT_PHOTO_MAX_BYTES,
      magicLinkTtlHoursAfterEnd: 24,
      s3ForcePathStyle: false,
      tableName: 'charter-ops',
      uploadOrigins: ['https://*.amazonaws.com'],
    });
    expect(DEFAULT_PHOTO_MAX_BYTES).toBe(15 * 1024 * 1024);
    expect(await config.passwordSalt.get()).toBe('salt-of-sixteen-bytes');
    expect(config.magicLinkSecret.origin).toBe('env:MAGIC_LINK_SECRET');
  });

  it('refuses to start with a PASSWORD_SALT under 16 bytes, without echoing it', () => {
    expect(errorOf(() => loadSccConfig({ ...env, PASSWORD_SALT: 'fifteen-bytes!!' }))).toMatch(
      /PASSWORD_SALT is too short: use at least 16 bytes/,
    );
    expect(errorOf(() => loadSccConfig({ ...env, PASSWORD_SALT: 'fifteen-bytes!!' }))).not.toContain(
      'fifteen',
    );
  });

  it('refuses a salt from Secrets Manager under 16 bytes as soon as it is read', async () => {
    const { PASSWORD_SALT: _salt, ...rest } = env;
    const config = loadSccConfig(
      { ...rest, PASSWORD_SALT_SECRET_ID: '/sailjada/shipcaptaincrew/PASSWORD_SALT' },
      () => async () => 'short',
    );
    await expect(config.passwordSalt.get()).rejects.toThrow(/PASSWORD_SALT is too short/);
  });

  it('refuses to start without PASSWORD_SALT, naming it: there is no default salt', () => {
    const { PASSWORD_SALT: _salt, ...rest } = env;
    expect(errorOf(() => loadSccConfig(rest))).toMatch(/PASSWORD_SALT is not set/);
  });

  it('refuses to start without SERVICE_KEY_HASH, or with one that is not a sha256 hex digest', () => {
    const { SERVICE_KEY_HASH: _hash, ...rest } = env;
    expect(errorOf(() => loadSccConfig(rest))).toMatch(/SERVICE_KEY_HASH is not set/);
    expect(errorOf(() => loadSccConfig({ ...env, SERVICE_KEY_HASH: 'abc' }))).toMatch(
      /SERVICE_KEY_HASH is invalid/,
    );
  });

  it('names every missing variable at once', () => {
    const message = errorOf(() => loadSccConfig({}));
    for (const name of ['SERVICE_KEY_HASH', 'PUBLIC_BASE_URL', 'PASSWORD_SALT', 'MAGIC_LINK_SECRET']) {
      expect(message).toContain(`${name} is not set`);
    }
  });

  it('takes the magic-link secret from Secrets Manager when given its id', () => {
    const { MAGIC_LINK_SECRET: _secret, ...rest } = env;
    const config = loadSccConfig(
      { ...rest, MAGIC_LINK_SECRET_SECRET_ID: '/sailjada/scc/MAGIC_LINK_SECRET' },
      () => async () => 'y'.repeat(40),
    );
    expect(config.magicLinkSecret.origin).toBe('secretsmanager:/sailjada/scc/MAGIC_LINK_SECRET');
  });

  it('reads path-style S3 and the local S3 origin for the crew page’s upload policy', () => {
    const config = loadSccConfig({
      ...env,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569/',
    });
    expect(config.s3ForcePathStyle).toBe(true);
    expect(config.uploadOrigins).toEqual(['http://127.0.0.1:4569']);
  });

  it('links the crew page to the guest site on the brand domain, or where GUEST_SITE_URL says', () => {
    expect(loadSccConfig(env).guestSiteUrl('sailjada.com')).toBe('https://sailjada.com');
    const local = loadSccConfig({ ...env, GUEST_SITE_URL: 'http://localhost:3000/sites/{domain}/' });
    expect(local.guestSiteUrl('sailjada.com')).toBe('http://localhost:3000/sites/sailjada.com');
  });

  it('reads PHOTO_MAX_BYTES and MAGIC_LINK_TTL_HOURS_AFTER_END', () => {
    const config = loadSccConfig({
      ...env,
      PHOTO_MAX_BYTES: '1048576',
      MAGIC_LINK_TTL_HOURS_AFTER_END: '48',
    });
    expect(config.photoMaxBytes).toBe(1048576);
    expect(config.magicLinkTtlHoursAfterEnd).toBe(48);
  });
});

describe('loadChecklists', () => {
  it('uses the built-in lists when there is no checklists.json', () => {
    expect(loadChecklists('templates')).toEqual(DEFAULT_CHECKLISTS);
  });

  it('lets templates/crew/checklists.json replace the lists it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scc-checklists-'));
    try {
      mkdirSync(join(dir, 'crew'));
      writeFileSync(
        join(dir, 'crew', 'checklists.json'),
        JSON.stringify({ hostess: ['Chill the champagne'] }),
      );
      const lists = loadChecklists(dir);
      expect(lists.hostess).toEqual(['Chill the champagne']);
      expect(lists.captain).toEqual(DEFAULT_CHECKLISTS.captain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
