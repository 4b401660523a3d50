import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createWhole } from './create-whole';
import { DeleteObjectCommand, GetObjectCommand, GetObjectLockConfigurationCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { METADATA_ENCODING_KEY, type PayloadCodec } from '@temporalio/common';
import { parseCaseWorkflowId } from '../domain/case/case-ids';
import { EncryptionCodec, METADATA_CASE_DISTRICT, METADATA_CASE_TYPE } from '../crypto/encryption-codec';
import { isPayloadJson, payloadFromJson, payloadToJson } from '../crypto/payload-json';

/**
 * Per-case data keys (issue 15, item 5: crypto-shredding). Every file the archive keeps of a case is sealed with
 * AES-256-GCM under the case's own random 256-bit data key; that key is stored only wrapped by the payload key ring
 * (the ring's active key, as an encrypted payload naming its key id, so ring rotation applies to it too), in a small
 * mutable key store beside the append-only archive: `_case-keys/<district>/<workflowId>.key.json` in its folder or
 * bucket. Destroying a case deletes that one object (every stored version of it): the archived files stay byte for
 * byte, so the digest chain still verifies, but nothing can decrypt them any more.
 */
export interface CaseKeyStore {
  /** The case's wrapped key, or undefined when it has none (never archived under a key, or destroyed). */
  get(district: string, workflowId: string): Promise<Buffer | undefined>;
  /** Stores the case's wrapped key unless one is stored already (two archivers at once); answers the one stored. */
  putIfAbsent(district: string, workflowId: string, wrapped: Buffer): Promise<Buffer>;
  /** Deletes the case's key wherever it is kept (every version of a versioned bucket's object). Idempotent. */
  destroy(district: string, workflowId: string): Promise<void>;
  /** Throws, naming the fix, when the store could not delete a key (a bucket with object lock): checked at start. */
  checkDeletable(): Promise<void>;
  /** The names (workflow ids, `uploads-<day>`) of the district's keys that start with `prefix`, sorted. */
  list(district: string, prefix: string): Promise<string[]>;
}

/** The key store's prefix: no district id starts with `_`, so it never meets a case's folder. */
export const CASE_KEYS_PREFIX = '_case-keys';

/** The record store's key segments (record-store.ts): no traversal, nothing absolute. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,199}$/;
const KEY_SUFFIX = '.key.json';
function keyOf(district: string, workflowId: string): string {
  if (!SEGMENT.test(district) || !SEGMENT.test(workflowId)) throw new TypeError(`invalid case key ${JSON.stringify(`${district}/${workflowId}`)}`);
  return `${CASE_KEYS_PREFIX}/${district}/${workflowId}${KEY_SUFFIX}`;
}
/** `_case-keys/<district>/<prefix>`, checked like a key. */
function listPrefixOf(district: string, prefix: string): string {
  if (!SEGMENT.test(district) || !/^[A-Za-z0-9._:@+=-]{0,199}$/.test(prefix)) throw new TypeError(`invalid case key prefix ${JSON.stringify(`${district}/${prefix}`)}`);
  return `${CASE_KEYS_PREFIX}/${district}/${prefix}`;
}
/** The names of stored keys that start with `prefix`. */
const namesOf = (files: readonly string[], prefix: string) => files.filter((f) => f.startsWith(prefix) && f.endsWith(KEY_SUFFIX)).map((f) => f.slice(0, -KEY_SUFFIX.length)).sort();

/** Keys as files under `<root>/_case-keys/`, readable by the owner only; destroying one removes the file. */
export function localCaseKeyStore(root: string): CaseKeyStore {
  const fileOf = (district: string, workflowId: string) => path.join(root, ...keyOf(district, workflowId).split('/'));
  const read = async (file: string) => {
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  return {
    get: (district, workflowId) => read(fileOf(district, workflowId)),
    async putIfAbsent(district, workflowId, wrapped) {
      const file = fileOf(district, workflowId);
      // A reader never sees a key half written: the API and the case's own keep (issue 15 item 5) may make one at once.
      return (await createWhole(file, wrapped, 0o600, 0o700)) ? wrapped : ((await read(file)) ?? wrapped);
    },
    async destroy(district, workflowId) {
      await rm(fileOf(district, workflowId), { force: true });
    },
    async checkDeletable() {},
    async list(district, prefix) {
      listPrefixOf(district, prefix);
      try {
        return namesOf(await readdir(path.join(root, CASE_KEYS_PREFIX, district)), prefix);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}

/**
 * Keys as objects of a bucket under `_case-keys/`: the archive's, or its own (ARCHIVE_S3_KEYS_BUCKET). Destroying one
 * deletes every version of the object (a versioned bucket keeps a deleted object's old versions otherwise). The
 * bucket must not have object lock: a default retention applies to every new object version of the bucket, whatever
 * its prefix, and a locked version cannot be deleted (a plain delete only adds a delete marker), so the key would
 * outlive its case. `checkDeletable` refuses such a bucket at start.
 */
export function s3CaseKeyStore(client: S3Client, Bucket: string): CaseKeyStore {
  const get = async (Key: string) => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket, Key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  };
  return {
    get: (district, workflowId) => get(keyOf(district, workflowId)),
    async putIfAbsent(district, workflowId, wrapped) {
      const Key = keyOf(district, workflowId);
      const stored = await get(Key);
      if (stored) return stored;
      try {
        await client.send(new PutObjectCommand({ Bucket, Key, Body: wrapped, IfNoneMatch: '*', ContentType: 'application/json' }));
        return wrapped;
      } catch (error) {
        if (status(error) !== 412 && status(error) !== 409) throw error;
        return (await get(Key)) ?? wrapped;
      }
    },
    async destroy(district, workflowId) {
      const Key = keyOf(district, workflowId);
      let versions: { VersionId?: string | undefined; Key?: string | undefined }[] = [];
      try {
        const listed = await client.send(new ListObjectVersionsCommand({ Bucket, Prefix: Key }));
        versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])].filter((v) => v.Key === Key);
      } catch (error) {
        // A server without versioning support (or an unversioned bucket's answer): one plain delete is all there is.
        if (![400, 404, 405, 501].includes(status(error) ?? 0)) throw error;
      }
      for (const { VersionId } of versions) {
        if (VersionId && VersionId !== 'null') await client.send(new DeleteObjectCommand({ Bucket, Key, VersionId }));
      }
      await client.send(new DeleteObjectCommand({ Bucket, Key }));
      if (await get(Key)) throw new Error(`the data key of ${workflowId} is still in the bucket after its deletion`);
    },
    async checkDeletable() {
      let enabled: string | undefined;
      try {
        enabled = (await client.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration?.ObjectLockEnabled;
      } catch (error) {
        if (!OBJECT_LOCK_ABSENT.includes(status(error) ?? 0)) throw error;
      }
      const problem = keyBucketLockProblem(Bucket, enabled);
      if (problem) throw new Error(problem);
    },
    async list(district, prefix) {
      const Prefix = listPrefixOf(district, prefix);
      const folder = `${CASE_KEYS_PREFIX}/${district}/`;
      const files: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key?.startsWith(folder)) files.push(object.Key.slice(folder.length));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return namesOf(files, prefix);
    },
  };
}

/**
 * What a bucket answers GetObjectLockConfiguration when it has no object lock: 404 (AWS: ObjectLockConfigurationNotFoundError),
 * 400 (some servers: the bucket is not lock-enabled), 501 (a server that implements no object lock, such as s3rver).
 */
const OBJECT_LOCK_ABSENT = [400, 404, 501];

/**
 * Issue 15 item 5: why a bucket cannot hold the case keys (its object lock is enabled), or undefined when it can.
 * Object lock is enabled per bucket and its default retention covers every object version put into it; a key could
 * then not be destroyed, and crypto-shredding would silently fail.
 */
export function keyBucketLockProblem(bucket: string, objectLockEnabled: string | undefined): string | undefined {
  if (objectLockEnabled !== 'Enabled') return undefined;
  return (
    `the case data keys cannot live in the bucket ${bucket}: it has object lock, so a key could never be deleted (issue 15: ` +
    'crypto-shredding). Set ARCHIVE_S3_KEYS_BUCKET to a bucket without object lock (and without long-lived backups).'
  );
}

function status(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

/** A file sealed under its case's data key: `{"sealed": "case-key/aes-256-gcm", "data": "<base64 nonce|ciphertext|tag>"}`. */
export const SEALED = 'case-key/aes-256-gcm';
interface SealedFile {
  readonly sealed: typeof SEALED;
  readonly data: string;
}

/** A case's records can no longer be read: its data key was destroyed (retention), or never reached this store. */
export class CaseKeyMissingError extends Error {
  constructor(readonly workflowId: string) {
    super(`the data key of ${workflowId} is not in the key store: its archived records cannot be decrypted`);
    this.name = 'CaseKeyMissingError';
  }
}

const WRAPPED_ENCODING = 'binary/case-data-key';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The data key of one case, read from (or, for `create`, added to) the key store, wrapped and unwrapped with the key
 * ring found among `codecs`. Without a ring (an archive written with no codec: clear records) there is no case key.
 */
export class CaseKeys {
  private readonly ring: EncryptionCodec | undefined;

  constructor(
    private readonly keys: CaseKeyStore,
    codecs: readonly PayloadCodec[],
  ) {
    this.ring = codecs.find((c): c is EncryptionCodec => c instanceof EncryptionCodec);
  }

  get enabled(): boolean {
    return this.ring !== undefined;
  }

  /** The case's data key: a new one is made and stored wrapped when `create` and the case has none. */
  async dataKey(district: string, workflowId: string, create: boolean): Promise<Buffer | undefined> {
    if (!this.ring) return undefined;
    const stored = await this.keys.get(district, workflowId);
    if (stored) return this.unwrap(stored);
    if (!create) return undefined;
    return this.unwrap(await this.keys.putIfAbsent(district, workflowId, this.wrap(randomBytes(32), district, workflowId)));
  }

  private wrap(key: Buffer, district: string, workflowId: string): Buffer {
    const caseType = parseCaseWorkflowId(workflowId)?.caseType ?? '';
    const payload = this.ring!.encrypt({ metadata: { [METADATA_ENCODING_KEY]: Buffer.from(WRAPPED_ENCODING) }, data: key }, { [METADATA_CASE_TYPE]: caseType, [METADATA_CASE_DISTRICT]: district });
    return Buffer.from(`${JSON.stringify({ workflowId, key: payloadToJson(payload) }, null, 2)}\n`);
  }

  private unwrap(bytes: Buffer): Buffer {
    const stored = JSON.parse(bytes.toString('utf8')) as { key?: unknown };
    if (!isPayloadJson(stored.key)) throw new Error('a stored case data key is not a wrapped key');
    return Buffer.from(this.ring!.decrypt(payloadFromJson(stored.key)).data ?? new Uint8Array());
  }
}

/**
 * Seals a file of a case's folder under the case's key, its name bound to the ciphertext (a file renamed does not
 * open). Not the case id: a case's folder and key restored under another id (a backup) still open.
 */
export function sealCaseFile(key: Buffer, file: string, bytes: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(file, 'utf8'));
  const data = Buffer.concat([nonce, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
  const sealed: SealedFile = { sealed: SEALED, data: data.toString('base64') };
  return Buffer.from(`${JSON.stringify(sealed)}\n`);
}

/** Whether stored bytes are a sealed file (else a record archived before case keys, as it was written). */
export function isSealed(bytes: Buffer): boolean {
  return bytes.subarray(0, 40).toString('utf8').startsWith(`{"sealed":"${SEALED}"`);
}

/** Opens a sealed file with its case's key (undefined: the key is gone, CaseKeyMissingError). */
export function openCaseFile(key: Buffer | undefined, workflowId: string, file: string, bytes: Buffer): Buffer {
  if (!isSealed(bytes)) return bytes;
  if (!key) throw new CaseKeyMissingError(workflowId);
  const data = Buffer.from((JSON.parse(bytes.toString('utf8')) as SealedFile).data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(file, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
}
