/**
 * Lambda entry of the reconciler, invoked two ways: by the table's DynamoDB Stream (filtered to booking and
 * confirmation changes), and by EventBridge Scheduler when one of the crew lifecycle's timers fires
 * (`{source: 'charter-ops.timer', timer}`). The composition root: reads configuration once per container,
 * builds the clients, and hands stream batches to the pipeline's stream handler (partial batch failures) and
 * timers to the crew lifecycle (a thrown error makes EventBridge Scheduler retry the timer).
 *
 * The timers' target is this very function: its ARN comes from the invocation context, since a function
 * cannot name its own ARN in its environment.
 *
 * Must never log a secret: secrets stay inside their SecretSource and reach only request headers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadBrands, loadLifecycleConfig, loadPipelineConfig } from '../config';
import type { TimerOutcome } from '../lifecycle';
import { createLambdaObservability, type LambdaObservability, observeHandler } from '../observability';
import { createPipelineAwsClients } from '../pipeline';
import { EventBridgeTimerScheduler, isTimerEvent, type TimerEvent } from '../scheduler';
import { createPipeline, type Pipeline } from '../wiring';

let pipeline: Pipeline | undefined;
let observability: LambdaObservability | undefined;

function build(functionArn: string | undefined, obs: LambdaObservability): Pipeline {
  const config = loadPipelineConfig(process.env);
  const lifecycle = loadLifecycleConfig(process.env);
  const { logger, tracer } = obs;
  const { s3, cloudFront } = createPipelineAwsClients(config);
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region: config.awsRegion }));
  tracer.captureAWSv3Client(s3);
  tracer.captureAWSv3Client(cloudFront);
  const target = lifecycle.eventBridge && functionArn ? { ...lifecycle.eventBridge, functionArn } : undefined;
  if (!target) logger.warn('no EventBridge schedule group configured: crew reminders and deadlines are off');
  return createPipeline({
    config,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3,
    cloudFront,
    brands: loadBrands(config.templatesDir, config.brandSites),
    logger,
    metrics: obs.business,
    ...(target
      ? {
          timers: {
            scheduler: new EventBridgeTimerScheduler(
              tracer.captureAWSv3Client(new SchedulerClient({ region: config.awsRegion })),
              {
                groupName: target.groupName,
                roleArn: target.roleArn,
                targetArn: target.functionArn,
                ...(target.deadLetterArn ? { deadLetterArn: target.deadLetterArn } : {}),
              },
            ),
            policy: lifecycle.policy,
          },
        }
      : {}),
  });
}

export interface TimerReply {
  timer: string;
  outcome: TimerOutcome | string;
}

type InvocationContext = Pick<Context, 'invokedFunctionArn'>;

export async function handler(
  event: DynamoDBStreamEvent,
  context?: InvocationContext,
): Promise<DynamoDBBatchResponse>;
export async function handler(event: TimerEvent, context?: InvocationContext): Promise<TimerReply>;
export async function handler(
  event: DynamoDBStreamEvent | TimerEvent,
  context?: InvocationContext,
): Promise<DynamoDBBatchResponse | TimerReply> {
  observability ??= createLambdaObservability('reconciler', loadPipelineConfig(process.env).logLevel);
  const obs = observability;
  return observeHandler(obs, async (e: DynamoDBStreamEvent | TimerEvent) => {
    pipeline ??= build(context?.invokedFunctionArn, obs);
    if (isTimerEvent(e)) return { timer: e.timer.name, outcome: await pipeline.handleTimer(e.timer) };
    return pipeline.handleStreamEvent(e);
  })(event, context as Context | undefined);
}
