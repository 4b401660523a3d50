import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDocumentStore, type DocumentStore } from '../../src/audit/document-store';
import { localRecordStore } from '../../src/audit/record-store';
import { TEXT_CACHE_LIMITS, inlineTexts, keepDocuments, recentTextsSize, storeText, storeTexts, withStoredFacts } from '../../src/audit/stored-texts';
import type { Notice } from '../../src/domain/notices/notice';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';
import { testKeyRing } from '../helpers/key-ring';

const codecs = [new EncryptionCodec(testKeyRing())];
const holder = { district: 'district-a', workflowId: 'grievance:district-a:G-1' };

describe('long texts in the case document store (issue 11)', () => {
  let store: DocumentStore;
  beforeAll(async () => {
    store = caseDocumentStore(localRecordStore(await mkdtemp(path.join(os.tmpdir(), 'texts-'))), { codecs });
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
    expect(await inlineTexts(store, holder, stored)).toEqual(request);
  });

  it('stores every element of an array (`*`), trimmed, and leaves blank texts written out (the rules refuse them)', async () => {
    const request = { log: { goals: [' Goal 1 ', '  '], reportsFromOthers: [{ by: 'ct-kim', summary: 'Observed twice.' }], otherResources: 'not an array' } };
    const stored = await storeTexts(store, 'district-a', request, ['log.goals.*', 'log.reportsFromOthers.*.summary', 'log.otherResources.*']);
    expect(stored.log.goals[0]).toEqual({ stored: expect.objectContaining({ size: 6 }) });
    expect(stored.log.goals[1]).toBe('  ');
    expect(stored.log.reportsFromOthers[0]).toEqual({ by: 'ct-kim', summary: { stored: expect.objectContaining({ size: 15 }) } });
    expect(stored.log.otherResources).toBe('not an array');
    expect(await inlineTexts(store, holder, stored)).toEqual({ log: { ...request.log, goals: ['Goal 1', '  '] } });
  });

  it("writes a notice's stored facts back into its facts before a channel renders it", async () => {
    const { statement } = await storeTexts(store, 'district-a', { statement: 'Die Aussage: Grüße.' }, ['statement']);
    const notice = { district: 'district-a', workflowId: holder.workflowId, facts: { caseId: 'G-1', statement: '' }, documents: { statement: (statement as unknown as { stored: never }).stored } } as unknown as Notice;
    const filled = await withStoredFacts(store, notice);
    expect(filled.facts).toEqual({ caseId: 'G-1', statement: 'Die Aussage: Grüße.' });
    expect(filled.documents).toBeUndefined();
  });

  it('fails, never answers an empty text, when a stored text is missing from the store', async () => {
    const missing = { text: { stored: { sha256: 'a'.repeat(64), size: 3, contentType: 'text/plain; charset=utf-8' } } };
    await expect(inlineTexts(store, holder, missing)).rejects.toThrow(/missing from the case document store/);
  });

  describe('read once, kept while recent (issue 11: an answer reads no store for the texts it just stored or read)', () => {
    /** A store that counts the reads of bytes that reach it. */
    const counting = async () => {
      const inner = caseDocumentStore(localRecordStore(await mkdtemp(path.join(os.tmpdir(), 'texts-counted-'))), { codecs });
      const reads: string[] = [];
      const counted: DocumentStore = { ...inner, bytesOf: async (reader, claim) => (reads.push(claim.sha256), inner.bytesOf(reader, claim)) };
      return { inner, counted, reads };
    };

    it('answers a text it stored without reading it back, and a text another process stored with one read', async () => {
      const { inner, counted, reads } = await counting();
      const mine = await storeTexts(counted, 'district-a', { statement: 'Stored here.' }, ['statement']);
      expect(await inlineTexts(counted, holder, { a: mine, b: [mine] })).toEqual({ a: { statement: 'Stored here.' }, b: [{ statement: 'Stored here.' }] });
      expect(reads).toEqual([]);
      // Another process (its own store instance) stored it: read once, then kept.
      const theirs = await storeText(caseDocumentStore(localRecordStore(inner.location), { codecs }), 'district-a', 'Stored elsewhere.');
      expect(await inlineTexts(counted, holder, { x: theirs, y: theirs })).toEqual({ x: 'Stored elsewhere.', y: 'Stored elsewhere.' });
      expect(await inlineTexts(counted, holder, theirs)).toBe('Stored elsewhere.');
      expect(reads).toEqual([theirs.stored.sha256]);
    });

    it("keeps each district's texts apart: a claim check of another district is read from that district, and missing there", async () => {
      const { counted } = await counting();
      const text = await storeText(counted, 'district-a', 'Only in district-a.');
      await expect(inlineTexts(counted, { district: 'district-b', workflowId: 'grievance:district-b:G-1' }, text)).rejects.toThrow(/missing from the case document store/);
    });

    it('holds at most its byte limit, the least recently used text out first, and no text above the one-text limit', async () => {
      const { counted, reads } = await counting();
      const big = 'x'.repeat(TEXT_CACHE_LIMITS.textBytes - 16);
      const first = await storeText(counted, 'district-a', `${big}-first`);
      const count = Math.ceil(TEXT_CACHE_LIMITS.totalBytes / TEXT_CACHE_LIMITS.textBytes) + 2;
      for (let i = 0; i < count; i += 1) await storeText(counted, 'district-a', `${big}-${i}`);
      expect(recentTextsSize(counted).bytes).toBeLessThanOrEqual(TEXT_CACHE_LIMITS.totalBytes);
      expect(await inlineTexts(counted, holder, first)).toBe(`${big}-first`);
      expect(reads).toEqual([first.stored.sha256]);
      const huge = await storeText(counted, 'district-a', 'y'.repeat(TEXT_CACHE_LIMITS.textBytes + 1));
      await inlineTexts(counted, holder, huge);
      expect(reads).toEqual([first.stored.sha256, huge.stored.sha256]);
    });
  });

  it('issue 15 item 5: keepDocuments takes every document a request names into its case (texts and claim checks), whatever the upload becomes', async () => {
    const request = await storeTexts(store, 'district-a', { type: 'add-evidence', note: 'A note kept for the case.' }, ['note']);
    const evidence = await store.put('district-a', Buffer.from('%PDF-1.7 evidence'), 'application/pdf');
    const named = { ...request, document: evidence, other: { sha256: 'b'.repeat(64), size: 1, contentType: 'text/plain' } };
    const pip = { district: 'district-a', workflowId: 'pip:district-a:P-3' };
    await keepDocuments(store, pip, named);
    // Kept: found by the case with no upload to fall back on (a store, with no texts cached, whose clock is days on).
    const later = caseDocumentStore(localRecordStore(store.location), { codecs, now: () => new Date(Date.now() + 3 * 86_400_000) });
    expect(await later.find('district-a', evidence.sha256)).toBeUndefined();
    expect((await later.get(pip, evidence.sha256))?.bytes.toString()).toBe('%PDF-1.7 evidence');
    expect(await inlineTexts(later, pip, request)).toEqual({ type: 'add-evidence', note: 'A note kept for the case.' });
    // Not kept: an upload no case took is gone for the later store (its day has passed).
    await expect(inlineTexts(later, holder, await storeTexts(store, 'district-a', { t: 'Never kept.' }, ['t']))).rejects.toThrow(/missing from the case document store/);
  });
});
