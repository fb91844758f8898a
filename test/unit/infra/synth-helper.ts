/**
 * Synthesizes the Charter Ops app for tests: the feature flags and settings of cdk.json, bundling skipped and
 * CDK's built-in CloudFormation validation off (both cost seconds and test nothing of ours). Brands come from
 * a templates folder: the two fixture brands of test/fixtures/templates/ unless a test brings its own, so a
 * third brand under the real templates/ changes nothing here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readSettings } from '../../../infra/lib/app-config';
import { type CharterOps, createCharterOps } from '../../../infra/lib/charter-ops';
import { retentionOf } from '../../../infra/lib/log-retention';
import { addNagChecks } from '../../../infra/lib/nag-checks';
import { loadBrands } from '../../../src/config/brands';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const REWRITE_FUNCTION_PATH = join(PROJECT_ROOT, 'infra/functions/guest-rewrite.js');
/** Two brands, sailjada.com and queenofsandiego.com (brand.json only: synthesis renders nothing). */
export const TWO_BRANDS_DIR = join(PROJECT_ROOT, 'test/fixtures/templates');

export interface SynthOptions {
  /** Default the two fixture brands (TWO_BRANDS_DIR). */
  readonly templatesDir?: string;
  /** charter-ops:* context on top of cdk.json's (keys without the prefix). */
  readonly context?: Record<string, unknown>;
  /** Run the AwsSolutions pack (with the app's justifications) during synth. */
  readonly nag?: boolean;
  /** Changes the constructs before synthesis (to prove a check fails). */
  readonly beforeSynth?: (charterOps: CharterOps) => void;
}

export interface Synthesized extends CharterOps {
  readonly app: App;
  readonly dataTemplate: Template;
  readonly servicesTemplate: Template;
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export function synthesize(options: SynthOptions = {}): Synthesized {
  const overrides = Object.fromEntries(
    Object.entries(options.context ?? {}).map(([key, value]) => [`charter-ops:${key}`, value]),
  );
  const app = new App({
    context: { ...cdkJsonContext(), ...overrides, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
  const settings = readSettings((key) => app.node.tryGetContext(key), { placeholdersAllowed: true });
  const brands = loadBrands(options.templatesDir ?? TWO_BRANDS_DIR);
  const charterOps = createCharterOps(app, {
    projectRoot: PROJECT_ROOT,
    domains: brands.domains,
    rewriteFunctionPath: REWRITE_FUNCTION_PATH,
    settings: { ...settings, logRetention: retentionOf(settings.logRetentionDays) },
  });
  options.beforeSynth?.(charterOps);
  if (options.nag) addNagChecks(app);
  return {
    ...charterOps,
    app,
    dataTemplate: Template.fromStack(charterOps.data),
    servicesTemplate: Template.fromStack(charterOps.services),
  };
}

/** Synthesized CloudFormation is untyped JSON; tests navigate it and assert on what they find. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type CfnJson = any;

/** Resources of one type in a template, as [logicalId, resource] pairs. */
export function resourcesOf(
  template: Template,
  type: string,
): [string, { Properties: Record<string, CfnJson> }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties: Record<string, CfnJson> }][];
}
