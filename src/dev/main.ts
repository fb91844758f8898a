/**
 * `npm run dev` — the whole Charter Ops system on this machine, no AWS account or Slack workspace needed.
 *   npm run dev              start (data kept in .data/ between runs)
 *   npm run dev -- --fresh   start over with an empty data directory
 * Settings: PORT (3000), DEV_HOST (127.0.0.1), DEV_DATA_DIR (.data), LOG_LEVEL (warn), and the Slack variables described in
 * src/config/dev.ts. Ctrl-C stops everything it started.
 */
import { loadDevConfig } from '../config';
import { isAppError } from '../errors';
import { type DevStack, startDevStack } from './dev-stack';
import { formatEndpoints } from './endpoints';
import { PortInUseError } from './ports';

/** Signals closer together than this are one Ctrl-C delivered twice, not a second press. */
const REPEATED_SIGNAL_MS = 1500;
/** How often to check that whoever started us (tsx, npm, a shell) is still there. */
const PARENT_CHECK_MS = 1000;

/**
 * `npm run dev | head` ends the reader early; every later write then fails with EPIPE. Unhandled, that error
 * became an uncaught exception whose own report failed the same way — a loop at full CPU that never stopped.
 * Output that nobody reads is dropped; the services keep running until a signal stops them.
 */
function dropOutputWhenItsReaderIsGone(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      // Any error on our own output (EPIPE, EIO after the terminal closed, a destroyed stream) means nobody
      // reads it; there is nowhere to report it either.
    });
  }
}

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
  dropOutputWhenItsReaderIsGone();
  const config = loadDevConfig(process.env);
  const fresh = argv.includes('--fresh');
  const stamp = () => new Date().toLocaleTimeString('en-GB');

  // Listen before starting: a signal during the start must stop what has started, not end this process and
  // leave DynamoDB Local (its own process group) behind. `stack` is undefined until the start finishes; a stop
  // asked for before then happens as soon as it does.
  let stack: DevStack | undefined;
  let stoppingSince: number | undefined;
  const stopAndExit = async (code: number) => {
    await stack?.stop();
    if (stack) console.log('Stopped. Your data is kept in', stack.endpoints.dataDir);
    process.exit(code);
  };
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // npm and tsx pass the terminal's Ctrl-C on as well, so one press can arrive more than once.
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      console.log('Stopping now, without waiting.');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping every service… (press Ctrl-C again to quit at once)`);
    if (stack) await stopAndExit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A closing terminal sends SIGHUP; its default would end this process without stopping anything.
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  // tsx relays only SIGINT/SIGTERM, and npm only those too: a SIGHUP or SIGKILL to either leaves this process
  // orphaned. Being re-parented means whoever started us is gone, so stop as if told to.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('parent process gone');
  }, PARENT_CHECK_MS).unref();
  let failing = false;
  process.on('uncaughtException', (error) => {
    // Once only: a second failure while stopping (e.g. its own report hitting a closed output) must not
    // start another stop, or loop.
    if (failing) return;
    failing = true;
    console.error('\nnpm run dev hit an unexpected error and stops:', error);
    void stopAndExit(1);
  });

  console.log(`Charter Ops — starting the local system${fresh ? ' from scratch (--fresh)' : ''}…`);
  stack = await startDevStack({
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
  if (stoppingSince !== undefined) return stopAndExit(0);

  const seconds = (stack.endpoints.startupMs / 1000).toFixed(1);
  console.log(`\n${formatEndpoints(stack.endpoints, stack.endpointsFile)}\n`);
  console.log(
    `Ready in ${seconds} s (${stack.firstStart ? 'cold start: new data directory, seeded' : 'warm start: existing data'}). ` +
      'Press Ctrl-C to stop.\n',
  );
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
