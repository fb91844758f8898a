/**
 * Bundles the Lambda entry points with esbuild into dist/<name>/index.mjs (+ .map, + templates/ where the
 * handler needs them), with the same options the CDK app uses (lambda-bundles.ts). Used by `npm run build`.
 *
 * Never bundles a half-present set silently: missing entry points are reported by name.
 */
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import {
  ESM_REQUIRE_BANNER,
  LAMBDA_BUNDLES,
  type LambdaBundle,
  MAIN_FIELDS,
  type MissingEntry,
  NODE_TARGET,
} from './lambda-bundles';

export interface BundleOptions {
  readonly projectRoot: string;
  /** Default <projectRoot>/dist. */
  readonly outDir?: string;
  readonly bundles?: readonly LambdaBundle[];
}

export interface BuiltBundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly withTemplates: boolean;
}

export interface BundleResult {
  readonly built: readonly BuiltBundle[];
  /** Entry points that do not exist (yet): [name, entry path]. */
  readonly missing: readonly MissingEntry[];
}

/** Builds every bundle whose entry exists; lists the rest in `missing` instead of failing on the first. */
export async function bundleLambdas(options: BundleOptions): Promise<BundleResult> {
  const { projectRoot } = options;
  const outDir = options.outDir ?? join(projectRoot, 'dist');
  const bundles = options.bundles ?? LAMBDA_BUNDLES;
  const built: BuiltBundle[] = [];
  const missing: MissingEntry[] = [];

  for (const bundle of bundles) {
    const entry = join(projectRoot, bundle.entry);
    if (!existsSync(entry)) {
      missing.push([bundle.name, bundle.entry]);
      continue;
    }
    const folder = join(outDir, bundle.name);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'index.mjs');
    await build({
      entryPoints: [entry],
      outfile: file,
      absWorkingDir: projectRoot,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: NODE_TARGET,
      minify: true,
      sourcemap: true,
      // Stack traces need the mappings only; leaving the sources out keeps the map small.
      sourcesContent: false,
      mainFields: MAIN_FIELDS,
      banner: { js: ESM_REQUIRE_BANNER },
      alias: bundle.aliases?.(projectRoot),
      logLevel: 'warning',
    });
    if (bundle.withTemplates) {
      cpSync(join(projectRoot, 'templates'), join(folder, 'templates'), { recursive: true });
    }
    built.push({
      name: bundle.name,
      file: relative(projectRoot, file),
      bytes: statSync(file).size,
      sourceMapBytes: statSync(`${file}.map`).size,
      withTemplates: bundle.withTemplates,
    });
  }
  return { built, missing };
}
