/**
 * The project runs on Node 24, the Lambda runtime (NODEJS_24_X), whatever Node the machine has: package.json
 * pins the `node` package as a dev dependency, and npm scripts put node_modules/.bin (its `node`) first on
 * PATH, so `npm test` and every `#!/usr/bin/env node` tool it starts (vitest, tsx) run on it.
 *
 * These tests fail when the suite was started on another Node (for example `/usr/bin/node
 * node_modules/.bin/vitest`), or when a script would pick up the machine's `node` instead of the pinned one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_TARGET } from '../../../infra/lib/lambda-bundles';

const major = (version: string): number => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('the Node the tests run on', () => {
  it('is major 24, the Lambda runtime', () => {
    expect(major(process.versions.node)).toBe(24);
  });

  it('is what `node` means on the PATH npm scripts see, so shebang tools run on it too', () => {
    const printed = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
    expect(printed).toMatch(/^v24\./);
  });

  it('is the major the Lambda bundles target and the version package.json pins', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
      devDependencies: { node: string };
    };
    expect(NODE_TARGET).toBe('node24');
    expect(major(pkg.devDependencies.node)).toBe(24);
    expect(pkg.engines.node).toBe('24.x');
  });
});
