import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

/** The bucket's settings as the ARCHIVE_S3_* variables give them (without the endpoint, known once it runs). */
export const TEST_BUCKET = { bucket: 'case-archive', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * A real S3-compatible server (s3rver) on 127.0.0.1 for the describe block that calls this, with the bucket
 * `case-archive` (and the `extraBuckets`) in a temp folder; `endpoint` is set before the first test runs.
 */
export function useS3Bucket(extraBuckets: readonly string[] = []) {
  const ctx = { endpoint: '' };
  let server: S3rver | undefined;
  beforeAll(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: await mkdtemp(path.join(os.tmpdir(), 's3rver-')),
      configureBuckets: [TEST_BUCKET.bucket, ...extraBuckets].map((name) => ({ name, configs: [] })),
    });
    ctx.endpoint = `http://127.0.0.1:${((await server.run()) as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server?.close();
  });
  return ctx;
}
