import { isGrpcServiceError, ServiceError, WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { Type } from 'protobufjs';

export type History = temporal.api.history.v1.IHistory;

/** One run of a case: its run id and its whole event history. */
export interface CaseRunHistory {
  runId: string;
  history: History;
}

/** The CLI-format JSON of a history: what `temporal workflow show --output json` prints. */
export interface HistoryJson {
  events: Record<string, unknown>[];
}

/** A case with continue-as-new chains longer than this is refused rather than walked forever. */
const MAX_RUNS = 1_000;

/**
 * Every run of a case, first run to latest, following its continue-as-new chain: the latest run is found with
 * describe(), and each run's first event names the run it continued (`continuedExecutionRunId`).
 * Throws WorkflowNotFoundError for an unknown workflow id.
 */
export async function fetchCaseHistories(client: Client, workflowId: string): Promise<CaseRunHistory[]> {
  const latest = await client.workflow.getHandle(workflowId).describe();
  const runs: CaseRunHistory[] = [];
  for (let runId: string | undefined = latest.runId; runId; ) {
    if (runs.length >= MAX_RUNS) throw new Error(`${workflowId} has more than ${MAX_RUNS} runs`);
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs.reverse();
}

/** A listed execution's history, for replay. */
export interface ListedHistory {
  workflowId: string;
  runId: string;
  history: History;
}

/**
 * The history of every execution (each run of a chain is one) a visibility query lists, fetched as the listing
 * goes, at most `limit` of them (`truncated()` tells whether more matched). `accept` drops executions after the
 * fact (a second check on what the query should already have left out); an execution deleted between the listing
 * and the fetch is skipped.
 */
export function historiesMatching(
  client: Client,
  query: string | undefined,
  options: { limit?: number; accept?: (execution: WorkflowExecutionInfo) => boolean } = {},
): AsyncIterable<ListedHistory> & { truncated(): boolean } {
  let truncated = false;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  async function* histories(): AsyncGenerator<ListedHistory> {
    let count = 0;
    for await (const execution of client.workflow.list(query ? { query } : {})) {
      if (options.accept && !options.accept(execution)) continue;
      if (count >= limit) {
        truncated = true;
        return;
      }
      const { workflowId, runId } = execution;
      try {
        const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
        count += 1;
        yield { workflowId, runId, history };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }
  return { [Symbol.asyncIterator]: histories, truncated: () => truncated };
}

/** An unknown or deleted workflow, as the client's handle methods and raw service calls report it. */
export function isNotFound(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && error.code === status.NOT_FOUND);
}

/** What the server said was wrong with a visibility query, when `error` is its refusal of one. */
export function invalidQueryReason(error: unknown): string | undefined {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && grpc.code === status.INVALID_ARGUMENT ? grpc.details || grpc.message : undefined;
}

/**
 * A history as proto3 JSON, the way `temporal workflow show --output json` and the Web UI export it: camelCase
 * fields, enum names (`EVENT_TYPE_WORKFLOW_EXECUTION_STARTED`), int64 as strings, payloads in base64, and map
 * entries (search attributes, payload metadata, headers) in key order as Go's protojson writes them.
 */
export function historyToJson(history: History): HistoryJson {
  return sortMapEntries(historyType, JSON.parse(historyToJSON(history))) as HistoryJson;
}

/** The history as the text `temporal workflow show --output json` prints: the same JSON, 2-space indents, a final newline. */
export function historyJsonText(history: History): string {
  return `${JSON.stringify(historyToJson(history), null, 2)}\n`;
}

// The generated message classes of @temporalio/proto are protobufjs reflection types at run time.
const historyType = temporal.api.history.v1.History as unknown as Type;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders the entries of every map field by key, walking the JSON with the message type that describes it. */
function sortMapEntries(type: Type, json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const message = json as Record<string, unknown>;
  if (type.fullName === '.google.protobuf.Struct') return sortKeysDeep(json);
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    field.resolve();
    const valueType = field.resolvedType && 'fieldsArray' in field.resolvedType ? (field.resolvedType as Type) : undefined;
    const visit = (v: unknown) => (valueType ? sortMapEntries(valueType, v) : v);
    if (field.map) {
      const entries = value as Record<string, unknown>;
      message[field.name] = Object.fromEntries(Object.keys(entries).sort(byKey).map((key) => [key, visit(entries[key])]));
    } else if (valueType) {
      message[field.name] = Array.isArray(value) ? value.map(visit) : visit(value);
    }
  }
  return message;
}

function sortKeysDeep(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(sortKeysDeep);
  if (typeof json !== 'object' || json === null) return json;
  const object = json as Record<string, unknown>;
  return Object.fromEntries(Object.keys(object).sort(byKey).map((key) => [key, sortKeysDeep(object[key])]));
}

/**
 * Reads a history exported by the CLI, the Web UI (older PascalCase enum names too) or `historyToJson`.
 * Throws TypeError when it is not a history.
 */
export function historyFromJson(json: unknown): History {
  const history = historyFromJSON(json);
  if (!history.events?.length) throw new TypeError('Invalid history: it has no events');
  return history;
}

/** The workflow id a history records in its first event (servers since 1.27 do; older ones and the test server may not). */
export function workflowIdOf(history: History): string | undefined {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowId || undefined;
}

/** The run id a history records for itself (its first event's `originalExecutionRunId`), if any. */
export function runIdOf(history: History): string | undefined {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId || undefined;
}
