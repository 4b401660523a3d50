import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { TEST_BUCKET, useS3Bucket } from '../helpers/s3-bucket';
import { RecordExistsError, createRecordStore, localRecordStore, s3RecordStore, type RecordStore } from '../../src/audit/record-store';

/** What every store promises: write once, read back, list by prefix, never overwrite. */
function itIsAnAppendOnlyStore(name: string, store: () => RecordStore) {
  describe(`${name}: the append-only contract`, () => {
    it('reads back what was put, byte for byte, and answers undefined for a key never put', async () => {
      const bytes = Buffer.from([0, 1, 2, 250, 255, 10]);
      await store().put('district-a/grievance:G-1/run-1.history.json', bytes);
      expect(await store().get('district-a/grievance:G-1/run-1.history.json')).toEqual(bytes);
      expect(await store().get('district-a/grievance:G-1/nothing.json')).toBeUndefined();
    });

    it('refuses to overwrite a record and keeps the first', async () => {
      await store().put('district-a/grievance:G-2/a.json', Buffer.from('first'));
      await expect(store().put('district-a/grievance:G-2/a.json', Buffer.from('second'))).rejects.toBeInstanceOf(RecordExistsError);
      expect((await store().get('district-a/grievance:G-2/a.json'))?.toString()).toBe('first');
    });

    it('lists the keys under a prefix, sorted, and nothing for an unknown prefix', async () => {
      for (const key of ['district-b/grievance:G-3/chain/000002.json', 'district-b/grievance:G-3/chain/000001.json', 'district-b/grievance:G-3/r.history.json', 'district-b/grievance:G-30/x.json']) {
        await store().put(key, Buffer.from(key));
      }
      expect(await store().list('district-b/grievance:G-3/')).toEqual([
        'district-b/grievance:G-3/chain/000001.json',
        'district-b/grievance:G-3/chain/000002.json',
        'district-b/grievance:G-3/r.history.json',
      ]);
      expect(await store().list('district-b/grievance:G-3/chain/')).toEqual(['district-b/grievance:G-3/chain/000001.json', 'district-b/grievance:G-3/chain/000002.json']);
      expect(await store().list('district-b/grievance:G-3')).toHaveLength(4);
      expect(await store().list('district-z/')).toEqual([]);
    });

    it.each(['../escape.json', 'district-a/../../etc/passwd', '/absolute.json', 'a//b.json', 'district-a/.hidden'])('refuses the key %j', async (key) => {
      await expect(store().put(key, Buffer.from('x'))).rejects.toThrow(/invalid record key/);
      await expect(store().get(key)).rejects.toThrow(/invalid record key/);
    });
  });
}

describe('local folder store', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'archive-'));
  });
  itIsAnAppendOnlyStore('local folder', () => localRecordStore(root));

  it('keeps each record as a read-only file at its key under the folder', async () => {
    await localRecordStore(root).put('district-c/grievance:G-4/chain/000001.json', Buffer.from('{}'));
    const file = path.join(root, 'district-c', 'grievance:G-4', 'chain', '000001.json');
    expect(await readFile(file, 'utf8')).toBe('{}');
    expect((await stat(file)).mode & 0o777).toBe(0o444);
  });

  it('refuses the second of two concurrent puts of one key', async () => {
    const store = localRecordStore(root);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((v) => store.put('district-c/grievance:G-5/race.json', Buffer.from(v))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(RecordExistsError), expect.any(RecordExistsError)]);
  });
});

describe('S3-compatible bucket store (s3rver on 127.0.0.1)', () => {
  const s3 = useS3Bucket();
  const endpoint = () => s3.endpoint;

  const bucket = () => s3RecordStore({ endpoint: endpoint(), ...TEST_BUCKET });
  itIsAnAppendOnlyStore('S3 bucket', bucket);

  it('is the store the ARCHIVE_S3_* configuration names', async () => {
    const config = loadConfig({
      ARCHIVE_S3_ENDPOINT: endpoint(),
      ARCHIVE_S3_BUCKET: 'case-archive',
      ARCHIVE_S3_REGION: 'us-east-1',
      ARCHIVE_S3_ACCESS_KEY_ID: 'S3RVER',
      ARCHIVE_S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    expect(config.archive).toMatchObject({ kind: 's3', endpoint: endpoint(), bucket: 'case-archive' });
    const store = createRecordStore(config.archive);
    await store.put('district-d/grievance:G-6/r.history.json', Buffer.from('{"events":[]}'));
    expect((await bucket().get('district-d/grievance:G-6/r.history.json'))?.toString()).toBe('{"events":[]}');
  });

  it('fails with the server error, not as a missing record, when the credentials are wrong', async () => {
    const wrong = s3RecordStore({ endpoint: endpoint(), bucket: 'case-archive', region: 'us-east-1', accessKeyId: 'not-a-key', secretAccessKey: 'not-the-secret' });
    await expect(wrong.get('district-a/grievance:G-1/run-1.history.json')).rejects.toThrow();
    await expect(wrong.put('district-a/grievance:G-1/new.json', Buffer.from('x'))).rejects.toThrow();
    await expect(wrong.list('district-a/')).rejects.toThrow();
    expect(await bucket().get('district-a/grievance:G-1/new.json')).toBeUndefined();
  });
});

describe('archive configuration', () => {
  it('archives to <DATA_DIR>/archive by default', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/case-deadlines' }).archive).toEqual({ kind: 'local', dir: '/var/lib/case-deadlines/archive' });
  });

  it('names every ARCHIVE_S3_* variable missing when only some are set', () => {
    let error: unknown;
    try {
      loadConfig({ ARCHIVE_S3_ENDPOINT: 'https://s3.example', ARCHIVE_S3_BUCKET: 'case-archive' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['ARCHIVE_S3_REGION', 'ARCHIVE_S3_ACCESS_KEY_ID', 'ARCHIVE_S3_SECRET_ACCESS_KEY']);
  });

  it.each([
    ['ARCHIVE_S3_ENDPOINT', 'ftp://s3.example'],
    ['ARCHIVE_S3_BUCKET', 'Case_Archive'],
  ])('fails at start naming %s when it is %j', (variable, value) => {
    const all = { ARCHIVE_S3_ENDPOINT: 'https://s3.example', ARCHIVE_S3_BUCKET: 'case-archive', ARCHIVE_S3_REGION: 'us-east-1', ARCHIVE_S3_ACCESS_KEY_ID: 'id', ARCHIVE_S3_SECRET_ACCESS_KEY: 'secret' };
    expect(() => loadConfig({ ...all, [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ ...all, [variable]: value });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    }
  });
});
