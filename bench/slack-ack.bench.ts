/**
 * The Slack app's ack path, measured:
 *   1. warm median and p99 of slash command → ack (`/charter list`: one query; `/charter new`: views.open,
 *      the roster read and views.update, all before the Lambda answers) and of modal submit → ack (a valid
 *      booking written to DynamoDB Local), through the same handler the Lambda runs, with signed requests;
 *   2. the bundled Slack handler's size and cold import (+ first ack) in a fresh Node process, beside a plain
 *      esbuild bundle of Bolt + the AWS SDK clients it uses (the baseline), with the same esbuild options.
 * Targets: submit → ack p99 < 100 ms warm; the Lambda bundle's cold import < 0.6 × the baseline's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type BuildOptions, build } from 'esbuild';
import { ESM_REQUIRE_BANNER, MAIN_FIELDS, NODE_TARGET } from '../infra/lib/lambda-bundles';
import { loadSlackConfig } from '../src/config/slack';
import { ensureTable, localDynamoClient, startDynamoDbLocal } from '../src/dev/stand-ins/dynamodb-local';
import { makeTriggerId, startSlackWebApi } from '../src/dev/stand-ins/slack-web-api';
import { createSlackEventsHandler } from '../src/handlers/slack';
import { silentLogger } from '../src/logging/logger';
import { slackLambdaAliases, zodLocalesPlugin } from '../src/slack/bundle/lambda-aliases';
import { BOOKING_BLOCK, BOOKING_INPUT } from '../src/slack/ids';
import { signSlackRequest } from '../src/slack/signature';
import { DynamoBookingStore, DynamoTimeOffStore } from '../src/store';
import { TEST_CREW } from '../test/helpers/fixtures';

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const WARM_UP = 30;
const RUNS = 300;
const COLD_RUNS = 11;

export interface Timing {
  median: number;
  p99: number;
}

export interface BundleFigures {
  name: string;
  bytes: number;
  /** Median wall time of `await import(bundle)` in a fresh process. */
  importMs: number;
  /** Median CPU time (user + system) of the same import: steadier on a busy machine. */
  importCpuMs: number;
  /** Import plus the first signed `/charter help` answered (config, store and app built), when a handler. */
  firstAckMs?: number;
}

export interface SlackAckBenchResult {
  commandList: Timing;
  commandNew: Timing;
  submit: Timing;
  bundles: BundleFigures[];
  importRatio: number;
  importCpuRatio: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

function median(values: number[]): number {
  return summarise(values).median;
}

function signedEvent(body: string, contentType: string): APIGatewayProxyEventV2 {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
    },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } } as APIGatewayProxyEventV2['requestContext'],
  };
}

function commandEvent(text: string, responseUrl: string): APIGatewayProxyEventV2 {
  const body = new URLSearchParams({
    command: '/charter',
    text,
    user_id: 'U0BENCH',
    channel_id: 'C0OPS',
    team_id: 'T0CHARTER',
    trigger_id: makeTriggerId('U0BENCH'),
    response_url: responseUrl,
  }).toString();
  return signedEvent(body, 'application/x-www-form-urlencoded');
}

function submissionEvent(view: Record<string, unknown>, i: number): APIGatewayProxyEventV2 {
  const B = BOOKING_BLOCK;
  const I = BOOKING_INPUT;
  const date = new Date(Date.now() + (20 + (i % 300)) * 86_400_000).toISOString().slice(0, 10);
  const text = (value: string) => ({ type: 'plain_text_input', value });
  const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
  const values = {
    [B.title]: { [I.title]: text('Bench Sail') },
    [B.date]: { [I.date]: { type: 'datepicker', selected_date: date } },
    [B.startTime]: { [I.startTime]: { type: 'timepicker', selected_time: '16:00' } },
    [B.endTime]: { [I.endTime]: { type: 'timepicker', selected_time: '19:00' } },
    [B.boat]: { [I.boat]: select('jada') },
    [B.domain]: { [I.domain]: select('sailjada.com') },
    [B.partySize]: { [I.partySize]: { type: 'number_input', value: '6' } },
    [B.guestName]: { [I.guestName]: text('Jordan Bench') },
    [B.guestEmail]: { [I.guestEmail]: { type: 'email_text_input', value: `guest-${i}@bench.test` } },
    [B.captain]: { [I.captain]: select('ana-ruiz') },
    [B.crew]: { [I.crew]: { type: 'multi_static_select', selected_options: [{ value: 'ben-okafor' }] } },
    [B.hostesses]: { [I.hostesses]: { type: 'multi_static_select', selected_options: [] } },
    [B.price]: { [I.price]: { type: 'number_input', value: '1800' } },
    [B.deposit]: { [I.deposit]: { type: 'number_input', value: '500' } },
    [B.captainFee]: { [I.captainFee]: { type: 'number_input', value: '250' } },
    [B.portCosts]: { [I.portCosts]: { type: 'number_input', value: '40' } },
  };
  const payload = {
    type: 'view_submission',
    user: { id: 'U0BENCH' },
    team: { id: 'T0CHARTER' },
    api_app_id: 'A0CHARTEROPS',
    view: { ...view, state: { values } },
  };
  return signedEvent(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}

async function time(run: () => Promise<{ statusCode: number }>): Promise<number> {
  const started = performance.now();
  const response = await run();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`bench request answered ${response.statusCode}`);
  return elapsed;
}

async function measureAckPath(): Promise<Pick<SlackAckBenchResult, 'commandList' | 'commandNew' | 'submit'>> {
  const dynamo = await startDynamoDbLocal();
  const slack = await startSlackWebApi({ tokens: [TOKEN] });
  const client = localDynamoClient(dynamo.endpoint);
  try {
    const tableName = `bench-slack-${Date.now().toString(36)}`;
    await ensureTable(client, tableName);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const store = new DynamoBookingStore(doc, tableName);
    for (const member of TEST_CREW) await store.putCrewMember(member);
    const config = loadSlackConfig({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slack.url,
      SLACK_OPS_CHANNEL: 'C0OPS',
      // The bench's user books charters, which only operators may do (src/slack/auth).
      SLACK_OPERATORS: 'U0BENCH',
      TABLE_NAME: tableName,
      TEMPLATES_DIR: join(ROOT, 'templates'),
    });
    const timeOff = new DynamoTimeOffStore(doc, tableName);
    const handle = createSlackEventsHandler({ config, store, timeOff, logger: silentLogger });
    const responseUrl = slack.responseUrl('bench');

    const sample = async (count: number, make: (i: number) => APIGatewayProxyEventV2) => {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const event = make(i);
        samples.push(await time(() => handle(event)));
      }
      return samples;
    };

    await sample(WARM_UP, () => commandEvent('list', responseUrl));
    const commandList = summarise(await sample(RUNS, () => commandEvent('list', responseUrl)));
    await sample(WARM_UP, () => commandEvent('new', responseUrl));
    const commandNew = summarise(await sample(RUNS, () => commandEvent('new', responseUrl)));
    slack.reset();

    await handle(commandEvent('new', responseUrl));
    const opened = slack.callsTo('views.open').at(-1)?.response?.view as { id: string } | undefined;
    const view = opened ? slack.view(opened.id) : undefined;
    if (!view) throw new Error('the bench could not open the booking modal');
    await sample(WARM_UP, (i) => submissionEvent(view, 10_000 + i));
    const submit = summarise(await sample(RUNS, (i) => submissionEvent(view, i)));
    return { commandList, commandNew, submit };
  } finally {
    client.destroy();
    await slack.stop();
    await dynamo.stop();
  }
}

// ── bundles ─────────────────────────────────────────────────────────────────

function lambdaOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    minify: true,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'warning',
  };
}

const CHILD = `
const started = performance.now();
const cpu = process.cpuUsage();
const mod = await import(process.env.BENCH_BUNDLE);
const importMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const result = { importMs, importCpuMs: (used.user + used.system) / 1000 };
if (typeof mod.handler === 'function') {
  const { createHmac } = await import('node:crypto');
  const body = new URLSearchParams({ command: '/charter', text: 'help', user_id: 'U0BENCH', channel_id: 'C0OPS',
    team_id: 'T0', trigger_id: '1.U0BENCH.x', response_url: 'http://127.0.0.1:9/r' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET).update('v0:' + ts + ':' + body).digest('hex');
  const response = await mod.handler({ version: '2.0', rawPath: '/slack/events', headers: {
    'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
    body, isBase64Encoded: false, requestContext: { http: { method: 'POST' } } }, {});
  if (response.statusCode !== 200) throw new Error('first ack answered ' + response.statusCode + ': ' + response.body);
  result.firstAckMs = performance.now() - started;
}
process.stdout.write(JSON.stringify(result));
`;

/** `table`: the DynamoDB Local endpoint and table the first ack reads (the roster, Slack's delivery ids). */
function runChild(
  bundle: string,
  table: { endpoint: string; name: string },
): Promise<{ importMs: number; importCpuMs: number; firstAckMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_BUNDLE: pathToFileURL(bundle).href,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_OPS_CHANNEL: 'C0OPS',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        TEMPLATES_DIR: join(ROOT, 'templates'),
        TABLE_NAME: table.name,
        AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
        AWS_REGION: 'us-west-2',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += String(c);
    });
    child.stderr.on('data', (c) => {
      err += String(c);
    });
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`cold run of ${bundle} failed (${code}): ${err.slice(-800)}`));
      else resolve(JSON.parse(out));
    });
  });
}

async function measureBundles(): Promise<BundleFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'charter-ops-slack-bench-'));
  // The first ack reads the table (who is asking, whether Slack delivered this before), as in AWS.
  const dynamo = await startDynamoDbLocal();
  const client = localDynamoClient(dynamo.endpoint);
  try {
    const table = { endpoint: dynamo.endpoint, name: `bench-cold-${Date.now().toString(36)}` };
    await ensureTable(client, table.name);
    const baselineEntry = join(dir, 'baseline-entry.mjs');
    writeFileSync(
      baselineEntry,
      [
        "import * as bolt from '@slack/bolt';",
        "import * as dynamodb from '@aws-sdk/client-dynamodb';",
        "import * as documents from '@aws-sdk/lib-dynamodb';",
        "import * as secrets from '@aws-sdk/client-secrets-manager';",
        'globalThis.__keep = [bolt, dynamodb, documents, secrets];',
      ].join('\n'),
    );
    const handlerEntry = join(ROOT, 'src/handlers/slack.ts');
    const variants: { name: string; options: BuildOptions }[] = [
      {
        name: 'baseline: Bolt + AWS SDK clients',
        options: lambdaOptions(baselineEntry, join(dir, 'baseline.mjs')),
      },
      { name: 'Slack handler, untrimmed', options: lambdaOptions(handlerEntry, join(dir, 'untrimmed.mjs')) },
      {
        name: 'Slack handler, unused receivers aliased',
        options: {
          ...lambdaOptions(handlerEntry, join(dir, 'aliased.mjs')),
          alias: slackLambdaAliases(ROOT),
        },
      },
      {
        name: 'Slack handler, aliased + zod locales',
        options: {
          ...lambdaOptions(handlerEntry, join(dir, 'trimmed.mjs')),
          alias: slackLambdaAliases(ROOT),
          plugins: [zodLocalesPlugin(ROOT)],
        },
      },
    ];
    for (const variant of variants) {
      // The baseline entry lives outside the project: resolve its packages from the project.
      await build({ ...variant.options, nodePaths: [join(ROOT, 'node_modules')] });
    }
    const runs = new Map<string, { importMs: number[]; importCpuMs: number[]; firstAckMs: number[] }>(
      variants.map((v) => [v.name, { importMs: [], importCpuMs: [], firstAckMs: [] }]),
    );
    // Interleaved, so a busy moment on the machine hits every variant alike.
    for (let run = 0; run < COLD_RUNS; run++) {
      for (const variant of variants) {
        const figures = await runChild(String(variant.options.outfile), table);
        const into = runs.get(variant.name)!;
        into.importMs.push(figures.importMs);
        into.importCpuMs.push(figures.importCpuMs);
        if (figures.firstAckMs !== undefined) into.firstAckMs.push(figures.firstAckMs);
      }
    }
    return variants.map((variant) => {
      const into = runs.get(variant.name)!;
      return {
        name: variant.name,
        bytes: statSync(String(variant.options.outfile)).size,
        importMs: median(into.importMs),
        importCpuMs: median(into.importCpuMs),
        ...(into.firstAckMs.length > 0 ? { firstAckMs: median(into.firstAckMs) } : {}),
      };
    });
  } finally {
    client.destroy();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

export default async function benchSlackAck(): Promise<SlackAckBenchResult> {
  const ack = await measureAckPath();
  const bundles = await measureBundles();
  const baseline = bundles[0]!;
  const trimmed = bundles.at(-1)!;
  const importRatio = trimmed.importMs / baseline.importMs;
  const importCpuRatio = trimmed.importCpuMs / baseline.importCpuMs;

  const line = (name: string, t: Timing, target?: number) =>
    `  ${name.padEnd(34)} median ${ms(t.median).padStart(9)}   p99 ${ms(t.p99).padStart(9)}${target ? `   (target p99 < ${target} ms: ${t.p99 < target ? 'met' : 'MISSED'})` : ''}`;
  console.log(`\nSlack ack path (warm, ${RUNS} requests each, DynamoDB Local, Web API stand-in):`);
  console.log(line('/charter list → ack', ack.commandList));
  console.log(line('/charter new → ack (views.open+update)', ack.commandNew));
  console.log(line('modal submit → ack (booking written)', ack.submit, 100));
  console.log(`\nSlack Lambda bundle, cold (median of ${COLD_RUNS} fresh processes):`);
  for (const b of bundles) {
    const first = b.firstAckMs !== undefined ? `   import + first ack ${ms(b.firstAckMs)}` : '';
    console.log(
      `  ${b.name.padEnd(40)} ${mib(b.bytes).padStart(10)}   import ${ms(b.importMs).padStart(9)} (cpu ${ms(b.importCpuMs)})${first}`,
    );
  }
  console.log(
    `  cold import, trimmed handler ÷ baseline: ${importRatio.toFixed(2)}× wall, ${importCpuRatio.toFixed(2)}× cpu (target < 0.6×: ${importRatio < 0.6 ? 'met' : 'MISSED'})\n`,
  );
  return { ...ack, bundles, importRatio, importCpuRatio };
}
