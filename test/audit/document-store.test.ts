import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BUCKET, useS3Bucket } from '../helpers/s3-bucket';
import { loadConfig } from '../../src/config/config';
import { DocumentIntegrityError, caseDocumentStore, createDocumentStore, sha256Hex, type DocumentStore } from '../../src/audit/document-store';
import { localRecordStore, s3RecordStore } from '../../src/audit/record-store';

const PDF = Buffer.from('%PDF-1.7\n% a district letter\n%%EOF\n');
/** SHA-256 of PDF, computed with `sha256sum` and written out here. */
const PDF_SHA256 = 'ca192c52be19fe0f73578660f4e37c6028f9979db89906cb15aae43f70afafab';

/** What every backend promises: the claim check of the bytes, the bytes back by it, once per district, never replaced. */
function itIsAContentAddressedStore(name: string, store: () => DocumentStore) {
  describe(`${name}: the case document store`, () => {
    it('answers the claim check of the bytes and gives them back by their SHA-256', async () => {
      const claim = await store().put('district-a', PDF, 'application/pdf');
      expect(claim).toEqual({ sha256: PDF_SHA256, size: 35, contentType: 'application/pdf' });
      const read = await store().get('district-a', claim.sha256);
      expect(read?.claim).toEqual(claim);
      expect(read?.bytes).toEqual(PDF);
      // The bytes alone, by the claim check a case holds (one read): a size that is not the claim's is refused.
      expect(await store().bytesOf('district-a', claim)).toEqual(PDF);
      await expect(store().bytesOf('district-a', { ...claim, size: 34 })).rejects.toBeInstanceOf(DocumentIntegrityError);
      expect(await store().bytesOf('district-b', claim)).toBeUndefined();
      expect(await store().bytesOf('district-a', { sha256: '../x', size: 1 })).toBeUndefined();
    });

    it('stores the same bytes once: a second put answers the first claim check, content type included', async () => {
      const text = Buffer.from('The grievant states that the observation was not announced.', 'utf8');
      const first = await store().put('district-a', text, 'text/plain; charset=utf-8');
      await expect(store().put('district-a', text, 'text/plain; charset=utf-8')).resolves.toEqual(first);
      await expect(store().put('district-a', text, 'application/octet-stream')).resolves.toEqual(first);
    });

    it("keeps each district's documents apart: a SHA-256 of another district is not found", async () => {
      const bytes = Buffer.from('only in district-b');
      const claim = await store().put('district-b', bytes, 'text/plain');
      expect(await store().get('district-a', claim.sha256)).toBeUndefined();
      expect((await store().get('district-b', claim.sha256))?.bytes.toString()).toBe('only in district-b');
    });

    it('answers undefined for an unknown SHA-256 and for anything that is not one (no key is built from it)', async () => {
      expect(await store().get('district-a', 'a'.repeat(64))).toBeUndefined();
      for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'abc', `${'a'.repeat(64)}.json`]) expect(await store().get('district-a', bad)).toBeUndefined();
    });

    it('refuses a content type that is not a media type, and writes nothing', async () => {
      const bytes = Buffer.from('never stored');
      await expect(store().put('district-a', bytes, 'not a type')).rejects.toThrow(/invalid content type/);
      expect(await store().get('district-a', sha256Hex(bytes))).toBeUndefined();
    });
  });
}

describe('on the local folder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'documents-'));
  });
  itIsAContentAddressedStore('local folder', () => caseDocumentStore(localRecordStore(root)));

  it('keeps the bytes at <district>/documents/<sha256> and refuses them once changed behind its back', async () => {
    const store = caseDocumentStore(localRecordStore(root));
    const claim = await store.put('district-c', Buffer.from('original statement'), 'text/plain');
    const file = path.join(root, 'district-c', 'documents', claim.sha256);
    await chmod(file, 0o644);
    await writeFile(file, 'edited statement');
    await expect(store.get('district-c', claim.sha256)).rejects.toBeInstanceOf(DocumentIntegrityError);
    await expect(store.bytesOf('district-c', claim)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it('is beside the archive the configuration names (<DATA_DIR>/archive)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'data-'));
    const claim = await createDocumentStore(loadConfig({ DATA_DIR: dataDir }).archive).put('district-a', PDF, 'application/pdf');
    expect((await localRecordStore(path.join(dataDir, 'archive')).get(`district-a/documents/${claim.sha256}`))?.equals(PDF)).toBe(true);
  });
});

describe('on an S3-compatible bucket (s3rver on 127.0.0.1)', () => {
  const bucket = useS3Bucket();
  const s3 = TEST_BUCKET;

  itIsAContentAddressedStore('S3 bucket', () => caseDocumentStore(s3RecordStore({ endpoint: bucket.endpoint, ...s3 })));

  it('is the bucket the ARCHIVE_S3_* configuration names', async () => {
    const config = loadConfig({
      ARCHIVE_S3_ENDPOINT: bucket.endpoint,
      ARCHIVE_S3_BUCKET: s3.bucket,
      ARCHIVE_S3_REGION: s3.region,
      ARCHIVE_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ARCHIVE_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    const claim = await createDocumentStore(config.archive).put('district-d', PDF, 'application/pdf');
    expect((await s3RecordStore({ endpoint: bucket.endpoint, ...s3 }).get(`district-d/documents/${claim.sha256}`))?.equals(PDF)).toBe(true);
  });
});
