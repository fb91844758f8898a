/**
 * The CDK app entry (cdk.json: `npx tsx infra/bin/app.ts`): reads CDK context and the brand folders, then
 * builds the two stacks. The only place in infra/ that reads files, context or the environment.
 *
 * Must never let a synth-only placeholder reach an AWS account: placeholders pass only when the CDK CLI has
 * resolved no account (offline `npm run synth`), unless charter-ops:allowPlaceholders is set.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { loadBrands } from '../../src/config/brands';
import { AppConfigError, readSettings } from '../lib/app-config';
import { createCharterOps } from '../lib/charter-ops';
import { describeMissing, findMissingEntries } from '../lib/lambda-bundles';
import { retentionOf } from '../lib/log-retention';
import { addNagChecks } from '../lib/nag-checks';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

try {
  const app = new App();
  // The CLI sets CDK_DEFAULT_ACCOUNT only when it found credentials for an account: that is a deploy target.
  const settings = readSettings((key) => app.node.tryGetContext(key), {
    placeholdersAllowed: !process.env.CDK_DEFAULT_ACCOUNT,
  });
  const brands = loadBrands(join(projectRoot, 'templates'));
  const missing = findMissingEntries(projectRoot);
  if (missing.length > 0) throw new AppConfigError(describeMissing(missing));
  createCharterOps(app, {
    projectRoot,
    domains: brands.domains,
    rewriteFunctionPath: join(projectRoot, 'infra/functions/guest-rewrite.js'),
    settings: { ...settings, logRetention: retentionOf(settings.logRetentionDays) },
  });
  // AwsSolutions rules on every synth: a new finding fails the synth until it is fixed or justified in code.
  addNagChecks(app);
  app.synth();
} catch (error) {
  if (error instanceof AppConfigError || (error instanceof Error && error.name === 'ConfigError')) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
