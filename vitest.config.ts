import { defineConfig } from 'vitest/config';

// `npm test` runs on the pinned Node 24 (package.json), the Lambda runtime: test/unit/runtime/node-version.test.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'infra/test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // How long expect.poll waits for something to appear (default 1 s): a bound on waiting, not a speed check;
    // on a loaded 2-core machine a browser round trip can take longer than a second.
    expect: { poll: { timeout: 10_000 } },
    env: {
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Powertools stays quiet and cheap in tests (the Lambda entries run in-process and in child processes):
      // no EMF on stdout, no X-Ray. https://docs.aws.amazon.com/powertools/typescript/latest/environment-variables
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
  },
});
