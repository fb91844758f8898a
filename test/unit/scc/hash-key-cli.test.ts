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

describe('npm run scc:hash-key', () => {
  it('prints sha256(key + PASSWORD_SALT) for a key on the command line', () => {
    const { status, stdout } = hashKey(['my-service-key'], { PASSWORD_SALT: 'pepper' });
    expect(status).toBe(0);
    expect(stdout).toBe(`${hashServiceKey('my-service-key', 'pepper')}\n`);
  });

  it('reads the key from stdin, dropping only the trailing newline', () => {
    const { status, stdout } = hashKey([], { PASSWORD_SALT: 'pepper' }, 'my-service-key\n');
    expect(status).toBe(0);
    expect(stdout).toBe(`${hashServiceKey('my-service-key', 'pepper')}\n`);
  });

  it('refuses without PASSWORD_SALT and says which variable to set', () => {
    const { status, stdout, stderr } = hashKey(['my-service-key'], {});
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('PASSWORD_SALT is not set');
    expect(stderr).not.toContain('my-service-key');
  });
});
