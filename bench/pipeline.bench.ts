/**
 * The provisioning pipeline, measured on the local stand-ins (DynamoDB Local and its stream read by the
 * poller, the real SCC and dashboard handlers over HTTP, s3rver, the CloudFront and Slack stand-ins,
 * aws-ses-v2-local for crew mail):
 *   1. throughput: a burst of bookings written at once, until every one is fully provisioned
 *      (every step done, thread updated) → bookings per second;
 *   2. latency: one booking at a time, from the booking write to the moment the thread's root message shows
 *      every step green → median and p90.
 * Everything shares this machine's cores, so the numbers are a floor for what the Lambdas do in AWS.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadBrands } from '../src/config/brands';
import { loadPipelineConfig } from '../src/config/pipeline';
import { startCloudFrontLocal } from '../src/dev/stand-ins/cloudfront-local';
import {
  ensureTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoClient,
  startDynamoDbLocal,
} from '../src/dev/stand-ins/dynamodb-local';
import { startS3Local } from '../src/dev/stand-ins/s3rver';
import { startSesLocal } from '../src/dev/stand-ins/ses-local';
import { type StoredMessage, startSlackWebApi } from '../src/dev/stand-ins/slack-web-api';
import { scheduleInstants } from '../src/domain';
import { silentLogger } from '../src/logging/logger';
import { createPipelineAwsClients } from '../src/pipeline/aws-clients';
import { createPipeline } from '../src/pipeline/pipeline';
import { startStreamPoller } from '../src/pipeline/stream-poller';
import { THREAD_BLOCK } from '../src/slack/ids';
import { DynamoBookingStore } from '../src/store';
import { aBookingInput, TEST_CREW } from '../test/helpers/fixtures';
import { sccEnv, serveDashboard, serveScc } from '../test/integration/pipeline/helpers/real-services';

const BURST = 60;
const SEQUENTIAL = 15;
const POLL_MS = 100;
const CONCURRENCY = 8;
const CHANNEL = 'C0BENCH';

export default async function benchPipeline(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  const client = localDynamoClient(dynamo.endpoint);
  const tableName = 'bench-pipeline';
  await ensureTable(client, tableName);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const table = { endpoint: dynamo.endpoint, tableName, client, doc };
  const store = new DynamoBookingStore(doc, tableName);
  for (const member of TEST_CREW) await store.putCrewMember(member);

  const brands = loadBrands('templates');
  const s3 = await startS3Local({ buckets: brands.all.map((b) => b.bucket) });
  const ses = await startSesLocal();
  const slack = await startSlackWebApi({ tokens: ['xoxb-bench'] });
  const cloudFront = await startCloudFrontLocal({
    distributionIds: brands.all.map((b) => b.distributionId),
    onInvalidate: () => {},
  });
  const scc = await serveScc({
    table,
    brands,
    serviceKey: 'bench-scc-key',
    sesEndpoint: ses.endpoint,
    s3Endpoint: s3.endpoint,
  });
  const dashboard = await serveDashboard({ table, token: 'bench-dashboard-token' });
  const config = loadPipelineConfig({
    TABLE_NAME: tableName,
    SCC_URL: scc.url,
    SCC_SERVICE_KEY: 'bench-scc-key',
    ...sccEnv('bench-scc-key'),
    DASHBOARD_URL: dashboard.url,
    DASHBOARD_TOKEN: 'bench-dashboard-token',
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_OPS_CHANNEL: CHANNEL,
    PIPELINE_CONCURRENCY: String(CONCURRENCY),
    S3_FORCE_PATH_STYLE: 'true',
  });
  const aws = createPipelineAwsClients(config, {
    s3Endpoint: s3.endpoint,
    cloudFrontEndpoint: cloudFront.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  const converged = new Set<string>();
  const pipeline = createPipeline({
    config,
    doc,
    s3: aws.s3,
    cloudFront: aws.cloudFront,
    brands,
    logger: silentLogger,
    onReconciled: (outcome) => {
      if (outcome.status === 'converged') converged.add(outcome.bookingId);
    },
  });
  const streams = new DynamoDBStreamsClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const poller = await startStreamPoller({
    dynamo: client,
    streams,
    tableName,
    handler: pipeline.handleStreamEvent,
    logger: silentLogger,
    idleMs: POLL_MS,
  });

  const write = (i: number, id: string) => {
    const input = aBookingInput({ title: `Bench Sail ${i}` });
    const { startsAt, endsAt } = scheduleInstants(input.schedule);
    return store.createBooking({
      input,
      boat: { id: 'jada', name: 'Jada' },
      startsAt,
      endsAt,
      actor: 'UBENCH',
      id,
    });
  };
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 120_000;
    while (!done()) {
      if (Date.now() > deadline)
        throw new Error('pipeline bench: bookings did not converge within 2 minutes');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  try {
    // Warm up: the first booking pays for template loading and connections.
    await write(0, 'bk-bench-warm');
    await until(() => converged.has('bk-bench-warm'));

    // 1. Throughput.
    const burstIds = Array.from({ length: BURST }, (_, i) => `bk-bench-burst-${i}`);
    const started = performance.now();
    await Promise.all(burstIds.map((id, i) => write(i + 1, id)));
    await until(() => burstIds.every((id) => converged.has(id)));
    const seconds = (performance.now() - started) / 1000;

    // 2. Latency: write → the root message shows every step done.
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const id = `bk-bench-one-${i}`;
      let green: () => void = () => {};
      const shown = new Promise<void>((resolve) => {
        green = resolve;
      });
      const unsubscribe = slack.subscribe((event) => {
        if (event.kind !== 'message.posted' && event.kind !== 'message.updated') return;
        if (isAllGreenRoot(event.message, id)) green();
      });
      const at = performance.now();
      await write(1000 + i, id);
      await shown;
      latencies.push(performance.now() - at);
      unsubscribe();
      await until(() => converged.has(id));
    }
    latencies.sort((a, b) => a - b);
    const pick = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;

    console.log(
      [
        `pipeline: ${BURST} bookings fully provisioned in ${seconds.toFixed(1)} s → ${(BURST / seconds).toFixed(1)} bookings/s`,
        `  (local stand-ins on this machine, ${CONCURRENCY} bookings in parallel per stream batch, stream polled every ${POLL_MS} ms)`,
        `pipeline: booking write → thread shows all green: median ${pick(0.5).toFixed(0)} ms, p90 ${pick(0.9).toFixed(0)} ms over ${SEQUENTIAL} bookings`,
      ].join('\n'),
    );
  } finally {
    await poller.stop();
    aws.destroy();
    streams.destroy();
    await Promise.all([scc.stop(), dashboard.stop(), slack.stop(), cloudFront.stop(), ses.stop(), s3.stop()]);
    client.destroy();
    await dynamo.stop();
  }
}

/** The booking's root message with all four steps done (the renderer's ✅ per step in the steps block). */
function isAllGreenRoot(message: StoredMessage, bookingId: string): boolean {
  if (
    message.metadata?.event_payload?.bookingId !== bookingId ||
    (message.thread_ts && message.thread_ts !== message.ts)
  )
    return false;
  const steps = (message.blocks ?? []).find(
    (b) => (b as { block_id?: string }).block_id === THREAD_BLOCK.steps,
  ) as { text?: { text?: string } } | undefined;
  const text = steps?.text?.text ?? '';
  return (
    (text.match(/:white_check_mark:/g) ?? []).length === 4 &&
    !/:x:|:white_circle:|:arrows_counterclockwise:/.test(text)
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline();
