import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashServiceKey } from '../../../src/scc/service-key';

/** Runs `npm run scc:hash-key`'s script the way npm would, with only the environment given. */
function hashKey(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/scc/hash-key-cli.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    input: input ?? '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SALT = 'pepper-salt-of-32-bytes-0123456';

describe('npm run scc:hash-key', () => {
  it('prints sha256(key + PASSWORD_SALT) for a key on the command line', () => {
    const { status, stdout } = hashKey(['my-service-key-of-24-byte'], { PASSWORD_SALT: SALT });
    expect(status).toBe(0);
    expect(stdout).toBe(`${hashServiceKey('my-service-key-of-24-byte', SALT)}\n`);
  });

  it('reads the key from stdin, dropping only the trailing newline', () => {
    const { status, stdout } = hashKey([], { PASSWORD_SALT: SALT }, 'my-service-key-of-24-byte\n');
    expect(status).toBe(0);
    expect(stdout).toBe(`${hashServiceKey('my-service-key-of-24-byte', SALT)}\n`);
  });

  it('--generate makes a random 32-byte key and prints it with its hash', () => {
    const first = hashKey(['--generate'], { PASSWORD_SALT: SALT });
    const second = hashKey(['--generate'], { PASSWORD_SALT: SALT });
    expect(first.status).toBe(0);
    const [, key, hash] =
      /^SERVICE_KEY=([0-9a-f]{64})\nSERVICE_KEY_HASH=([0-9a-f]{64})\n$/.exec(first.stdout) ?? [];
    expect(hash).toBe(hashServiceKey(key ?? '', SALT));
    expect(second.stdout).not.toBe(first.stdout);
    expect(first.stdout).not.toContain(SALT);
  });

  it('refuses a key or a salt shorter than 16 bytes', () => {
    const shortKey = hashKey(['short-key'], { PASSWORD_SALT: SALT });
    const shortSalt = hashKey(['my-service-key-of-24-byte'], { PASSWORD_SALT: 'pepper' });
    expect(shortKey.status).toBe(2);
    expect(shortKey.stderr).toContain('too short');
    expect(shortSalt.status).toBe(2);
    expect(shortSalt.stderr).toContain('PASSWORD_SALT is too short');
    expect(shortSalt.stderr).not.toContain('pepper');
  });

  it('refuses without PASSWORD_SALT and says which variable to set', () => {
    const { status, stdout, stderr } = hashKey(['my-service-key'], {});
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('PASSWORD_SALT is not set');
    expect(stderr).not.toContain('my-service-key');
  });
});
