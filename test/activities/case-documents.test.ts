import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../../activities/case-documents';
import { destroyCaseRecords } from '../../src/audit/case-destruction';
import { caseDocumentStore } from '../../src/audit/document-store';
import { localRecordStore } from '../../src/audit/record-store';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';
import { createLogger } from '../../src/logger';
import { testKeyRing } from '../helpers/key-ring';

const district = 'district-a';
const codecs = [new EncryptionCodec(testKeyRing())];
const DAY = 86_400_000;
const logger = createLogger('silent', { pretty: false });

/** A document store of its own folder, and one on the same folder whose clock is three days on (no upload is left for it). */
async function stores() {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'keep-case-documents-'));
  const records = localRecordStore(folder);
  const today = caseDocumentStore(records, { codecs });
  const later = caseDocumentStore(localRecordStore(folder), { codecs, now: () => new Date(Date.now() + 3 * DAY) });
  const { keepCaseDocuments } = createDocumentActivities({ documents: today, outboxDir: folder, logger });
  return { records, today, later, keepCaseDocuments };
}

/** Issue 15 item 5: the activity a case runs to keep what its accepted opening or action names. */
describe('keepCaseDocuments (issue 15 item 5)', () => {
  it('issue 15 item 5: keeps the uploads a case names under the case; run again, it changes nothing', async () => {
    const { records, today, later, keepCaseDocuments } = await stores();
    const holder = { district, workflowId: 'grievance:district-a:G-KEEP-1' };
    const statement = await today.put(district, Buffer.from('A statement the API never kept.'), 'text/plain; charset=utf-8');
    const evidence = await today.put(district, Buffer.from('%PDF-1.7 evidence'), 'application/pdf');
    expect(await later.get(holder, statement.sha256)).toBeUndefined();

    const request = { ...holder, sha256s: [statement.sha256, evidence.sha256, statement.sha256] };
    expect(await keepCaseDocuments(request)).toEqual({ kept: 2, missing: 0 });
    expect((await later.get(holder, statement.sha256))?.bytes.toString()).toBe('A statement the API never kept.');
    expect((await later.get(holder, evidence.sha256))?.claim).toEqual(evidence);

    const before = await records.list(`${district}/`);
    expect(await keepCaseDocuments(request)).toEqual({ kept: 2, missing: 0 });
    expect(await records.list(`${district}/`)).toEqual(before);
  });

  it('issue 15 item 5: a name the store does not hold, or a destroyed case, is answered, never thrown (the case goes on)', async () => {
    const { records, today, keepCaseDocuments } = await stores();
    const holder = { district, workflowId: 'grievance:district-a:G-KEEP-2' };
    expect(await keepCaseDocuments({ ...holder, sha256s: ['c'.repeat(64), 'not-a-digest'] })).toEqual({ kept: 0, missing: 2 });
    // Nothing of the case is made for a name it could not keep: no data key, no folder.
    expect(await records.list(`${district}/documents/`)).toEqual([]);

    const statement = await today.put(district, Buffer.from('A statement of a case destroyed since.'), 'text/plain; charset=utf-8');
    await today.keep(holder, statement.sha256);
    await destroyCaseRecords(
      records,
      {
        ...holder,
        caseType: 'grievance',
        closedOn: '2027-03-15',
        closedAs: 'withdrawn',
        destroyedOn: '2027-03-15',
        destroyedAt: '2027-03-15T05:00:00.000Z',
        policy: { version: 1, title: 'Board policy 8.4', period: '0 days' },
      },
      () => new Date('2027-03-15T05:00:00Z'),
    );
    expect(await keepCaseDocuments({ ...holder, sha256s: [statement.sha256] })).toEqual({ kept: 0, missing: 1, destroyed: true });
  });
});
