import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { decodeHistory } from '../crypto/data-converter';
import { loadArchivedRuns } from './case-archive';
import { isNotFound, type CaseRunHistory } from './case-history';
import { CaseDestroyedError, readTombstone } from './case-tombstone';
import { CaseDistrict } from '../temporal/search-attributes';
import type { RecordStore } from './record-store';

/** A case's runs, wherever they are kept now. */
export interface CaseRuns {
  readonly workflowId: string;
  readonly district: string;
  /**
   * `temporal`: the case is still known to Temporal (running, or closed within the namespace's retention);
   * `archive`: Temporal no longer has it, its runs come from the archive.
   */
  readonly source: 'temporal' | 'archive';
  /** Runs read from the archive: all of them for `archive`; for `temporal`, early runs Temporal has already deleted. */
  readonly archivedRunIds: readonly string[];
  /** Whether the case's latest run is still running (never for an archived case). */
  readonly running: boolean;
  /** Every run, first to latest, as `fetchCaseHistories` returns them. */
  readonly runs: CaseRunHistory[];
}

/** A case chain longer than this is refused rather than walked forever. */
const MAX_RUNS = 1_000;

/**
 * Every run of a district's case: from Temporal while it has the case, else from the archive (after the
 * namespace's retention deleted it). A case Temporal knows in another district is not this district's case: the
 * archive of this district is read instead. A run of a continue-as-new chain Temporal has already deleted is read
 * from the archive. Throws WorkflowNotFoundError when neither has the case.
 */
export async function loadCaseRuns(client: Client, store: RecordStore, workflowId: string, district: string): Promise<CaseRuns> {
  const description = await describe(client, workflowId);
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  let archived: Map<string, CaseRunHistory> | undefined;
  const archivedRun = async (runId: string) => {
    archived ??= new Map((await loadArchivedRuns(store, district, workflowId, codecs)).map((r) => [r.runId, r]));
    return archived.get(runId);
  };

  if (description && districtOf(description) === district) {
    // Issue 15 item 5: a case destroyed under retention whose execution Temporal still lists is read as destroyed.
    const tombstone = description.status.name === 'RUNNING' ? undefined : await readTombstone(store, district, workflowId);
    if (tombstone) throw new CaseDestroyedError(tombstone);
    const runs: CaseRunHistory[] = [];
    const archivedRunIds: string[] = [];
    for (let runId: string | undefined = description.runId; runId; ) {
      if (runs.length >= MAX_RUNS) throw new Error(`${workflowId} has more than ${MAX_RUNS} runs`);
      let run: CaseRunHistory | undefined;
      try {
        run = { runId, history: await client.workflow.getHandle(workflowId, runId).fetchHistory() };
      } catch (error) {
        if (!isNotFound(error)) throw error;
        run = await archivedRun(runId);
        if (!run) throw new Error(`run ${runId} of ${workflowId} is neither in Temporal nor in the archive`);
        archivedRunIds.push(runId);
      }
      runs.push(run);
      runId = run.history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    return { workflowId, district, source: 'temporal', archivedRunIds: archivedRunIds.reverse(), running: description.status.name === 'RUNNING', runs: runs.reverse() };
  }

  const runs = await loadArchivedRuns(store, district, workflowId, codecs);
  if (runs.length === 0) throw new WorkflowNotFoundError(`No case ${workflowId} in district ${district}`, workflowId, undefined);
  return { workflowId, district, source: 'archive', archivedRunIds: runs.map((r) => r.runId), running: false, runs };
}

async function describe(client: Client, workflowId: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The district a case records in its `CaseDistrict` search attribute. */
export function districtOf(description: WorkflowExecutionDescription): string | undefined {
  return description.typedSearchAttributes.get(CaseDistrict);
}

/** The runs with every payload decrypted by `codecs` (issue 15), for reading a case's content; the runs stay as stored. */
export function decodeCaseRuns(runs: readonly CaseRunHistory[], codecs: readonly PayloadCodec[]): Promise<CaseRunHistory[]> {
  return Promise.all(runs.map(async (r) => ({ runId: r.runId, history: await decodeHistory(r.history, codecs) })));
}
