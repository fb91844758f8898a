/**
 * The S3 and CloudFront clients the pipeline's steps want, built one way for the Lambda, `npm run dev`, the
 * tests and the bench: a per-call timeout that really aborts the call, and the call-layer retry strategy of
 * retry.ts (our backoff, no retry quota), so a many-call step such as the guest page is not started over for
 * one lost request. Endpoints follow the SDK's AWS_ENDPOINT_URL_* convention unless given here.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import type { PipelineConfig } from '../config';
import { callRetrySettings, sdkRetryStrategy } from '../retry';

export interface PipelineAwsClients {
  s3: S3Client;
  cloudFront: CloudFrontClient;
  destroy(): void;
}

export interface AwsClientOverrides {
  s3Endpoint?: string;
  cloudFrontEndpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** For the retry strategy's jitter (seeded in tests). */
  random?: () => number;
}

export function createPipelineAwsClients(
  config: PipelineConfig,
  overrides: AwsClientOverrides = {},
): PipelineAwsClients {
  const retryStrategy = sdkRetryStrategy(callRetrySettings(config.retry), overrides.random);
  const requestHandler = {
    requestTimeout: config.httpTimeoutMs,
    connectionTimeout: config.httpTimeoutMs,
    // Without this the SDK only warns when a call outlives its timeout, and the step waits on.
    throwOnRequestTimeout: true,
  };
  const common = {
    region: config.awsRegion,
    retryStrategy,
    requestHandler,
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  };
  const s3 = new S3Client({
    ...common,
    forcePathStyle: config.s3ForcePathStyle,
    ...(overrides.s3Endpoint ? { endpoint: overrides.s3Endpoint } : {}),
  });
  const cloudFront = new CloudFrontClient({
    ...common,
    ...(overrides.cloudFrontEndpoint ? { endpoint: overrides.cloudFrontEndpoint } : {}),
  });
  return {
    s3,
    cloudFront,
    destroy() {
      s3.destroy();
      cloudFront.destroy();
    },
  };
}
