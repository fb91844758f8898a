/**
 * The reconciler as its own process, for the crash-injection test: the real Lambda entry
 * (src/handlers/reconciler.ts, configured from the environment the test hands over) fed by the local stream
 * poller with file checkpoints, exactly as `npm run dev` would run it; and, with --scc-port, the real SCC
 * Lambda entry served on that port in the same process, so a crash can also cut SCC short while it emails
 * the crew. Prints "ready" once it is polling. The test kills it with SIGKILL and starts it again.
 *
 * Usage: node --import tsx reconciler-child.ts <checkpoint file> [--scc-port <port>]
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadPipelineConfig } from '../../../../src/config/pipeline';
import { loadSccConfig } from '../../../../src/config/scc';
import { handler } from '../../../../src/handlers/reconciler';
import { createSccDeps, createSccHandler } from '../../../../src/handlers/scc';
import { createLogger } from '../../../../src/logging/logger';
import { fileCheckpoints, startStreamPoller } from '../../../../src/pipeline/stream-poller';
import { SccEventStore } from '../../../../src/scc/event-store';
import { serveLambda } from './real-services';

/**
 * SCC claims an email for 120 s before a crashed sender's claim lapses; here 2 s, so the test need not wait
 * two minutes after each crash that hits SCC mid-send. The claim logic itself is SCC's, unchanged.
 */
class ShortLeaseEventStore extends SccEventStore {
  override claimEmail(...[eventId, claim, now]: Parameters<SccEventStore['claimEmail']>) {
    return super.claimEmail(eventId, claim, now, 2);
  }
}

const checkpointFile = process.argv[2];
if (!checkpointFile) throw new Error('usage: reconciler-child.ts <checkpoint file>');
const config = loadPipelineConfig(process.env);
const sccPortAt = process.argv.indexOf('--scc-port');
if (sccPortAt !== -1) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.awsRegion }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const scc = createSccHandler(
    createSccDeps(loadSccConfig(process.env), { events: new ShortLeaseEventStore(doc, config.tableName) }),
  );
  await serveLambda(scc, 'scc', { port: Number(process.argv[sccPortAt + 1]) });
}
await startStreamPoller({
  // Endpoints come from AWS_ENDPOINT_URL_DYNAMODB(_STREAMS), as for every SDK client of the entry point.
  dynamo: new DynamoDBClient({ region: config.awsRegion }),
  streams: new DynamoDBStreamsClient({ region: config.awsRegion }),
  tableName: config.tableName,
  handler: (event) => handler(event),
  checkpoints: fileCheckpoints(checkpointFile),
  logger: createLogger('reconciler-child', 'error', (line) => process.stderr.write(`${line}\n`)),
  idleMs: 20,
  maxRetryDelayMs: 200,
});
process.stdout.write('ready\n');
