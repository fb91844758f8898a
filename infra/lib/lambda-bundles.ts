/**
 * The Lambda entry points and how each is bundled, in one place: `npm run build` (scripts/build.ts) and the CDK
 * app (ServiceFunction) both read this table, so the bundle a developer inspects is the bundle that deploys.
 *
 * Must never import aws-cdk-lib: the build script loads it without the CDK.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { slackLambdaAliases } from '../../src/slack/bundle/lambda-aliases';

export interface LambdaBundle {
  /** Short name: the dist/<name>/ folder and the construct id. */
  readonly name: 'slack' | 'reconciler' | 'scc' | 'dashboard' | 'mail-feedback';
  /** Entry file, relative to the project root; it exports `handler(event, context)`. */
  readonly entry: string;
  /** Whether the handler reads templates/ (brand.json, mustache files) at run time. */
  readonly withTemplates: boolean;
  /** esbuild aliases (package → module) that replace code the function never runs; see the Slack bench. */
  readonly aliases?: (projectRoot: string) => Record<string, string>;
}

export const LAMBDA_BUNDLES: readonly LambdaBundle[] = [
  // The Slack app lists the brands (templates/<domain>/brand.json) in its booking form.
  // Bolt requires every receiver at start-up; the Lambda uses AwsLambdaReceiver only (about half the cold import).
  { name: 'slack', entry: 'src/handlers/slack.ts', withTemplates: true, aliases: slackLambdaAliases },
  { name: 'reconciler', entry: 'src/handlers/reconciler.ts', withTemplates: true },
  { name: 'scc', entry: 'src/handlers/scc.ts', withTemplates: true },
  { name: 'dashboard', entry: 'src/handlers/dashboard.ts', withTemplates: false },
  // SES bounces and complaints from the mail feedback queue (infra/lib/constructs/mail-feedback.ts).
  { name: 'mail-feedback', entry: 'src/handlers/mail-feedback.ts', withTemplates: false },
];

/** Where a bundle finds its templates at run time: next to index.mjs, in the Lambda task root. */
export const BUNDLED_TEMPLATES_DIR = './templates';

/** The Lambda runtime's Node major (NODEJS_24_X); development and tests run the same major (package.json). */
export const NODE_TARGET = 'node24';

/**
 * ESM bundles still contain CommonJS dependencies that call `require` for Node built-ins; ESM has no
 * `require`, so the banner recreates it. Named `require` on purpose: that is what esbuild's shim looks up.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __charterOpsCreateRequire } from 'node:module'; const require = __charterOpsCreateRequire(import.meta.url);";

/** Prefer packages' ESM builds: smaller bundles and no CJS interop where it can be avoided. */
export const MAIN_FIELDS = ['module', 'main'];

/** [bundle name, entry path relative to the project root] of an entry point that does not exist. */
export type MissingEntry = readonly [string, string];

export function findMissingEntries(projectRoot: string, bundles = LAMBDA_BUNDLES): MissingEntry[] {
  return bundles
    .filter((bundle) => !existsSync(join(projectRoot, bundle.entry)))
    .map((bundle) => [bundle.name, bundle.entry] as const);
}

/** The message for missing entry points: which ones, and what each must export. */
export function describeMissing(missing: readonly MissingEntry[]): string {
  const lines = missing.map(([name, entry]) => `  - ${name}: ${entry} does not exist`);
  return [
    `Cannot bundle ${missing.length} Lambda entry point(s):`,
    ...lines,
    'Each entry point must exist and export `handler(event, context)`.',
  ].join('\n');
}
