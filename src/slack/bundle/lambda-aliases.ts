/**
 * How the Slack Lambda bundle leaves out what it never runs. Bolt requires, at start-up, the packages of
 * receivers the Lambda never builds (ExpressReceiver, HTTPReceiver's OAuth, SocketModeReceiver); zod's
 * classic API carries every locale's messages in its `z.locales` namespace. Both are parsed on every cold
 * start, and parsing is most of a cold import (see bench/slack-ack.bench.ts for the measured effect).
 *
 * - `slackLambdaAliases`: esbuild `alias` (API; infra/lib/lambda-bundles.ts turns it into the CDK's
 *   `--alias:<pkg>=<path>` esbuildArgs) that replace those packages with an empty module; AwsLambdaReceiver
 *   needs none of them.
 * - `zodLocalesPlugin`: an esbuild plugin (API only) that empties `z.locales`; English messages, which the
 *   domain uses, are loaded separately by zod and stay.
 * Build-time only: never imported by runtime code.
 */
import type { Plugin } from 'esbuild';

export const NOT_BUNDLED_STUB = 'src/slack/bundle/not-bundled.ts';

export const SLACK_LAMBDA_UNUSED_PACKAGES = [
  'express',
  '@slack/oauth',
  '@slack/socket-mode',
  'raw-body',
  'path-to-regexp',
] as const;

function stubPath(projectRoot: string): string {
  return `${projectRoot.replace(/\/+$/, '')}/${NOT_BUNDLED_STUB}`;
}

/** `{ express: '<root>/src/slack/bundle/not-bundled.ts', … }` for esbuild's `alias`. */
export function slackLambdaAliases(projectRoot: string): Record<string, string> {
  const stub = stubPath(projectRoot);
  return Object.fromEntries(SLACK_LAMBDA_UNUSED_PACKAGES.map((name) => [name, stub]));
}

/** Empties zod's `z.locales` namespace (every language's messages; the app uses zod's default English). */
export function zodLocalesPlugin(projectRoot: string): Plugin {
  const stub = stubPath(projectRoot);
  return {
    name: 'charter-ops-zod-locales',
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: stub } : undefined,
      );
    },
  };
}
