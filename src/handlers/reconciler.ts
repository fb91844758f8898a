/**
 * Lambda entry of the reconciler, invoked by the table's DynamoDB Stream (filtered to booking and
 * confirmation changes). The composition root: reads configuration once per container, builds the clients,
 * and hands each batch to the pipeline's stream handler, which answers with partial batch failures.
 *
 * Must never log a secret: secrets stay inside their SecretSource and reach only request headers.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadBrands } from '../config/brands';
import { loadPipelineConfig } from '../config/pipeline';
import { createLogger } from '../logging/logger';
import { createPipeline, type Pipeline } from '../pipeline/pipeline';
import { callRetrySettings, sdkRetryStrategy } from '../pipeline/retry';

let pipeline: Pipeline | undefined;

function build(): Pipeline {
  const config = loadPipelineConfig(process.env);
  const logger = createLogger('reconciler', config.logLevel);
  // The SDK's standard retry is the call layer for S3 and CloudFront (see pipeline/retry.ts).
  const requestHandler = {
    requestTimeout: config.httpTimeoutMs,
    connectionTimeout: config.httpTimeoutMs,
    throwOnRequestTimeout: true,
  };
  const retryStrategy = sdkRetryStrategy(callRetrySettings(config.retry));
  const dynamo = new DynamoDBClient({ region: config.awsRegion });
  return createPipeline({
    config,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      region: config.awsRegion,
      forcePathStyle: config.s3ForcePathStyle,
      retryStrategy,
      requestHandler,
    }),
    cloudFront: new CloudFrontClient({ region: config.awsRegion, retryStrategy, requestHandler }),
    brands: loadBrands(config.templatesDir, config.brandSites),
    logger,
  });
}

export async function handler(
  event: DynamoDBStreamEvent,
  _context?: unknown,
): Promise<DynamoDBBatchResponse> {
  pipeline ??= build();
  return pipeline.handleStreamEvent(event);
}
