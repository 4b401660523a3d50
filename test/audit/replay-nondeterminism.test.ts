import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFromJson } from '../../src/audit/case-history';
import { replayHistories } from '../../src/audit/replay';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { bundleWorkflows, testLogger } from '../helpers/temporal';
import { readGoldenHistory } from '../histories/golden-files';

// The proof that replay verification catches a change to running-workflow logic made without patched().
describe('replay verification catches non-deterministic workflow code', () => {
  const golden = readGoldenHistory('grievance/happy-path--GRV-DECIDE-10--GRV-APPEAL-5--GRV-FINAL.json');
  let production: WorkflowBundle;
  let nondeterministic: WorkflowBundle;

  beforeAll(async () => {
    installTemporalRuntime(testLogger);
    [production, nondeterministic] = await Promise.all([
      bundleWorkflows(),
      // The production workflows, but grievanceWorkflow first sleeps on a timer the recorded history never had.
      bundleWorkflows(path.join(__dirname, 'fixtures', 'nondeterministic-workflows.ts')),
    ]);
  });

  it('GRV-FINAL: the golden history replays on the real workflow code', async () => {
    expect(await replayHistories([golden], { workflowBundle: production })).toEqual([{ workflowId: 'grievance:golden-happy-path', runId: expect.any(String), ok: true }]);
  });

  it('GRV-FINAL: the same history fails on a variant that adds a timer, naming the event where they diverge', async () => {
    const [result] = await replayHistories([golden], { workflowBundle: nondeterministic });
    // The first workflow task's first command event: the recorded code upserted search attributes there, the
    // variant starts a timer instead.
    const events = historyFromJson(golden.history).events!;
    const firstCompleted = events.findIndex((e) => e.workflowTaskCompletedEventAttributes);
    const diverging = Number(events[firstCompleted + 1]!.eventId);
    expect(result).toMatchObject({ workflowId: 'grievance:golden-happy-path', ok: false, eventId: diverging });
    expect(result).toMatchObject({ error: expect.stringMatching(/Nondeterminism error.*HistoryEvent\(id: \d+/) });
  });
});
