import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambdas } from '../../../infra/lib/bundle-lambdas';
import { describeMissing, LAMBDA_BUNDLES, type LambdaBundle } from '../../../infra/lib/lambda-bundles';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'charter-ops-bundle-'));
  // A CommonJS dependency that requires a Node built-in: what the createRequire banner exists for.
  write(
    'node_modules/legacy-greeter/package.json',
    JSON.stringify({ name: 'legacy-greeter', main: 'index.js' }),
  );
  write(
    'node_modules/legacy-greeter/index.js',
    "const path = require('node:path');\nmodule.exports = (name) => 'hello ' + name + ' from ' + path.basename('/x/y.txt');\n",
  );
  write(
    'src/handlers/greeter.ts',
    "import greet from 'legacy-greeter';\nexport async function handler(event: { name: string }, _context: unknown) {\n  return greet(event.name);\n}\n",
  );
  write('templates/example.com/brand.json', '{"brandName":"Example"}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const greeter: LambdaBundle = { name: 'slack', entry: 'src/handlers/greeter.ts', withTemplates: true };

describe('npm run build (bundleLambdas)', () => {
  it('writes a minified ESM bundle with a source map that runs on Node, CommonJS dependencies included', async () => {
    const { built, missing } = await bundleLambdas({ projectRoot: root, bundles: [greeter] });
    expect(missing).toEqual([]);
    expect(built).toEqual([
      expect.objectContaining({ name: 'slack', file: join('dist', 'slack', 'index.mjs') }),
    ]);
    const file = join(root, 'dist/slack/index.mjs');
    const code = readFileSync(file, 'utf8');
    expect(code.startsWith('import { createRequire as')).toBe(true);
    expect(code).toContain('//# sourceMappingURL=index.mjs.map');
    expect(existsSync(`${file}.map`)).toBe(true);
    const bundle = (await import(pathToFileURL(file).href)) as {
      handler: (e: unknown, c: unknown) => Promise<string>;
    };
    await expect(bundle.handler({ name: 'crew' }, {})).resolves.toBe('hello crew from y.txt');
  });

  it('copies templates/ next to the bundle when the handler reads them', async () => {
    await bundleLambdas({ projectRoot: root, bundles: [greeter] });
    expect(readFileSync(join(root, 'dist/slack/templates/example.com/brand.json'), 'utf8')).toContain(
      'Example',
    );
    await bundleLambdas({ projectRoot: root, bundles: [{ ...greeter, withTemplates: false }] });
    expect(existsSync(join(root, 'dist/slack/templates'))).toBe(false);
  });

  it('replaces aliased packages the function never runs with the given module', async () => {
    write('src/stub.ts', 'export default () => "stubbed";\n');
    const aliased: LambdaBundle = {
      ...greeter,
      aliases: (r) => ({ 'legacy-greeter': join(r, 'src/stub.ts') }),
    };
    await bundleLambdas({ projectRoot: root, bundles: [aliased] });
    const code = readFileSync(join(root, 'dist/slack/index.mjs'), 'utf8');
    expect(code).not.toContain('hello ');
    expect(code).toContain('stubbed');
  });

  it('leaves Bolt receivers the Slack Lambda never builds out of its bundle', () => {
    const slack = LAMBDA_BUNDLES.find((b) => b.name === 'slack');
    expect(Object.keys(slack?.aliases?.('/repo') ?? {})).toEqual(
      expect.arrayContaining(['express', '@slack/socket-mode', '@slack/oauth']),
    );
  });

  it('builds what exists and names every missing entry point', async () => {
    const absent: LambdaBundle = { name: 'scc', entry: 'src/handlers/scc.ts', withTemplates: true };
    const { built, missing } = await bundleLambdas({ projectRoot: root, bundles: [greeter, absent] });
    expect(built.map((b) => b.name)).toEqual(['slack']);
    expect(missing).toEqual([['scc', 'src/handlers/scc.ts']]);
    expect(describeMissing(missing)).toBe(
      'Cannot bundle 1 Lambda entry point(s):\n  - scc: src/handlers/scc.ts does not exist\nEach entry point must exist and export `handler(event, context)`.',
    );
  });

  it('knows the five entry points of Charter Ops', () => {
    expect(LAMBDA_BUNDLES.map((b) => b.entry)).toEqual([
      'src/handlers/slack.ts',
      'src/handlers/reconciler.ts',
      'src/handlers/scc.ts',
      'src/handlers/dashboard.ts',
      'src/handlers/mail-feedback.ts',
    ]);
  });
});
