import { beforeAll, describe, expect, it } from 'vitest';
import { replayHistories, type ReplayOutcome } from '../../src/audit/replay';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { bundleWorkflows, testLogger } from '../helpers/temporal';
import { goldenHistoryFiles, readGoldenHistory } from './golden-files';
import { testDataConverter } from '../helpers/key-ring';

// Every recorded history, clear (recorded before issue 15) or encrypted with the tests' key ring (test/fixtures/keys), (npm run histories:record) must replay on the workflow code of the day: a change to
// running-workflow logic that is not behind patched() fails here, naming the scenario and its rules.
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

  it.each(files)('replays %s', (file) => {
    expect(outcomes.get(file)).toMatchObject({ ok: true });
  });
});
