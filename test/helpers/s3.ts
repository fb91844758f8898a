/** s3rver for one test file: buckets made up front, a client with path-style URLs, and a stop. */
import type { S3Client } from '@aws-sdk/client-s3';
import { localS3Client, startS3Local } from '../../src/dev/stand-ins/s3rver';

export interface TestS3 {
  endpoint: string;
  s3: S3Client;
  stop(): Promise<void>;
}

export async function startTestS3(buckets: readonly string[]): Promise<TestS3> {
  const local = await startS3Local({ buckets });
  const s3 = localS3Client(local.endpoint);
  return {
    endpoint: local.endpoint,
    s3,
    async stop() {
      s3.destroy();
      await local.stop();
    },
  };
}
