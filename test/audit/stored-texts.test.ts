import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDocumentStore, type DocumentStore } from '../../src/audit/document-store';
import { localRecordStore } from '../../src/audit/record-store';
import { inlineTexts, storeTexts, withStoredFacts } from '../../src/audit/stored-texts';
import type { Notice } from '../../src/domain/notices/notice';

describe('long texts in the case document store (issue 11)', () => {
  let store: DocumentStore;
  beforeAll(async () => {
    store = caseDocumentStore(localRecordStore(await mkdtemp(path.join(os.tmpdir(), 'texts-'))));
  });

  it('stores the named texts, top-level and dotted, and leaves everything else as it is', async () => {
    const request = { type: 'file-final-report', statement: 'A long statement.', report: { summary: 'The summary.', goals: ['g'] }, short: 'kept', count: 3 };
    const stored = await storeTexts(store, 'district-a', request, ['statement', 'report.summary', 'missing', 'report.nothing.deeper']);
    expect(stored).toEqual({
      type: 'file-final-report',
      // sha256sum of the UTF-8 bytes, written out.
      statement: { stored: { sha256: '8e54385626dff6aad4c39ef1bd401e3fd294233dd0b96b2e99e0fcc8b0746450', size: 17, contentType: 'text/plain; charset=utf-8' } },
      report: { summary: { stored: expect.objectContaining({ size: 12 }) }, goals: ['g'] },
      short: 'kept',
      count: 3,
    });
    expect(request.statement).toBe('A long statement.');
    expect(await inlineTexts(store, 'district-a', stored)).toEqual(request);
  });

  it('stores every element of an array (`*`), trimmed, and leaves blank texts written out (the rules refuse them)', async () => {
    const request = { log: { goals: [' Goal 1 ', '  '], reportsFromOthers: [{ by: 'ct-kim', summary: 'Observed twice.' }], otherResources: 'not an array' } };
    const stored = await storeTexts(store, 'district-a', request, ['log.goals.*', 'log.reportsFromOthers.*.summary', 'log.otherResources.*']);
    expect(stored.log.goals[0]).toEqual({ stored: expect.objectContaining({ size: 6 }) });
    expect(stored.log.goals[1]).toBe('  ');
    expect(stored.log.reportsFromOthers[0]).toEqual({ by: 'ct-kim', summary: { stored: expect.objectContaining({ size: 15 }) } });
    expect(stored.log.otherResources).toBe('not an array');
    expect(await inlineTexts(store, 'district-a', stored)).toEqual({ log: { ...request.log, goals: ['Goal 1', '  '] } });
  });

  it("writes a notice's stored facts back into its facts before a channel renders it", async () => {
    const { statement } = await storeTexts(store, 'district-a', { statement: 'Die Aussage: Grüße.' }, ['statement']);
    const notice = { district: 'district-a', facts: { caseId: 'G-1', statement: '' }, documents: { statement: (statement as unknown as { stored: never }).stored } } as unknown as Notice;
    const filled = await withStoredFacts(store, notice);
    expect(filled.facts).toEqual({ caseId: 'G-1', statement: 'Die Aussage: Grüße.' });
    expect(filled.documents).toBeUndefined();
  });

  it('fails, never answers an empty text, when a stored text is missing from the store', async () => {
    const missing = { text: { stored: { sha256: 'a'.repeat(64), size: 3, contentType: 'text/plain; charset=utf-8' } } };
    await expect(inlineTexts(store, 'district-a', missing)).rejects.toThrow(/missing from the case document store/);
  });
});
