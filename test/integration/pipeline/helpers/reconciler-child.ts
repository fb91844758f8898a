/**
 * The reconciler as its own process, for the crash-injection test: the real Lambda entry
 * (src/handlers/reconciler.ts, configured from the environment the test hands over) fed by the local stream
 * poller with file checkpoints, exactly as `npm run dev` would run it. Prints "ready" once it is polling.
 * The test kills it with SIGKILL at random points and starts it again.
 *
 * Usage: node --import tsx reconciler-child.ts <checkpoint file>
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { loadPipelineConfig } from '../../../../src/config/pipeline';
import { handler } from '../../../../src/handlers/reconciler';
import { createLogger } from '../../../../src/logging/logger';
import { fileCheckpoints, startStreamPoller } from '../../../../src/pipeline/stream-poller';

const checkpointFile = process.argv[2];
if (!checkpointFile) throw new Error('usage: reconciler-child.ts <checkpoint file>');
const config = loadPipelineConfig(process.env);
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
