/**
 * The package rules (.dependency-cruiser.cjs) catch what they say they catch: each rule is run on a tiny tree
 * of modules that breaks it, and the same tree without the bad import passes. The real src/ is checked by
 * `npm run deps` (part of `npm run check`) and by the last test here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const config = join(root, '.dependency-cruiser.cjs');

/** A tree that keeps every rule: handlers → wiring → pipeline → store → domain. */
const CLEAN: Record<string, string> = {
  'src/domain/booking.ts': "import { z } from 'zod';\nexport const Booking = z.object({ id: z.string() });\n",
  'src/errors.ts': 'export class AppError extends Error {}\n',
  'src/store/booking-store.ts':
    "import { Booking } from '../domain/booking';\nexport const store = Booking;\n",
  'src/pipeline/reconciler.ts':
    "import { store } from '../store/booking-store';\nexport const reconcile = store;\n",
  'src/lifecycle/lifecycle-step.ts':
    "import { reconcile } from '../pipeline/reconciler';\nexport const lifecycleStep = reconcile;\n",
  'src/wiring/create-pipeline.ts':
    "import { lifecycleStep } from '../lifecycle/lifecycle-step';\nexport const pipeline = lifecycleStep;\n",
  'src/handlers/reconciler.ts':
    "import { pipeline } from '../wiring/create-pipeline';\nexport const handler = pipeline;\n",
  'src/dev/dev-stack.ts':
    "import { pipeline } from '../wiring/create-pipeline';\nexport const stack = pipeline;\n",
  'src/dev/main.ts': "import { stack } from './dev-stack';\nexport const main = stack;\n",
};

/**
 * imports-through-package-faces: in the clean tree each package is used through its index.ts, which names
 * what the package offers; a package's own files import each other directly.
 */
Object.assign(CLEAN, {
  'src/domain/index.ts': "export { Booking } from './booking';\n",
  'src/store/index.ts': "export { store } from './booking-store';\n",
  'src/store/booking-store.ts': "import { Booking } from '../domain';\nexport const store = Booking;\n",
  'src/pipeline/index.ts': "export { reconcile } from './reconciler';\n",
  'src/pipeline/reconciler.ts': "import { store } from '../store';\nexport const reconcile = store;\n",
  'src/pipeline/steps/guest-page.ts':
    "import { reconcile } from '../reconciler';\nexport const guestPageStep = reconcile;\n",
  'src/lifecycle/index.ts': "export { lifecycleStep } from './lifecycle-step';\n",
  'src/lifecycle/lifecycle-step.ts':
    "import { reconcile } from '../pipeline';\nexport const lifecycleStep = reconcile;\n",
  'src/wiring/index.ts': "export { pipeline } from './create-pipeline';\n",
  'src/wiring/create-pipeline.ts':
    "import { lifecycleStep } from '../lifecycle';\nexport const pipeline = lifecycleStep;\n",
  'src/handlers/reconciler.ts': "import { pipeline } from '../wiring';\nexport const handler = pipeline;\n",
  'src/dev/dev-stack.ts': "import { pipeline } from '../wiring';\nexport const stack = pipeline;\n",
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cruise(extra: Record<string, string> = {}): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dep-rules-'));
  dirs.push(dir);
  const files = { ...CLEAN, ...extra, 'tsconfig.json': '{ "compilerOptions": { "module": "ESNext" } }' };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // zod is resolvable from the fixture as it is from src/ (a library the domain may use).
  mkdirSync(join(dir, 'node_modules/zod'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/zod/package.json'), '{ "name": "zod", "main": "index.js" }');
  writeFileSync(join(dir, 'node_modules/zod/index.js'), 'export const z = {};\n');
  const run = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the package rules', () => {
  it('pass on a tree whose imports all point down', () => {
    const result = cruise();

    expect(result.output).not.toContain('error');
    expect(result.status).toBe(0);
  });

  it('fail on a cycle between two folders', () => {
    const result = cruise({
      'src/pipeline/reconciler.ts':
        "import { store } from '../store/booking-store';\nimport { lifecycleStep } from '../lifecycle/lifecycle-step';\n" +
        'export const reconcile = [store, lifecycleStep];\n',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no-folder-cycles');
  });

  it('fail when the domain imports a store', () => {
    const result = cruise({
      'src/domain/booking.ts':
        "import { z } from 'zod';\nimport { store } from '../store/booking-store';\nexport const Booking = [z, store];\n",
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('domain-is-pure');
  });

  it('fail when production code imports the dev stack', () => {
    const result = cruise({
      'src/pipeline/reconciler.ts':
        "import { store } from '../store/booking-store';\nimport { stack } from '../dev/dev-stack';\n" +
        'export const reconcile = [store, stack];\n',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('dev-only-from-dev');
  });

  it('fail when something imports an entry point', () => {
    const result = cruise({
      'src/lifecycle/lifecycle-step.ts':
        "import { reconcile } from '../pipeline/reconciler';\nimport { handler } from '../handlers/reconciler';\n" +
        'export const lifecycleStep = [reconcile, handler];\n',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('entry-points-are-leaves');
  });

  it('fail when a service reaches up into a feature', () => {
    const result = cruise({
      'src/store/booking-store.ts':
        "import { Booking } from '../domain/booking';\nimport { reconcile } from '../pipeline/reconciler';\n" +
        'export const store = [Booking, reconcile];\n',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('services-do-not-import-features');
  });
});

describe('the module-cycles rule', () => {
  // The shape it was written for: a dispatcher importing its subcommands, a subcommand importing a type back.
  const DISPATCHER = {
    'src/slack/charter.ts':
      "import { newCommand } from './charter-new';\nexport type Subcommand = () => void;\nexport const run = newCommand;\n",
    'src/slack/charter-new.ts':
      "import type { Subcommand } from './charter';\nexport const newCommand: Subcommand = () => {};\n",
  };

  it('fails on two modules of one folder that import each other, even by type only', () => {
    const result = cruise(DISPATCHER);

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no-module-cycles');
    expect(result.output).toContain('src/slack/charter-new.ts');
  });

  it('passes once the shared type lives in a module both import', () => {
    const result = cruise({
      'src/slack/subcommand.ts': 'export type Subcommand = () => void;\n',
      'src/slack/charter.ts': "import { newCommand } from './charter-new';\nexport const run = newCommand;\n",
      'src/slack/charter-new.ts':
        "import type { Subcommand } from './subcommand';\nexport const newCommand: Subcommand = () => {};\n",
    });

    expect(result.output).not.toContain('no-module-cycles');
    expect(result.status).toBe(0);
  });

  it('finds no module cycle in src/', () => {
    const run = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
    });

    expect(`${run.stdout}${run.stderr}`).not.toContain('no-module-cycles');
    expect(run.status).toBe(0);
  });
});

describe('imports-through-package-faces', () => {
  it('fails when a package imports a file of another package instead of its index', () => {
    const result = cruise({
      'src/pipeline/reconciler.ts':
        "import { store } from '../store/booking-store';\nexport const reconcile = store;\n",
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'imports-through-package-faces: src/pipeline/reconciler.ts → src/store/booking-store.ts',
    );
  });

  it('fails when a nested file reaches into a folder index below another package', () => {
    const result = cruise({
      'src/store/tables/index.ts': "export const table = 'charter-ops';\n",
      'src/pipeline/steps/guest-page.ts':
        "import { reconcile } from '../reconciler';\nimport { table } from '../../store/tables';\n" +
        'export const guestPageStep = [reconcile, table];\n',
    });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'imports-through-package-faces: src/pipeline/steps/guest-page.ts → src/store/tables/index.ts',
    );
  });

  it('passes a type-only import through the index, and files of one package importing each other', () => {
    const result = cruise({
      'src/pipeline/reconciler.ts':
        "import type { store } from '../store';\nexport const reconcile: typeof store | null = null;\n",
    });

    expect(result.output).not.toContain('imports-through-package-faces');
    expect(result.status).toBe(0);
  });
});

describe('src/', () => {
  it('keeps every package rule', () => {
    const run = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
    });

    expect(`${run.stdout}${run.stderr}`).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });
});
