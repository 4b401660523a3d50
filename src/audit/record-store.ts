import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createWhole } from './create-whole';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Config } from '../config/config';
import { CASE_KEYS_PREFIX, localCaseKeyStore, s3CaseKeyStore, type CaseKeyStore } from './case-keys';

/**
 * An append-only store of case records: a file, once put, is never replaced. Keys are `/`-separated paths of
 * plain segments (`district-a/grievance:G-1/<runId>.history.json`): no empty segment, no `.` or `..`.
 */
export interface RecordStore {
  /** Writes a new record; throws RecordExistsError, and changes nothing, when the key already holds one. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The record's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Where the records are, for logs and the README (`/var/lib/.../archive`, `s3://bucket`). */
  readonly location: string;
  /** The per-case data keys beside the records (issue 15: crypto-shredding), the one thing of the store that is deleted. */
  readonly caseKeys: CaseKeyStore;
}

/** A put that would overwrite a record. */
export class RecordExistsError extends Error {
  constructor(readonly key: string) {
    super(`the record ${key} already exists: the archive is append-only`);
    this.name = 'RecordExistsError';
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,199}$/;

/** Throws unless `key` is a path of plain segments (no traversal, nothing absolute). */
export function checkRecordKey(key: string): string {
  const segments = key.split('/');
  if (segments.length === 0 || !segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) {
    throw new TypeError(`invalid record key ${JSON.stringify(key)}`);
  }
  return key;
}

/** `prefix` may end with `/` (a folder) or be a key's start; it may be empty (everything). */
function checkPrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/$/, '');
  if (trimmed !== '') checkRecordKey(trimmed);
  return prefix;
}

/**
 * Records as files under `root`, each created exclusively (`O_EXCL`): a second put of a key fails without
 * touching the first. Written to the final name in one write; the archive activity is retried as a whole, and a
 * retry finds what an earlier attempt wrote.
 */
export function localRecordStore(root: string): RecordStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...checkRecordKey(key).split('/'));
  return {
    location: base,
    caseKeys: localCaseKeyStore(base),
    async put(key, bytes) {
      if (!(await createWhole(fileOf(key), bytes, 0o444))) throw new RecordExistsError(key);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list(prefix) {
      checkPrefix(prefix);
      const cut = prefix.lastIndexOf('/');
      const folder = cut < 0 ? '' : prefix.slice(0, cut);
      const found: string[] = [];
      const walk = async (relative: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(path.join(base, ...relative.split('/').filter(Boolean)), { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        for (const entry of entries) {
          const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
          if (key === CASE_KEYS_PREFIX) continue; // the key store is no record
          if (entry.name.startsWith('.')) continue; // a record being written (see put)
          if (entry.isDirectory()) {
            if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(key);
          } else if (entry.isFile() && key.startsWith(prefix)) found.push(key);
        }
      };
      await walk(folder);
      return found.sort();
    },
  };
}

export interface S3RecordStoreOptions {
  /** `https://s3.example:9000`: the service's endpoint; buckets are addressed by path (`/<bucket>/<key>`). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The bucket of the per-case data keys (issue 15: a bucket without object lock); default `bucket`. */
  readonly keysBucket?: string | undefined;
}

/**
 * Records as objects of an S3-compatible bucket, addressed path-style. A put asks the server to refuse an
 * existing key (`If-None-Match: *`, atomic on AWS S3 and MinIO) and, for servers that ignore that header, looks
 * first (HEAD): a key that exists is never written again. Pair it with the bucket's object lock or versioning for
 * records no credential can rewrite.
 */
export function s3RecordStore(options: S3RecordStoreOptions): RecordStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  const Bucket = options.bucket;
  return {
    location: `s3://${Bucket} at ${options.endpoint}`,
    caseKeys: s3CaseKeyStore(client, options.keysBucket ?? Bucket),
    async put(key, bytes) {
      checkRecordKey(key);
      if (await exists(client, Bucket, key)) throw new RecordExistsError(key);
      try {
        await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, IfNoneMatch: '*', ContentType: contentType(key) }));
      } catch (error) {
        if (status(error) === 412 || status(error) === 409) throw new RecordExistsError(key);
        throw error;
      }
    },
    async get(key) {
      checkRecordKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async list(prefix) {
      checkPrefix(prefix);
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key && !object.Key.startsWith(`${CASE_KEYS_PREFIX}/`)) keys.push(object.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
  };
}

async function exists(client: S3Client, Bucket: string, Key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket, Key }));
    return true;
  } catch (error) {
    if (status(error) === 404) return false;
    throw error;
  }
}

function status(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function contentType(key: string): string {
  return key.endsWith('.json') ? 'application/json' : 'application/octet-stream';
}

/** The store the configuration names: the bucket when ARCHIVE_S3_* are set, else the local folder. */
export function createRecordStore(archive: Config['archive']): RecordStore {
  return archive.kind === 's3' ? s3RecordStore(archive) : localRecordStore(archive.dir);
}
