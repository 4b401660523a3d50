import { beforeAll, describe, expect, it } from 'vitest';
import { replayHistories, type ReplayOutcome } from '../../src/audit/replay';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { bundleWorkflows, testLogger } from '../helpers/temporal';
import { goldenHistoryFiles, readGoldenHistory } from './golden-files';
import { testDataConverter } from '../helpers/key-ring';

// Every recorded history (npm run histories:record), clear (recorded before issue 15) or encrypted with the tests' key
// ring (test/fixtures/keys: the payload-encryption recordings), must replay on the workflow code of the day: a change
// to running-workflow logic that is not behind patched() fails here, naming the scenario and its rules.
describe('golden histories replay on the current workflow code', () => {
  const files = goldenHistoryFiles();
  const outcomes = new Map<string, ReplayOutcome>();

  beforeAll(async () => {
    installTemporalRuntime(testLogger);
    const results = await replayHistories(files.map(readGoldenHistory), { workflowBundle: await bundleWorkflows(), replayName: 'golden', dataConverter: testDataConverter() });
    files.forEach((file, i) => outcomes.set(file, results[i]!));
  });

  it('has golden histories of every grievance scenario', () => {
    expect(files.filter((f) => f.startsWith('grievance/')).length).toBeGreaterThanOrEqual(10);
  });

  describe('issue 15: recorded encrypted with the tests\' key ring (npm run histories:record -- --tag payload-encryption)', () => {
    const encrypted = files.filter((f) => f.split('/')[1] === 'payload-encryption');
    const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');

    /**
     * Every payload of a history in the CLI's JSON (objects with metadata and data), but those the codec never sees:
     * search attributes (ids, statuses, dates, codes) and the patch markers' data (a patch id, written by the SDK core).
     */
    const payloadsOf = (value: unknown, found: { metadata: Record<string, string> }[] = []): { metadata: Record<string, string> }[] => {
      if (Array.isArray(value)) value.forEach((v) => payloadsOf(v, found));
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (record.metadata && typeof record.metadata === 'object' && 'encoding' in (record.metadata as object)) found.push(record as { metadata: Record<string, string> });
        else for (const [key, v] of Object.entries(record)) if (key !== 'searchAttributes' && key !== 'patch-data') payloadsOf(v, found);
      }
      return found;
    };

    it('of every family, every payload ciphertext under a key of the ring', () => {
      expect(new Set(encrypted.map((f) => f.split('/')[0]))).toEqual(new Set(['grievance', 'par', 'pip', 'tap', 'observation']));
      for (const file of encrypted) {
        const payloads = payloadsOf(readGoldenHistory(file).history);
        expect(payloads.length, file).toBeGreaterThan(10);
        for (const { metadata } of payloads) {
          expect(metadata.encoding, file).toBe(ENCRYPTED);
          expect(['test-key-1', 'test-key-2'], file).toContain(Buffer.from(metadata['encryption-key-id']!, 'base64').toString());
        }
      }
    });

    it('which do not replay without the key ring: the payloads are unreadable to the workflow code', async () => {
      const results = await replayHistories(encrypted.map(readGoldenHistory), { workflowBundle: await bundleWorkflows(), replayName: 'golden-without-keys' });
      expect(results.map((r, i) => [encrypted[i], r.ok])).toEqual(encrypted.map((f) => [f, false]));
    });
  });

  it.each(files)('replays %s', (file) => {
    expect(outcomes.get(file)).toMatchObject({ ok: true });
  });
});
