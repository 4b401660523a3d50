import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { archiveCaseRun, loadArchivedRuns, readCaseChain, verifyCaseArchive } from '../../src/audit/case-archive';
import { destroyCaseRecords } from '../../src/audit/case-destruction';
import { historyFromJson, type CaseRunHistory } from '../../src/audit/case-history';
import { CaseKeyMissingError, keyBucketLockProblem, openCaseFile } from '../../src/audit/case-keys';
import { caseDocumentStore } from '../../src/audit/document-store';
import { keepDocuments, readText } from '../../src/audit/stored-texts';
import { CaseDestroyedError, listTombstones, readTombstone } from '../../src/audit/case-tombstone';
import { createRecordStore, localRecordStore, s3RecordStore, type RecordStore } from '../../src/audit/record-store';
import { ConfigError, loadConfig } from '../../src/config/config';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';
import { payloadToJson } from '../../src/crypto/payload-json';
import { testKeyRing } from '../helpers/key-ring';
import { TEST_BUCKET, useS3Bucket } from '../helpers/s3-bucket';

/**
 * Issue 15, item 5: crypto-shredding. A case's archived files are sealed under its own data key; destroying the case
 * writes and chains its tombstone and deletes that key. The chain still verifies over the same bytes; the content
 * no longer decrypts; readers get the tombstone ("destroyed on <date> under <policy>").
 */
const district = 'district-a';
const workflowId = 'grievance:district-a:G-2027-007';
const codecs = [new EncryptionCodec(testKeyRing())];
const STATEMENT = 'Dana Reyes was observed without the notice the handbook requires';

/** A closed run whose completed result (the case's view) holds a grievance statement, encrypted as Temporal holds it. */
async function aClosedRun(runId: string): Promise<CaseRunHistory> {
  const [result] = await codecs[0]!.encode([defaultPayloadConverter.toPayload({ statement: STATEMENT, process: { closed: { reason: 'withdrawn', on: '2027-03-15', rule: 'GRV-WITHDRAW' } } })]);
  const json = {
    events: [
      { eventId: '1', eventTime: '2027-03-01T15:00:00Z', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', workflowExecutionStartedEventAttributes: { workflowType: { name: 'grievanceWorkflow' }, originalExecutionRunId: runId } },
      { eventId: '2', eventTime: '2027-03-15T15:00:00Z', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', workflowExecutionCompletedEventAttributes: { result: { payloads: [payloadToJson(result!)] } } },
    ],
  };
  return { runId, history: historyFromJson(json) };
}

const destruction = {
  district,
  workflowId,
  caseType: 'grievance',
  closedOn: '2027-03-15',
  closedAs: 'withdrawn',
  destroyedOn: '2027-03-15',
  destroyedAt: '2027-03-15T05:00:00.000Z',
  policy: { version: 2, title: 'Board policy 8.4', period: '0 days' },
};

function itShredsACase(name: string, makeStore: () => Promise<{ store: RecordStore; keyFiles: () => Promise<string[]> }>) {
  describe(`crypto-shredding a case (${name})`, () => {
    it('issue 15 / GRV-WITHDRAW: after destruction the chain verifies, the sealed files no longer decrypt, and readers get the tombstone', async () => {
      const { store, keyFiles } = await makeStore();
      await archiveCaseRun(store, { district, workflowId, ...(await aClosedRun('run-1')) }, () => new Date('2027-03-15T16:00:00Z'), codecs);
      const folder = `${district}/${workflowId}/`;
      const historyBytes = (await store.get(`${folder}run-1.history.json`))!;
      // Sealed under the case key: not even the ring-encrypted payloads are in the file as such.
      expect(historyBytes.toString()).toMatch(/^\{"sealed":"case-key\/aes-256-gcm"/);
      expect(await keyFiles()).toHaveLength(1);
      // Before: the archive reads back with the key ring.
      expect((await loadArchivedRuns(store, district, workflowId, codecs)).map((r) => r.runId)).toEqual(['run-1']);

      const { tombstone, alreadyDestroyed } = await destroyCaseRecords(store, destruction, () => new Date('2027-03-15T05:00:00Z'));
      expect(alreadyDestroyed).toBe(false);
      expect(tombstone.summary).toBe('destroyed on 2027-03-15 under retention policy version 2 of district-a, Board policy 8.4 (0 days after it closed on 2027-03-15 as withdrawn)');

      // The digest chain still verifies: the sealed files are byte for byte what was chained, the tombstone is chained after them.
      expect(await verifyCaseArchive(store, district, workflowId)).toMatchObject({ ok: true, entries: 3 });
      expect((await readCaseChain(store, district, workflowId)).map((e) => e.file)).toEqual(['run-1.history.json', 'run-1.timeline.json', 'destroyed.json']);
      expect((await store.get(`${folder}run-1.history.json`))!.equals(historyBytes)).toBe(true);
      // The key is gone, so the content does not decrypt, even with the whole key ring.
      expect(await keyFiles()).toEqual([]);
      expect(() => openCaseFile(undefined, workflowId, 'run-1.history.json', historyBytes)).toThrow(CaseKeyMissingError);
      expect(await store.caseKeys.get(district, workflowId)).toBeUndefined();
      // Readers get the tombstone.
      await expect(loadArchivedRuns(store, district, workflowId, codecs)).rejects.toThrow(CaseDestroyedError);
      await expect(loadArchivedRuns(store, district, workflowId, codecs)).rejects.toThrow(`${workflowId} was destroyed on 2027-03-15 under retention policy version 2`);
      expect(await readTombstone(store, district, workflowId)).toEqual(tombstone);
      // The tombstone holds ids, dates and codes only.
      expect(JSON.stringify(tombstone)).not.toMatch(/Dana|Reyes|handbook/);

      // Repeated (a retried activity): nothing is added, the key stays gone.
      expect(await destroyCaseRecords(store, destruction)).toMatchObject({ alreadyDestroyed: true, tombstone });
      expect(await verifyCaseArchive(store, district, workflowId)).toMatchObject({ ok: true, entries: 3 });
      // A run archived late is refused rather than given a new key.
      await expect(archiveCaseRun(store, { district, workflowId, ...(await aClosedRun('run-2')) }, undefined, codecs)).rejects.toThrow(CaseDestroyedError);
    });

    it("issue 15: lists the district's tombstones (GET /v1/audit/destructions) in workflow id order, a page at a time, and no case still kept", async () => {
      const { store } = await makeStore();
      // A district of its own: the bucket is shared by this file's tests.
      const listed = 'district-l';
      const ids = ['G-2027-101', 'G-2027-102', 'G-2027-103'].map((n) => `grievance:${listed}:${n}`);
      for (const id of ids) await archiveCaseRun(store, { district: listed, workflowId: id, ...(await aClosedRun(`run-${id.slice(-3)}`)) }, undefined, codecs);
      for (const id of [ids[2]!, ids[0]!]) await destroyCaseRecords(store, { ...destruction, district: listed, workflowId: id });
      const first = await listTombstones(store, listed, { limit: 1 });
      expect(first.tombstones.map((t) => t.workflowId)).toEqual([ids[0]]);
      expect(first.next).toBe(ids[0]);
      const second = await listTombstones(store, listed, { limit: 1, after: first.next });
      expect(second.tombstones.map((t) => t.workflowId)).toEqual([ids[2]]);
      expect(second.next).toBeUndefined();
      expect((await listTombstones(store, listed, { limit: 50 })).tombstones.map((t) => t.summary)).toEqual([0, 2].map(() => expect.stringMatching(/^destroyed on 2027-03-15 under retention policy version 2 of district-l/)));
      expect((await listTombstones(store, 'district-b', { limit: 50 })).tombstones).toEqual([]);
    });

    it("issue 15 item 5 / GRV-WITHDRAW: the case's documents are destroyed with it; the claim check stands, reading it answers the tombstone; another case's copy lives on", async () => {
      const { store } = await makeStore();
      const documents = caseDocumentStore(store, { codecs });
      // Its own case (the bucket is shared by this block's tests, and the first destroyed G-2027-007).
      const workflowId = 'grievance:district-a:G-2027-017';
      const holder = { district, workflowId };
      const other = { district, workflowId: 'grievance:district-a:G-2027-008' };
      // The API stores the statement (an upload), the case takes it (sealed under its key); a second case names the same text.
      const claim = await documents.put(district, Buffer.from(STATEMENT), 'text/plain; charset=utf-8');
      await keepDocuments(documents, holder, { statement: { stored: claim } });
      await keepDocuments(documents, other, { statement: { stored: claim } });
      await archiveCaseRun(store, { district, workflowId, ...(await aClosedRun('run-1')) }, () => new Date('2027-03-15T16:00:00Z'), codecs);
      const sealed = await Promise.all((await store.list(`${district}/documents/${workflowId}/`)).map(async (key) => [key, (await store.get(key))!] as const));
      expect(sealed).toHaveLength(2);
      for (const [, bytes] of sealed) expect(bytes.toString('utf8')).not.toContain('Dana Reyes');
      expect((await documents.get(holder, claim.sha256))?.bytes.toString()).toBe(STATEMENT);

      await destroyCaseRecords(store, { ...destruction, workflowId }, () => new Date('2027-03-15T05:00:00Z'));

      // The sealed bytes stay as they were, and nothing opens them: the case's key (the one they were sealed under) is gone.
      for (const [key, bytes] of sealed) {
        expect((await store.get(key))!.equals(bytes)).toBe(true);
        expect(() => openCaseFile(undefined, workflowId, key, bytes)).toThrow(CaseKeyMissingError);
      }
      // Reading the claim check through the case answers its tombstone, not garbage, not a missing text; the upload of
      // the same day does not bring the document back to the destroyed case.
      await expect(documents.get(holder, claim.sha256)).rejects.toThrow(CaseDestroyedError);
      await expect(readText(documents, holder, { stored: claim })).rejects.toThrow(`${workflowId} was destroyed on 2027-03-15`);
      await expect(documents.keep(holder, claim.sha256)).rejects.toThrow(CaseDestroyedError);
      // No sharing between cases: the other case kept its own copy, under its own key.
      expect((await documents.get(other, claim.sha256))?.bytes.toString()).toBe(STATEMENT);
    });
  });
}

itShredsACase('local folder', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'case-shred-'));
  const keyDir = path.join(root, '_case-keys', district);
  return {
    store: localRecordStore(root),
    keyFiles: async () => (await readdir(keyDir).catch(() => [] as string[])).filter((f) => f.endsWith('.key.json')),
  };
});

describe('on an S3 bucket', () => {
  const bucket = useS3Bucket();
  itShredsACase('S3 bucket', async () => {
    const store = s3RecordStore({ endpoint: bucket.endpoint, ...TEST_BUCKET });
    return { store, keyFiles: async () => ((await store.caseKeys.get(district, workflowId)) ? [workflowId] : []) };
  });
});

describe('the key store beside the archive', () => {
  it('keeps keys wrapped by the key ring (no key in clear), out of the archive listing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'case-keys-'));
    const store = localRecordStore(root);
    await archiveCaseRun(store, { district, workflowId, ...(await aClosedRun('run-1')) }, undefined, codecs);
    const wrapped = JSON.parse(await readFile(path.join(root, '_case-keys', district, `${workflowId}.key.json`), 'utf8')) as { key: { metadata: Record<string, string> } };
    expect(Buffer.from(wrapped.key.metadata['encryption-key-id']!, 'base64').toString()).toBe('test-key-1');
    expect(await store.list('')).not.toContainEqual(expect.stringContaining('_case-keys'));
  });
});

/**
 * Issue 15 item 5 and object lock. An archive bucket may have object lock (the README recommends it), but object lock
 * is per bucket: its default retention covers every object version put into it, `_case-keys/` included, and a locked
 * version cannot be deleted, so a key there would outlive its case. The keys go to a bucket of their own
 * (ARCHIVE_S3_KEYS_BUCKET) and the service refuses to start on a key bucket with object lock. s3rver, the tests'
 * S3-compatible server, implements no object lock (GetObjectLockConfiguration answers 501 NotImplemented), so the
 * refusal itself is shown on the answer such a bucket gives.
 */
describe('the case keys in a bucket of their own (ARCHIVE_S3_KEYS_BUCKET, object lock)', () => {
  const bucket = useS3Bucket(['case-keys']);
  const s3 = () => new S3Client({ endpoint: bucket.endpoint, region: TEST_BUCKET.region, forcePathStyle: true, credentials: { accessKeyId: TEST_BUCKET.accessKeyId, secretAccessKey: TEST_BUCKET.secretAccessKey } });
  const keysIn = async (name: string) => ((await s3().send(new ListObjectsV2Command({ Bucket: name }))).Contents ?? []).map((o) => o.Key!).filter((k) => k.startsWith('_case-keys/'));

  it('issue 15: keys go to the keys bucket, never to the (object-locked) archive bucket, and destroying a case deletes its key there', async () => {
    const config = loadConfig({ ARCHIVE_S3_ENDPOINT: bucket.endpoint, ARCHIVE_S3_BUCKET: TEST_BUCKET.bucket, ARCHIVE_S3_KEYS_BUCKET: 'case-keys', ARCHIVE_S3_REGION: TEST_BUCKET.region, ARCHIVE_S3_ACCESS_KEY_ID: TEST_BUCKET.accessKeyId, ARCHIVE_S3_SECRET_ACCESS_KEY: TEST_BUCKET.secretAccessKey });
    expect(config.archive).toMatchObject({ kind: 's3', bucket: 'case-archive', keysBucket: 'case-keys' });
    const store = createRecordStore(config.archive);
    await store.caseKeys.checkDeletable();
    await archiveCaseRun(store, { district, workflowId, ...(await aClosedRun('run-1')) }, undefined, codecs);
    expect(await keysIn('case-keys')).toEqual([`_case-keys/${district}/${workflowId}.key.json`]);
    expect(await keysIn(TEST_BUCKET.bucket)).toEqual([]);
    expect((await loadArchivedRuns(store, district, workflowId, codecs)).map((r) => r.runId)).toEqual(['run-1']);

    await destroyCaseRecords(store, destruction);
    expect(await keysIn('case-keys')).toEqual([]);
    expect(await verifyCaseArchive(store, district, workflowId)).toMatchObject({ ok: true, entries: 3 });
    await expect(loadArchivedRuns(store, district, workflowId, codecs)).rejects.toThrow(CaseDestroyedError);
  });

  it('issue 15: without ARCHIVE_S3_KEYS_BUCKET the keys stay in the archive bucket; the variable alone (without the five) is refused', () => {
    const five = { ARCHIVE_S3_ENDPOINT: 'https://s3.example', ARCHIVE_S3_BUCKET: 'case-archive', ARCHIVE_S3_REGION: 'us-east-1', ARCHIVE_S3_ACCESS_KEY_ID: 'k', ARCHIVE_S3_SECRET_ACCESS_KEY: 's' };
    expect(loadConfig(five).archive).toMatchObject({ bucket: 'case-archive', keysBucket: 'case-archive' });
    expect(() => loadConfig({ ARCHIVE_S3_KEYS_BUCKET: 'case-keys' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...five, ARCHIVE_S3_KEYS_BUCKET: 'Not_A_Bucket' })).toThrow(ConfigError);
  });

  it('issue 15: a key bucket with object lock is refused at start, naming ARCHIVE_S3_KEYS_BUCKET; one without (s3rver: no object lock) is accepted', async () => {
    expect(keyBucketLockProblem('case-archive', 'Enabled')).toMatch(/^the case data keys cannot live in the bucket case-archive: it has object lock.*Set ARCHIVE_S3_KEYS_BUCKET to a bucket without object lock/);
    expect(keyBucketLockProblem('case-keys', undefined)).toBeUndefined();
    // The real server's answer: no object lock, so the bucket can hold keys.
    await expect(s3RecordStore({ endpoint: bucket.endpoint, ...TEST_BUCKET }).caseKeys.checkDeletable()).resolves.toBeUndefined();
    // Another failure (wrong credentials) is not taken for "no object lock".
    await expect(s3RecordStore({ endpoint: bucket.endpoint, ...TEST_BUCKET, accessKeyId: 'not-a-key', secretAccessKey: 'not-the-secret' }).caseKeys.checkDeletable()).rejects.toThrow();
  });
});
