/**
 * Lambda entry of the reconciler, invoked by the table's DynamoDB Stream (filtered to booking and
 * confirmation changes). The composition root: reads configuration once per container, builds the clients,
 * and hands each batch to the pipeline's stream handler, which answers with partial batch failures.
 *
 * Must never log a secret: secrets stay inside their SecretSource and reach only request headers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadBrands } from '../config/brands';
import { loadPipelineConfig } from '../config/pipeline';
import { createLogger } from '../logging/logger';
import { createPipelineAwsClients } from '../pipeline/aws-clients';
import { createPipeline, type Pipeline } from '../pipeline/pipeline';

let pipeline: Pipeline | undefined;

function build(): Pipeline {
  const config = loadPipelineConfig(process.env);
  const { s3, cloudFront } = createPipelineAwsClients(config);
  const dynamo = new DynamoDBClient({ region: config.awsRegion });
  return createPipeline({
    config,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3,
    cloudFront,
    brands: loadBrands(config.templatesDir, config.brandSites),
    logger: createLogger('reconciler', config.logLevel),
  });
}

export async function handler(
  event: DynamoDBStreamEvent,
  _context?: unknown,
): Promise<DynamoDBBatchResponse> {
  pipeline ??= build();
  return pipeline.handleStreamEvent(event);
}
