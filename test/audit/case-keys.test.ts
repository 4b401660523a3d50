import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseKeys, localCaseKeyStore } from '../../src/audit/case-keys';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';
import { testKeyRing } from '../helpers/key-ring';

/**
 * Issue 15 item 5: a case has one data key. The API keeping a filing's documents and the case's own keep (an
 * activity) may both make it at the same moment; neither may read the other's key half written, and both must end
 * with the same key.
 */
describe('the case data key made by several at once (issue 15 item 5)', () => {
  it('issue 15: twenty concurrent first uses of a case key, from two processes\' views of one folder, answer one key and no error', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'case-keys-'));
    const codecs = [new EncryptionCodec(testKeyRing())];
    const api = new CaseKeys(localCaseKeyStore(root), codecs);
    const worker = new CaseKeys(localCaseKeyStore(root), codecs);
    for (const n of [1, 2, 3, 4, 5]) {
      const workflowId = `grievance:district-a:G-${n}`;
      // Started a turn of the event loop apart: some find no key, some find one being made.
      const started: Promise<Buffer | undefined>[] = [];
      for (let i = 0; i < 20; i++) {
        started.push((i % 2 ? api : worker).dataKey('district-a', workflowId, true));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const keys = await Promise.all(started);
      expect(keys.every((key) => key?.length === 32)).toBe(true);
      expect(new Set(keys.map((key) => key!.toString('hex'))).size).toBe(1);
      expect((await api.dataKey('district-a', workflowId, false))!.equals(keys[0]!)).toBe(true);
    }
    // The store lists the five keys, and its folder holds nothing else (no half-made names left behind).
    expect(await localCaseKeyStore(root).list('district-a', 'grievance:district-a:')).toEqual([1, 2, 3, 4, 5].map((n) => `grievance:district-a:G-${n}`));
    expect((await readdir(path.join(root, '_case-keys', 'district-a'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
