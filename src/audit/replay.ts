import type { HistoryAndWorkflowId } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { Worker, type ReplayResult, type WorkflowBundleOption } from '@temporalio/worker';
import { WORKFLOWS_PATH, bundleWorkflows, prebuiltWorkflowBundle } from '../worker/workflow-bundle';
import { historyFromJson, runIdOf, type History } from './case-history';

/** A case's history to replay: decoded, or as the JSON the CLI, the Web UI or our export writes. */
export interface HistoryToReplay {
  workflowId: string;
  runId?: string | undefined;
  history: History | unknown;
}

export type ReplayOutcome =
  | { workflowId: string; runId: string; ok: true }
  | {
      workflowId: string;
      runId: string;
      ok: false;
      error: string;
      /** The history event where the code and the history parted ways, when the error names it. */
      eventId?: number | undefined;
    };

export interface ReplayOptions {
  /** Replay against this bundle (built once and reused); default: bundle `workflowsPath`. */
  workflowBundle?: WorkflowBundleOption;
  /** Default: the production workflows (`workflows/`). */
  workflowsPath?: string;
  /** Names the replay worker's task queue in logs. */
  replayName?: string;
  /**
   * The data converter of the cases (issue 15: `caseDataConverter` with the key ring), so that encrypted histories
   * replay; clear histories replay with it too. Without it, only clear histories do.
   */
  dataConverter?: DataConverter | undefined;
}

/**
 * Replays each history against the workflow code, one at a time, and tells per case whether the code makes the
 * same decisions the history records. A history that fails (non-determinism, a workflow error, or JSON that is
 * not a history) is reported and the others still replay. Accepts an async iterable, so histories can stream
 * from a visibility listing.
 */
export async function replayHistories(
  histories: Iterable<HistoryToReplay> | AsyncIterable<HistoryToReplay>,
  options: ReplayOptions = {},
): Promise<ReplayOutcome[]> {
  const results: ReplayOutcome[] = [];
  const source = Symbol.asyncIterator in histories ? histories[Symbol.asyncIterator]() : toAsync(histories[Symbol.iterator]());
  let current: { workflowId: string; runId: string; history: History } | undefined;
  // The replay worker pulls from this feed; a history that does not parse is reported without reaching it.
  const feed: AsyncIterable<HistoryAndWorkflowId> = {
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<HistoryAndWorkflowId>> {
        for (;;) {
          const next = await source.next();
          if (next.done) return { done: true, value: undefined };
          const { workflowId, runId, history } = next.value;
          try {
            const decoded = isDecoded(history) ? history : historyFromJson(history);
            current = { workflowId, runId: runId ?? runIdOf(decoded) ?? '', history: decoded };
            return { done: false, value: { workflowId, history: decoded } };
          } catch (error) {
            results.push({ workflowId, runId: runId ?? '', ok: false, error: `not a workflow history: ${messageOf(error)}` });
          }
        }
      },
    }),
  };
  const workerOptions = {
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: options.workflowsPath ?? WORKFLOWS_PATH }),
    replayName: options.replayName ?? 'case-replay',
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  };
  for (;;) {
    try {
      for await (const result of Worker.runReplayHistories(workerOptions, feed)) {
        results.push(outcome(result, current));
        current = undefined;
      }
      return results;
    } catch (error) {
      // The replay worker gave up on the history it was fed: report it, and go on with the rest on a new worker.
      if (!current) throw error;
      results.push({ workflowId: current.workflowId, runId: current.runId, ...failure(error, current.history) });
      current = undefined;
    }
  }
}

function outcome(result: ReplayResult, fed: { runId: string; history: History } | undefined): ReplayOutcome {
  const runId = result.runId || fed?.runId || '';
  if (!result.error) return { workflowId: result.workflowId, runId, ok: true };
  return { workflowId: result.workflowId, runId, ...failure(result.error, fed?.history) };
}

function failure(error: unknown, history: History | undefined): { ok: false; error: string; eventId?: number } {
  const message = replayErrorMessage(messageOf(error));
  const eventId = divergingEventId(message, history);
  return { ok: false, error: message, ...(eventId !== undefined ? { eventId } : {}) };
}

/**
 * What a non-determinism failure says, without the SDK's wrapping: Core's own message (`[TMPRL1100] Nondeterminism
 * error: Timer machine does not handle this event: HistoryEvent(id: 5, ...)`). Other failures keep their whole text.
 */
export function replayErrorMessage(message: string): string {
  const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1]?.replace(/\\(.)/g, '$1');
  return inner && /nondeterminism/i.test(inner) ? inner : message;
}

/**
 * The event where replay diverged. Core names it in most errors (`HistoryEvent(id: 5, TimerStarted)`,
 * `event_id: 5`, `event 5`); when it only quotes the recorded value that differs (`Activity type of scheduled
 * event 'x' does not match ...`), it is the first event of the history that carries that value.
 */
export function divergingEventId(message: string, history?: History): number | undefined {
  const patterns = [/HistoryEvent\s*\(\s*id:\s*(\d+)/i, /event[_ ]?id[:=\s]+(\d+)/i, /\bevent\s+#?(\d+)\b/i];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) return Number(match[1]);
  }
  const recorded = /\bevent '([^']+)'/i.exec(message)?.[1];
  const event = recorded === undefined ? undefined : history?.events?.find((e) => e.eventId && carries(e, recorded, 0));
  return event ? Number(event.eventId) : undefined;
}

/** Whether an event's attributes hold a string equal to `value` (an activity type, a timer id, a signal name). */
function carries(value: unknown, wanted: string, depth: number): boolean {
  if (value === wanted) return true;
  if (depth > 4 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  return Object.entries(value).some(([key, inner]) => key !== 'eventId' && carries(inner, wanted, depth + 1));
}

/** The production workflows for replays served by the API: the build's bundle, or bundled once per process. */
let productionBundle: Promise<WorkflowBundleOption> | undefined;
export function productionWorkflowBundle(): Promise<WorkflowBundleOption> {
  const prebuilt = prebuiltWorkflowBundle();
  if (prebuilt) return Promise.resolve(prebuilt);
  productionBundle ??= bundleWorkflows().catch((error: unknown) => {
    productionBundle = undefined;
    throw error;
  });
  return productionBundle;
}

function isDecoded(history: unknown): history is History {
  const first = (history as History | null)?.events?.[0];
  // JSON histories carry event ids as strings; decoded ones as Long (or number).
  return typeof first === 'object' && first !== null && typeof first.eventId !== 'string' && first.eventId !== undefined && first.eventId !== null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function* toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}
