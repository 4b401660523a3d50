import { createHash, createHmac } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import type { Config } from '../config/config';
import { CaseKeys, openCaseFile, sealCaseFile } from './case-keys';
import { CaseDestroyedError, readTombstone } from './case-tombstone';
import { isSha256 } from '../domain/case/claim-checks';
import { createRecordStore, RecordExistsError, type RecordStore } from './record-store';

/**
 * The case document store: long texts and attachments kept outside the case's history. A workflow, a view or a
 * request carries only the document's claim check `{ sha256, size, contentType }`; the bytes live in the archive's
 * store (its local folder or its bucket), encrypted at rest and destroyed with the case that keeps them (issue 15,
 * item 5: crypto-shredding).
 *
 * - A document no case keeps yet (an upload, a text of a request before its case took it) is sealed under the
 *   district's upload key of the day (UTC), `_case-keys/<district>/uploads-<day>.key.json`: it can be taken into a
 *   case on that day and the next; then its key is deleted (`sweepUploads`), so an upload no case names dies too.
 * - A document a case keeps is sealed under **the case's own data key** (`case-keys.ts`, the key its archived
 *   records are sealed with): destroying the case (`destroyCaseRecords` deletes that key) destroys its documents.
 *   Documents are not shared between cases: two cases naming the same bytes each keep their own copy, so one case's
 *   destruction never touches another's.
 * - The address of a sealed document is an HMAC of its SHA-256 under a key derived from the sealing key, never the
 *   SHA-256 itself: the store does not show which short texts are equal, nor confirm a guessed text. The claim
 *   check keeps the plain SHA-256 (and the history holding it is encrypted).
 * - Documents stored in clear by earlier versions (`<district>/documents/<sha256>`) still read; so does everything
 *   when the store has no key ring (an archive written with no codec).
 */
export interface ClaimCheck {
  /** Lower-case hex SHA-256 of the bytes: what names the document. */
  readonly sha256: string;
  /** Bytes. */
  readonly size: number;
  /** The media type the first put gave (`application/pdf`, `text/plain; charset=utf-8` ...). */
  readonly contentType: string;
}

export interface StoredDocument {
  readonly claim: ClaimCheck;
  readonly bytes: Buffer;
}

/** The case that keeps a document: its district and workflow id. */
export interface DocumentHolder {
  readonly district: string;
  readonly workflowId: string;
}

export interface DocumentStore {
  /**
   * Stores the bytes as an upload of the district (no case keeps them yet) and answers their claim check. The same
   * bytes twice on a day are stored once; the content type is the first put's.
   */
  put(district: string, bytes: Uint8Array, contentType: string): Promise<ClaimCheck>;
  /**
   * The document with this SHA-256 as the case keeps it: the case's own copy, else an upload of the district
   * (taken into the case now: the case names it), else a document stored in clear by an earlier version; undefined
   * when there is none. Throws CaseDestroyedError when the case was destroyed, DocumentIntegrityError when the
   * stored bytes no longer match their SHA-256.
   */
  get(holder: DocumentHolder, sha256: string): Promise<StoredDocument | undefined>;
  /**
   * The bytes of a document whose claim check the case holds (a case's stored text), or undefined: the claim check's
   * SHA-256 and size standing in for the stored description (the case's own copy: its bytes alone are read), else
   * as `get`. Throws when the bytes no longer match, CaseDestroyedError when the case was destroyed.
   */
  bytesOf(holder: DocumentHolder, claim: Pick<ClaimCheck, 'sha256' | 'size'>): Promise<Buffer | undefined>;
  /** The claim check of an upload (or a clear document) of the district that no case needs to keep yet, or undefined. */
  find(district: string, sha256: string): Promise<ClaimCheck | undefined>;
  /** Takes an upload into the case (sealed under the case's key); answers its claim check, undefined when none is found. */
  keep(holder: DocumentHolder, sha256: string): Promise<ClaimCheck | undefined>;
  /** Deletes the keys of the district's uploads past their lifetime (the day after their day); answers how many. */
  sweepUploads(district: string): Promise<number>;
  /** Whether documents are encrypted at rest (the store has the key ring). */
  readonly sealed: boolean;
  readonly location: string;
}

/** The largest document the store takes (the upload route's limit too): 10 MiB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** An upload can be taken into a case on its day and the next (UTC): the days searched, today first. */
export const UPLOAD_DAYS_KEPT = 2;
const UPLOADS = 'uploads-';

/** `type/subtype` with optional parameters, bounded: the only content types the store records. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(; ?[a-z0-9-]{1,40}=[A-Za-z0-9._-]{1,60}){0,3}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stored document's bytes no longer hash to its SHA-256: the store was written behind our back. */
export class DocumentIntegrityError extends Error {
  constructor(readonly sha256: string) {
    super(`the stored document ${sha256} does not match its SHA-256`);
    this.name = 'DocumentIntegrityError';
  }
}

/** The address of a document sealed under `key`: an HMAC of its SHA-256 under a key derived for addresses only. */
export function documentAddress(key: Buffer, sha256: string): string {
  const addressKey = createHmac('sha256', key).update('case-document-address').digest();
  return createHmac('sha256', addressKey).update(sha256).digest('hex');
}

/** The UTC days whose uploads are still kept at `now`, today first (`2026-11-29`, `2026-11-28`). */
export function uploadDays(now: Date): string[] {
  return Array.from({ length: UPLOAD_DAYS_KEPT }, (_, back) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back)).toISOString().slice(0, 10));
}

export interface DocumentStoreOptions {
  /** The codecs whose key ring wraps the data keys (the service's data converter's); none: documents in clear. */
  readonly codecs?: readonly PayloadCodec[] | undefined;
  /** The clock that names an upload's day. */
  readonly now?: (() => Date) | undefined;
}

/** The document store on top of the archive's record store (pass the same instance) and its key store. */
export function caseDocumentStore(records: RecordStore, options: DocumentStoreOptions = {}): DocumentStore {
  const keys = new CaseKeys(records.caseKeys, options.codecs ?? []);
  const now = options.now ?? (() => new Date());
  const clear = clearDocuments(records);
  const uploadKeys = new Map<string, Buffer>();

  /** The key of the district's uploads of `day`; made (after deleting expired ones) for today's first upload. */
  const uploadKey = async (district: string, day: string, create: boolean): Promise<Buffer | undefined> => {
    const cached = uploadKeys.get(`${district}/${day}`);
    if (cached) return cached;
    let key = await keys.dataKey(district, `${UPLOADS}${day}`, false);
    if (!key && create) {
      await sweepUploads(district);
      key = await keys.dataKey(district, `${UPLOADS}${day}`, true);
    }
    if (key) {
      // Only the days still kept stay cached: an expired day is never searched again.
      const days = new Set(uploadDays(now()));
      for (const name of uploadKeys.keys()) if (!days.has(name.slice(name.lastIndexOf('/') + 1))) uploadKeys.delete(name);
      uploadKeys.set(`${district}/${day}`, key);
    }
    return key;
  };

  /** The case's data key; a destroyed case (its tombstone) throws CaseDestroyedError, never opens a new key. */
  const caseKey = async ({ district, workflowId }: DocumentHolder, create: boolean): Promise<Buffer | undefined> => {
    const stored = await keys.dataKey(district, workflowId, false);
    if (stored) return stored;
    const tombstone = await readTombstone(records, district, workflowId);
    if (tombstone) throw new CaseDestroyedError(tombstone);
    return create ? keys.dataKey(district, workflowId, true) : undefined;
  };

  const findUpload = async (district: string, sha256: string): Promise<StoredDocument | undefined> => {
    for (const day of uploadDays(now())) {
      const key = await uploadKey(district, day, false);
      const found = key && (await sealedDocument(records, `${district}/documents/${UPLOADS}${day}`, key, sha256));
      if (found) return found;
    }
    return undefined;
  };

  async function sweepUploads(district: string): Promise<number> {
    const kept = new Set(uploadDays(now()).map((day) => `${UPLOADS}${day}`));
    const expired = (await records.caseKeys.list(district, UPLOADS)).filter((name) => !kept.has(name));
    for (const name of expired) await records.caseKeys.destroy(district, name);
    return expired.length;
  }

  const keep = async (holder: DocumentHolder, sha256: string): Promise<StoredDocument | undefined> => {
    const folder = `${holder.district}/documents/${holder.workflowId}`;
    const key = await caseKey(holder, false);
    const own = key && (await sealedDocument(records, folder, key, sha256));
    if (own) return own;
    const found = (await findUpload(holder.district, sha256)) ?? (await clear.get(holder.district, sha256));
    if (!found) return undefined;
    const claim = await putSealed(records, folder, key ?? (await caseKey(holder, true))!, found.claim, found.bytes);
    return { claim, bytes: found.bytes };
  };

  return {
    location: records.location,
    sealed: keys.enabled,
    async put(district, bytes, contentType) {
      if (!CONTENT_TYPE.test(contentType)) throw new TypeError(`invalid content type ${JSON.stringify(contentType.slice(0, 80))}`);
      if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new RangeError(`a document has at most ${MAX_DOCUMENT_BYTES} bytes`);
      const claim: ClaimCheck = { sha256: sha256Hex(bytes), size: bytes.byteLength, contentType };
      if (!keys.enabled) return clear.put(district, claim, bytes);
      const day = uploadDays(now())[0]!;
      return putSealed(records, `${district}/documents/${UPLOADS}${day}`, (await uploadKey(district, day, true))!, claim, Buffer.from(bytes));
    },
    async get(holder, sha256) {
      if (!isSha256(sha256)) return undefined;
      if (!keys.enabled) return clear.get(holder.district, sha256);
      return keep(holder, sha256);
    },
    async bytesOf(holder, claim) {
      if (!isSha256(claim.sha256)) return undefined;
      if (!keys.enabled) return checked(claim, (await clear.get(holder.district, claim.sha256))?.bytes);
      const key = await caseKey(holder, false);
      const address = key && documentAddress(key, claim.sha256);
      const sealed = address && (await records.get(`${holder.district}/documents/${holder.workflowId}/${address}`));
      if (key && sealed) return checked(claim, openCaseFile(key, holder.workflowId, `documents/${address}`, sealed));
      return checked(claim, (await keep(holder, claim.sha256))?.bytes);
    },
    async find(district, sha256) {
      if (!isSha256(sha256)) return undefined;
      return (keys.enabled ? await findUpload(district, sha256) : undefined)?.claim ?? (await clear.get(district, sha256))?.claim;
    },
    async keep(holder, sha256) {
      if (!isSha256(sha256)) return undefined;
      if (!keys.enabled) return (await clear.get(holder.district, sha256))?.claim;
      return (await keep(holder, sha256))?.claim;
    },
    sweepUploads: (district) => (keys.enabled ? sweepUploads(district) : Promise.resolve(0)),
  };
}

/** `bytes` if they are the claim check's (its SHA-256 and size), else DocumentIntegrityError. */
function checked(claim: Pick<ClaimCheck, 'sha256' | 'size'>, bytes: Buffer | undefined): Buffer | undefined {
  if (bytes && (bytes.byteLength !== claim.size || sha256Hex(bytes) !== claim.sha256)) throw new DocumentIntegrityError(claim.sha256);
  return bytes;
}

/**
 * A document sealed in `folder` (`<district>/documents/<workflowId | uploads-<day>>`) under `key`: the bytes at
 * `<address>` and the claim check at `<address>.json`, each sealed (`sealCaseFile`, the name bound to the ciphertext).
 */
async function putSealed(records: RecordStore, folder: string, key: Buffer, claim: ClaimCheck, bytes: Buffer): Promise<ClaimCheck> {
  const address = documentAddress(key, claim.sha256);
  return putWithClaim(
    records,
    `${folder}/${address}`,
    sealCaseFile(key, `documents/${address}`, bytes),
    sealCaseFile(key, `documents/${address}.json`, Buffer.from(JSON.stringify(claim))),
    claim,
    async () => (await sealedDocument(records, folder, key, claim.sha256))?.claim,
  );
}

/**
 * Writes a document's bytes at `key`, then its claim check at `<key>.json`: a crash in between leaves bytes a retry
 * describes, never a claim check without bytes. Either write may find an earlier one (the same bytes, by their
 * address): the claim check stored first is answered.
 */
async function putWithClaim(records: RecordStore, key: string, bytes: Uint8Array, meta: Buffer, claim: ClaimCheck, stored: () => Promise<ClaimCheck | undefined>): Promise<ClaimCheck> {
  try {
    await records.put(key, bytes);
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
  try {
    await records.put(`${key}.json`, meta);
    return claim;
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
    return (await stored()) ?? claim;
  }
}

async function sealedDocument(records: RecordStore, folder: string, key: Buffer, sha256: string): Promise<StoredDocument | undefined> {
  const address = documentAddress(key, sha256);
  const meta = await records.get(`${folder}/${address}.json`);
  if (!meta) return undefined;
  const claim = JSON.parse(openCaseFile(key, folder, `documents/${address}.json`, meta).toString('utf8')) as ClaimCheck;
  const sealed = await records.get(`${folder}/${address}`);
  if (!sealed) return undefined;
  const bytes = openCaseFile(key, folder, `documents/${address}`, sealed);
  if (sha256Hex(bytes) !== sha256 || bytes.byteLength !== claim.size) throw new DocumentIntegrityError(sha256);
  return { claim, bytes };
}

/**
 * Documents in clear at `<district>/documents/<sha256>` with their claim check at `<sha256>.json`: how earlier
 * versions stored every document, and how a store without a key ring still does. Never replaced.
 */
function clearDocuments(records: RecordStore) {
  const keyOf = (district: string, sha256: string) => `${district}/documents/${sha256}`;
  const readMeta = async (district: string, sha256: string): Promise<ClaimCheck | undefined> => {
    const meta = await records.get(`${keyOf(district, sha256)}.json`);
    return meta === undefined ? undefined : (JSON.parse(meta.toString('utf8')) as ClaimCheck);
  };
  return {
    async put(district: string, claim: ClaimCheck, bytes: Uint8Array): Promise<ClaimCheck> {
      return putWithClaim(records, keyOf(district, claim.sha256), bytes, Buffer.from(JSON.stringify(claim)), claim, () => readMeta(district, claim.sha256));
    },
    async get(district: string, sha256: string): Promise<StoredDocument | undefined> {
      const claim = await readMeta(district, sha256);
      if (claim === undefined) return undefined;
      const bytes = await records.get(keyOf(district, sha256));
      if (bytes === undefined) return undefined;
      if (sha256Hex(bytes) !== sha256 || bytes.byteLength !== claim.size) throw new DocumentIntegrityError(sha256);
      return { claim, bytes };
    },
  };
}

/** The store the configuration names: beside the archive, in its folder or its bucket. */
export function createDocumentStore(archive: Config['archive'], options: DocumentStoreOptions = {}): DocumentStore {
  return caseDocumentStore(createRecordStore(archive), options);
}
