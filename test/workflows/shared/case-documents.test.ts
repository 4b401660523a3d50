import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../../../activities/case-documents';
import { caseDocumentStore, type DocumentHolder, type DocumentStore } from '../../../src/audit/document-store';
import { localRecordStore } from '../../../src/audit/record-store';
import { TEXT_CONTENT_TYPE } from '../../../src/audit/stored-texts';
import { grievanceDriver, principal } from '../../helpers/grievance-driver';
import { useCasesEnv } from '../../helpers/grievance-cases';
import { testDataConverter } from '../../helpers/key-ring';
import { testLogger } from '../../helpers/temporal';

/**
 * Issue 15 item 5 on the time-skipping server: a case keeps, itself, the documents its accepted opening and actions
 * name (the `keepCaseDocuments` activity, started by the kernel after the request was accepted), so a document the
 * API stored but never kept (the API died between the accepted Update and its own keep) is the case's all the same,
 * and outlives the sweep of its upload day. The worker has a document store of its own here: the sweep touches
 * no other test file's uploads.
 */
describe('issue 15 item 5: the case keeps the documents it names (time-skipping server)', () => {
  const taskQueue = 'case-documents-test';
  const folder = mkdtempSync(path.join(os.tmpdir(), 'case-documents-kept-'));
  const codecs = testDataConverter().payloadCodecs;
  /** The worker's store and the test's uploads: today's clock, as the API and the worker have it. */
  const documents = caseDocumentStore(localRecordStore(folder), { codecs });
  /** The same folder read three days on: every upload of today has expired for it, only what a case keeps is found. */
  const later = caseDocumentStore(localRecordStore(folder), { codecs, now: () => new Date(Date.now() + 3 * 86_400_000) });
  const ctx = useCasesEnv(taskQueue, { documents });
  const { file, act, state, finish } = grievanceDriver(ctx.env, ctx.calendars, taskQueue);

  /** `read()` once `done` holds of it, or after 30 s: the keep runs beside the case, so the test polls for it. */
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return read();
  };
  /** The document as the case keeps it, once the case's keep ran. */
  const keptByTheCase = (store: DocumentStore, holder: DocumentHolder, sha256: string) =>
    until(async () => (await store.get(holder, sha256))?.bytes.toString('utf8'), (text) => text !== undefined);
  /** The `keepCaseDocuments` activities the case scheduled, and how many of them completed. */
  const keepsIn = async (workflowId: string) => {
    const { events } = await ctx.env().client.workflow.getHandle(workflowId).fetchHistory();
    const scheduled = (events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'keepCaseDocuments');
    const ids = new Set(scheduled.map((e) => String(e.eventId)));
    const completed = (events ?? []).filter((e) => e.activityTaskCompletedEventAttributes && ids.has(String(e.activityTaskCompletedEventAttributes.scheduledEventId)));
    return { scheduled: scheduled.length, completed: completed.length };
  };

  it('issue 15 item 5: a case opened and acted on with stored texts the API never kept keeps them itself; they outlive the upload day, and a second keep changes nothing', async () => {
    // As the API stores a filing's texts (storeTexts) and starts the case, but dies before its keepDocuments.
    const statement = await documents.put('district-a', Buffer.from('The conference after the observation was never held.'), TEXT_CONTENT_TYPE);
    const corrective = await documents.put('district-a', Buffer.from('Hold the conference.'), TEXT_CONTENT_TYPE);
    const handle = await file({ statement: { stored: statement }, correctiveAction: { stored: corrective } });
    const holder = { district: 'district-a', workflowId: handle.workflowId };
    // The corrective action is in no notice (the filing receipt reads the statement, and so keeps it too): only the
    // case's own keep takes it in.
    expect(await keptByTheCase(later, holder, statement.sha256)).toBe('The conference after the observation was never held.');
    expect(await keptByTheCase(later, holder, corrective.sha256)).toBe('Hold the conference.');

    // An action naming a text the API stored, taken by the case (its Update answered), its API keep never run.
    const decision = await documents.put('district-a', Buffer.from('Denied: the conference was offered twice.'), TEXT_CONTENT_TYPE);
    await act(handle, { type: 'decide', outcome: 'denied', text: { stored: decision } }, principal);
    expect(await keptByTheCase(later, holder, decision.sha256)).toBe('Denied: the conference was offered twice.');
    // One keep for the opening, one for the action, each done.
    expect(await until(() => keepsIn(handle.workflowId), (keeps) => keeps.completed >= 2)).toEqual({ scheduled: 2, completed: 2 });

    // A second keep of the same documents (a retried activity, a retried request) writes nothing.
    const records = localRecordStore(folder);
    const before = await records.list('district-a/');
    const { keepCaseDocuments } = createDocumentActivities({ documents, outboxDir: folder, logger: testLogger });
    expect(await keepCaseDocuments({ ...holder, sha256s: [statement.sha256, corrective.sha256, decision.sha256] })).toEqual({ kept: 3, missing: 0 });
    expect(await records.list('district-a/')).toEqual(before);

    // The upload days are swept (as the retention activity does); an upload no case named dies with them, the case's
    // documents do not.
    const unnamed = await documents.put('district-a', Buffer.from('An upload no case named.'), TEXT_CONTENT_TYPE);
    expect(await later.sweepUploads('district-a')).toBeGreaterThan(0);
    const fresh = caseDocumentStore(localRecordStore(folder), { codecs });
    expect(await fresh.find('district-a', unnamed.sha256)).toBeUndefined();
    expect(await fresh.find('district-a', statement.sha256)).toBeUndefined();
    expect((await fresh.bytesOf(holder, statement))?.toString('utf8')).toBe('The conference after the observation was never held.');
    expect((await fresh.bytesOf(holder, decision))?.toString('utf8')).toBe('Denied: the conference was offered twice.');
    await finish(handle);
  });

  it('issue 15 item 5: a claim check the store does not hold fails no case: the keep answers, the case goes on', async () => {
    const ghost = { sha256: 'c'.repeat(64), size: 40, contentType: TEXT_CONTENT_TYPE };
    // In the corrective action, which no notice reads (a notice naming it would retry its delivery instead).
    const handle = await file({ correctiveAction: { stored: ghost } });
    expect(await until(() => keepsIn(handle.workflowId), (keeps) => keeps.completed >= 1)).toEqual({ scheduled: 1, completed: 1 });
    expect((await state(handle)).status).not.toBe('closed');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await finish(handle);
  });
});
