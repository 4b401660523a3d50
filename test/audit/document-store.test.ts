import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BUCKET, useS3Bucket } from '../helpers/s3-bucket';
import { testKeyRing } from '../helpers/key-ring';
import { loadConfig } from '../../src/config/config';
import { DocumentIntegrityError, caseDocumentStore, createDocumentStore, sha256Hex, uploadDays, type DocumentStore } from '../../src/audit/document-store';
import { localRecordStore, s3RecordStore, type RecordStore } from '../../src/audit/record-store';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';

const PDF = Buffer.from('%PDF-1.7\n% a district letter\n%%EOF\n');
/** SHA-256 of PDF, computed with `sha256sum` and written out here. */
const PDF_SHA256 = 'ca192c52be19fe0f73578660f4e37c6028f9979db89906cb15aae43f70afafab';
const STATEMENT = 'Witness statement: the post-observation conference with Dana Reyes was never held.';
const codecs = [new EncryptionCodec(testKeyRing())];
const caseA = { district: 'district-a', workflowId: 'grievance:district-a:G-1' };
const caseB = { district: 'district-a', workflowId: 'pip:district-a:P-1' };

/** Every stored byte of the district's documents (the key store `_case-keys/` is no record: it is never listed). */
async function storedBytes(records: RecordStore, district: string): Promise<Buffer[]> {
  return Promise.all((await records.list(`${district}/documents/`)).map(async (key) => (await records.get(key))!));
}

/**
 * Issue 15 item 5: documents encrypted at rest, per case, and an upload no case names has a lifetime. What every
 * backend promises (the local folder and the S3-compatible server).
 */
function itIsACaseDocumentStore(name: string, records: () => RecordStore) {
  describe(`${name}: the case document store`, () => {
    const store = (now?: () => Date) => caseDocumentStore(records(), { codecs, now });

    it('issue 15 item 5: answers the claim check of an upload, keeps it in a case and gives the bytes back to that case', async () => {
      const claim = await store().put('district-a', PDF, 'application/pdf');
      expect(claim).toEqual({ sha256: PDF_SHA256, size: 35, contentType: 'application/pdf' });
      expect(await store().find('district-a', PDF_SHA256)).toEqual(claim);
      await expect(store().keep(caseA, PDF_SHA256)).resolves.toEqual(claim);
      const read = await store().get(caseA, claim.sha256);
      expect(read?.claim).toEqual(claim);
      expect(read?.bytes).toEqual(PDF);
      // The bytes alone, by the claim check the case holds: a size that is not the claim's is refused.
      expect(await store().bytesOf(caseA, claim)).toEqual(PDF);
      await expect(store().bytesOf(caseA, { ...claim, size: 34 })).rejects.toBeInstanceOf(DocumentIntegrityError);
      expect(await store().bytesOf({ district: 'district-b', workflowId: 'grievance:district-b:G-1' }, claim)).toBeUndefined();
      expect(await store().bytesOf(caseA, { sha256: '../x', size: 1 })).toBeUndefined();
    });

    it('issue 15 item 5: no stored byte holds the plaintext, nor its SHA-256 (addresses are HMACs under the sealing key)', async () => {
      const bytes = Buffer.from(STATEMENT, 'utf8');
      const claim = await store().put('district-e', bytes, 'text/plain; charset=utf-8');
      await store().keep({ district: 'district-e', workflowId: 'grievance:district-e:G-9' }, claim.sha256);
      const keys = await records().list('district-e/documents/');
      // An upload (bytes + claim check) and the case's own copy (bytes + claim check), all sealed.
      expect(keys).toHaveLength(4);
      expect(keys.join('\n')).not.toContain(claim.sha256);
      for (const stored of await storedBytes(records(), 'district-e')) {
        expect(stored.toString('utf8')).toMatch(/^\{"sealed":"case-key\/aes-256-gcm"/);
        expect(stored.includes(bytes)).toBe(false);
        expect(stored.toString('utf8')).not.toContain('Dana Reyes');
        expect(stored.toString('utf8')).not.toContain(claim.sha256);
      }
      // The keys are wrapped by the key ring: none in clear beside the ciphertext.
      const wrapped = (await records().caseKeys.get('district-e', 'grievance:district-e:G-9'))!.toString('utf8');
      expect(wrapped).toContain('"encryption-key-id"');
    });

    it('stores the same bytes once per case; two cases keep their own copies under different addresses', async () => {
      const text = Buffer.from('The grievant states that the observation was not announced.', 'utf8');
      const first = await store().put('district-f', text, 'text/plain; charset=utf-8');
      await expect(store().put('district-f', text, 'application/octet-stream')).resolves.toEqual(first);
      await store().keep({ district: 'district-f', workflowId: 'grievance:district-f:G-1' }, first.sha256);
      await expect(store().keep({ district: 'district-f', workflowId: 'grievance:district-f:G-1' }, first.sha256)).resolves.toEqual(first);
      await store().keep({ district: 'district-f', workflowId: 'grievance:district-f:G-2' }, first.sha256);
      const keys = await records().list('district-f/documents/');
      const g1 = keys.filter((k) => k.includes('G-1/'));
      const g2 = keys.filter((k) => k.includes('G-2/'));
      expect([g1.length, g2.length]).toEqual([2, 2]);
      expect(g1.map((k) => k.split('/').at(-1))).not.toEqual(g2.map((k) => k.split('/').at(-1)));
    });

    it("keeps each district's documents apart: a SHA-256 of another district is not found", async () => {
      const claim = await store().put('district-b', Buffer.from('only in district-b'), 'text/plain');
      expect(await store().find('district-a', claim.sha256)).toBeUndefined();
      expect(await store().get(caseA, claim.sha256)).toBeUndefined();
      expect((await store().get({ district: 'district-b', workflowId: 'grievance:district-b:G-1' }, claim.sha256))?.bytes.toString()).toBe('only in district-b');
    });

    it('answers undefined for an unknown SHA-256 and for anything that is not one (no key is built from it)', async () => {
      expect(await store().get(caseA, 'a'.repeat(64))).toBeUndefined();
      for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'abc', `${'a'.repeat(64)}.json`]) {
        expect(await store().get(caseA, bad)).toBeUndefined();
        expect(await store().find('district-a', bad)).toBeUndefined();
      }
    });

    it('refuses a content type that is not a media type, and writes nothing', async () => {
      const bytes = Buffer.from('never stored');
      await expect(store().put('district-a', bytes, 'not a type')).rejects.toThrow(/invalid content type/);
      expect(await store().find('district-a', sha256Hex(bytes))).toBeUndefined();
    });

    it('issue 15 item 5: an upload no case keeps dies after its day and the next (its key swept); one a case kept lives on', async () => {
      let today = new Date('2026-11-02T23:30:00Z');
      const clock = () => today;
      const orphan = await store(clock).put('district-g', Buffer.from('an upload nobody names'), 'text/plain');
      const kept = await store(clock).put('district-g', Buffer.from('an upload a case names'), 'text/plain');
      const holder = { district: 'district-g', workflowId: 'pip:district-g:P-7' };
      await store(clock).keep(holder, kept.sha256);
      today = new Date('2026-11-03T12:00:00Z');
      expect(uploadDays(today)).toEqual(['2026-11-03', '2026-11-02']);
      expect(await store(clock).find('district-g', orphan.sha256)).toEqual(orphan);
      today = new Date('2026-11-04T00:00:01Z');
      expect(await store(clock).find('district-g', orphan.sha256)).toBeUndefined();
      expect(await store(clock).keep({ district: 'district-g', workflowId: 'pip:district-g:P-8' }, orphan.sha256)).toBeUndefined();
      // Its key is deleted by the sweep (each new day's first upload and each case destruction run it).
      expect(await records().caseKeys.list('district-g', 'uploads-')).toEqual(['uploads-2026-11-02']);
      await expect(store(clock).sweepUploads('district-g')).resolves.toBe(1);
      expect(await records().caseKeys.get('district-g', 'uploads-2026-11-02')).toBeUndefined();
      // The case's own copy does not depend on the upload.
      expect((await store(clock).get(holder, kept.sha256))?.bytes.toString()).toBe('an upload a case names');
    });

    it('issue 15 item 5: a document stored in clear by an earlier version still reads (no sealed marker: read as it is)', async () => {
      const clear = Buffer.from('A statement stored before documents were encrypted.');
      const sha256 = sha256Hex(clear);
      await records().put(`district-h/documents/${sha256}`, clear);
      await records().put(`district-h/documents/${sha256}.json`, Buffer.from(JSON.stringify({ sha256, size: clear.byteLength, contentType: 'text/plain' })));
      const holder = { district: 'district-h', workflowId: 'grievance:G-OLD' };
      expect((await store().get(holder, sha256))?.bytes.equals(clear)).toBe(true);
      expect(await store().find('district-h', sha256)).toEqual({ sha256, size: clear.byteLength, contentType: 'text/plain' });
    });
  });
}

describe('on the local folder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'documents-'));
  });
  itIsACaseDocumentStore('local folder', () => localRecordStore(root));

  it('refuses a sealed document changed behind its back (it does not open), never answers other bytes', async () => {
    const records = localRecordStore(root);
    const store = caseDocumentStore(records, { codecs });
    const holder = { district: 'district-c', workflowId: 'grievance:district-c:G-1' };
    const claim = await store.put('district-c', Buffer.from('original statement'), 'text/plain');
    await store.keep(holder, claim.sha256);
    const key = (await records.list('district-c/documents/grievance:district-c:G-1/')).find((k) => !k.endsWith('.json'))!;
    const file = path.join(root, ...key.split('/'));
    const sealed = JSON.parse((await records.get(key))!.toString('utf8')) as { sealed: string; data: string };
    const data = Buffer.from(sealed.data, 'base64');
    data[20] = data[20]! ^ 1;
    await chmod(file, 0o644);
    await writeFile(file, JSON.stringify({ ...sealed, data: data.toString('base64') }));
    await expect(store.get(holder, claim.sha256)).rejects.toThrow();
  });

  it('without a key ring (an archive written with no codec) keeps documents in clear at <district>/documents/<sha256>, as before', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'data-'));
    const store: DocumentStore = createDocumentStore(loadConfig({ DATA_DIR: dataDir }).archive);
    expect(store.sealed).toBe(false);
    const claim = await store.put('district-a', PDF, 'application/pdf');
    expect((await localRecordStore(path.join(dataDir, 'archive')).get(`district-a/documents/${claim.sha256}`))?.equals(PDF)).toBe(true);
    expect((await store.get(caseA, claim.sha256))?.bytes.equals(PDF)).toBe(true);
  });

  it('is beside the archive the configuration names (<DATA_DIR>/archive), sealed with the key ring', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'data-'));
    const store = createDocumentStore(loadConfig({ DATA_DIR: dataDir }).archive, { codecs });
    expect(store.sealed).toBe(true);
    const claim = await store.put('district-a', PDF, 'application/pdf');
    await store.keep(caseB, claim.sha256);
    const archive = localRecordStore(path.join(dataDir, 'archive'));
    expect((await archive.list('district-a/documents/pip:district-a:P-1/')).length).toBe(2);
    expect(await archive.caseKeys.get('district-a', caseB.workflowId)).toBeDefined();
  });
});

describe('on an S3-compatible bucket (s3rver on 127.0.0.1)', () => {
  const bucket = useS3Bucket();
  const s3 = TEST_BUCKET;

  itIsACaseDocumentStore('S3 bucket', () => s3RecordStore({ endpoint: bucket.endpoint, ...s3 }));

  it('is the bucket the ARCHIVE_S3_* configuration names, its keys under _case-keys/ (deletable, out of object lock)', async () => {
    const config = loadConfig({
      ARCHIVE_S3_ENDPOINT: bucket.endpoint,
      ARCHIVE_S3_BUCKET: s3.bucket,
      ARCHIVE_S3_REGION: s3.region,
      ARCHIVE_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ARCHIVE_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    const claim = await createDocumentStore(config.archive, { codecs }).put('district-d', PDF, 'application/pdf');
    const records = s3RecordStore({ endpoint: bucket.endpoint, ...s3 });
    expect(await records.get(`district-d/documents/${claim.sha256}`)).toBeUndefined();
    expect(await records.caseKeys.list('district-d', 'uploads-')).toEqual([`uploads-${uploadDays(new Date())[0]}`]);
  });
});
