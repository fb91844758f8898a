/**
 * `npm run dev` — the whole Charter Ops system on this machine, no AWS account or Slack workspace needed.
 *   npm run dev              start (data kept in .data/ between runs)
 *   npm run dev -- --fresh   start over with an empty data directory
 * Settings: PORT (3000), DEV_HOST (127.0.0.1), DEV_DATA_DIR (.data), LOG_LEVEL (warn), and the Slack variables described in
 * src/config/dev.ts. Ctrl-C stops everything it started.
 */
import { loadDevConfig } from '../config/dev';
import { isAppError } from '../errors';
import { type DevStack, startDevStack } from './dev-stack';
import { formatEndpoints } from './endpoints';
import { PortInUseError } from './ports';

/** Signals closer together than this are one Ctrl-C delivered twice, not a second press. */
const REPEATED_SIGNAL_MS = 1500;

const USAGE = `Usage: npm run dev [-- --fresh]

  --fresh   delete the local data (.data/ or DEV_DATA_DIR) and start from the seed data
  --help    show this help

Environment: PORT (default 3000), DEV_HOST (127.0.0.1), DEV_DATA_DIR (.data), LOG_LEVEL (warn),
SLACK_APP_TOKEN + SLACK_BOT_TOKEN (join a real workspace over Socket Mode),
SLACK_API_URL (use that Slack Web API), neither: the Slack sandbox in your browser.`;

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = argv.filter((a) => a !== '--fresh');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadDevConfig(process.env);
  const fresh = argv.includes('--fresh');
  const stamp = () => new Date().toLocaleTimeString('en-GB');

  console.log(`Charter Ops — starting the local system${fresh ? ' from scratch (--fresh)' : ''}…`);
  const stack: DevStack = await startDevStack({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    fresh,
    slack: config.slack,
    ...(config.slackOperators !== undefined ? { slackOperators: config.slackOperators } : {}),
    ...(config.slackSigningSecret ? { slackSigningSecret: config.slackSigningSecret } : {}),
    logLevel: config.logLevel,
    log: (line) => console.log(`${stamp()}  ${line}`),
  });

  const seconds = (stack.endpoints.startupMs / 1000).toFixed(1);
  console.log(`\n${formatEndpoints(stack.endpoints, stack.endpointsFile)}\n`);
  console.log(
    `Ready in ${seconds} s (${stack.firstStart ? 'cold start: new data directory, seeded' : 'warm start: existing data'}). ` +
      'Press Ctrl-C to stop.\n',
  );

  let stoppingSince: number | undefined;
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // npm and tsx pass the terminal's Ctrl-C on as well, so one press can arrive more than once.
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      console.log('Stopping now, without waiting.');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping every service… (press Ctrl-C again to quit at once)`);
    await stack.stop();
    console.log('Stopped. Your data is kept in', stack.endpoints.dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('uncaughtException', (error) => {
    console.error('\nnpm run dev hit an unexpected error and stops:', error);
    void stack.stop().finally(() => process.exit(1));
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof PortInUseError || isAppError(error)) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(
      '\nnpm run dev could not start:',
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
  }
  process.exit(1);
});
