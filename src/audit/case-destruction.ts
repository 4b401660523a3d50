import { caseArchivePrefix, chainNewFile, readCaseChain, type ChainEntry } from './case-archive';
import { readTombstone, TOMBSTONE_FILE, tombstoneSummary, type CaseTombstone } from './case-tombstone';
import type { RecordStore } from './record-store';

/**
 * Destroys a closed case's archived records (issue 15, item 5: crypto-shredding): first the tombstone is written
 * and chained (so the chain says what happened even if the next step must be retried), then the case's data key
 * is deleted from the key store. The sealed files stay as they were: the digest chain still verifies over their
 * bytes, and nothing decrypts them. Safe to repeat: a second call finds the tombstone and deletes the key again.
 */
export async function destroyCaseRecords(
  store: RecordStore,
  destruction: Omit<CaseTombstone, 'summary'>,
  now: () => Date = () => new Date(),
): Promise<{ readonly tombstone: CaseTombstone; readonly entry: ChainEntry; readonly alreadyDestroyed: boolean }> {
  const { district, workflowId } = destruction;
  const prefix = caseArchivePrefix(district, workflowId);
  const earlier = await readTombstone(store, district, workflowId);
  const tombstone: CaseTombstone = earlier ?? { ...destruction, summary: tombstoneSummary(destruction) };
  const chained = (await readCaseChain(store, district, workflowId)).find((e) => e.file === TOMBSTONE_FILE);
  const entry = chained ?? (await chainNewFile(store, prefix, TOMBSTONE_FILE, Buffer.from(`${JSON.stringify(tombstone, null, 2)}\n`), now));
  await store.caseKeys.destroy(district, workflowId);
  return { tombstone, entry, alreadyDestroyed: chained !== undefined };
}
