import { createHash } from 'node:crypto';
import type { Config } from '../config/config';
import { createRecordStore, RecordExistsError, type RecordStore } from './record-store';

/**
 * The case document store: long texts and attachments kept outside the case's history, content-addressed. A
 * workflow, a view or a request carries only the document's claim check; the bytes live once per district in the
 * archive's store (its local folder or its bucket), under `<district>/documents/<sha256>` with the content type
 * beside them in `<sha256>.json`. Documents are never replaced or deleted (the archive is append-only), so a claim
 * check stays good for as long as the case's records are kept.
 */
export interface ClaimCheck {
  /** Lower-case hex SHA-256 of the bytes: the document's address. */
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

export interface DocumentStore {
  /**
   * Stores the bytes (once: putting the same bytes again writes nothing) and answers their claim check. The content
   * type is the first put's: a later put of the same bytes answers the stored one.
   */
  put(district: string, bytes: Uint8Array, contentType: string): Promise<ClaimCheck>;
  /** The document with this SHA-256 in the district, or undefined; throws when the stored bytes no longer match it. */
  get(district: string, sha256: string): Promise<StoredDocument | undefined>;
  /**
   * The bytes of a document whose claim check the caller holds (a case's stored text), or undefined: one read, the
   * claim check's SHA-256 and size standing in for the stored description. Throws when the bytes no longer match.
   */
  bytesOf(district: string, claim: Pick<ClaimCheck, 'sha256' | 'size'>): Promise<Buffer | undefined>;
  readonly location: string;
}

/** The largest document the store takes (the upload route's limit too): 10 MiB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** `type/subtype` with optional parameters, bounded: the only content types the store records. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(; ?[a-z0-9-]{1,40}=[A-Za-z0-9._-]{1,60}){0,3}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stored document's bytes no longer hash to its address: the store was written behind our back. */
export class DocumentIntegrityError extends Error {
  constructor(readonly sha256: string) {
    super(`the stored document ${sha256} does not match its SHA-256`);
    this.name = 'DocumentIntegrityError';
  }
}

/** The document store on top of an append-only record store (the archive's: pass the same instance). */
export function caseDocumentStore(records: RecordStore): DocumentStore {
  const keyOf = (district: string, sha256: string) => `${district}/documents/${sha256}`;
  const readMeta = async (district: string, sha256: string): Promise<ClaimCheck | undefined> => {
    const meta = await records.get(`${keyOf(district, sha256)}.json`);
    return meta === undefined ? undefined : (JSON.parse(meta.toString('utf8')) as ClaimCheck);
  };
  return {
    location: records.location,
    async put(district, bytes, contentType) {
      if (!CONTENT_TYPE.test(contentType)) throw new TypeError(`invalid content type ${JSON.stringify(contentType.slice(0, 80))}`);
      if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new RangeError(`a document has at most ${MAX_DOCUMENT_BYTES} bytes`);
      const claim: ClaimCheck = { sha256: sha256Hex(bytes), size: bytes.byteLength, contentType };
      const key = keyOf(district, claim.sha256);
      // Bytes first, then their description: a crash in between leaves bytes a retry describes, never a claim
      // check without bytes. Either write may find an earlier one (same bytes, by their address).
      await putOnce(records, key, bytes);
      try {
        await records.put(`${key}.json`, Buffer.from(JSON.stringify(claim)));
        return claim;
      } catch (error) {
        if (!(error instanceof RecordExistsError)) throw error;
        return (await readMeta(district, claim.sha256)) ?? claim;
      }
    },
    async get(district, sha256) {
      if (!isSha256(sha256)) return undefined;
      const claim = await readMeta(district, sha256);
      if (claim === undefined) return undefined;
      const bytes = await records.get(keyOf(district, sha256));
      if (bytes === undefined) return undefined;
      if (sha256Hex(bytes) !== sha256 || bytes.byteLength !== claim.size) throw new DocumentIntegrityError(sha256);
      return { claim, bytes };
    },
    async bytesOf(district, claim) {
      if (!isSha256(claim.sha256)) return undefined;
      const bytes = await records.get(keyOf(district, claim.sha256));
      if (bytes === undefined) return undefined;
      if (bytes.byteLength !== claim.size || sha256Hex(bytes) !== claim.sha256) throw new DocumentIntegrityError(claim.sha256);
      return bytes;
    },
  };
}

async function putOnce(records: RecordStore, key: string, bytes: Uint8Array): Promise<void> {
  try {
    await records.put(key, bytes);
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
}

/** The store the configuration names: beside the archive, in its folder or its bucket. */
export function createDocumentStore(archive: Config['archive']): DocumentStore {
  return caseDocumentStore(createRecordStore(archive));
}
