import type { Client, QueryDefinition } from '@temporalio/client';
import { LruMap } from '../lru-map';

/** How many answers a client keeps (calendars and procedures of the districts read lately; a few KB each). */
const ANSWERS_KEPT = 512;

interface Answer {
  readonly runId: string;
  readonly historyLength: number;
  readonly value: unknown;
}

const answers = new WeakMap<Client, LruMap<string, Answer>>();

/**
 * The answer of `query` on the workflow's current run, read again only when its history grew (issue 11: a filing
 * reads the district's calendars and procedure, each a query a worker answers). For workflows whose state changes
 * only with their history (a district calendar, a grievance procedure: Updates change them, nothing else), an
 * answer given at a history length is the answer while the run and the length stay. The description is the
 * server's alone, no worker; it comes first, so a change between the two reads only misses next time. Throws what
 * the query throws (WorkflowNotFoundError for no such workflow). Answers are frozen: one answers many readers.
 */
export async function queryWhileUnchanged<T>(client: Client, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  const handle = client.workflow.getHandle(workflowId);
  const { runId, historyLength } = await handle.describe();
  let kept = answers.get(client);
  if (!kept) answers.set(client, (kept = new LruMap(ANSWERS_KEPT)));
  const key = `${query.name}\u0000${workflowId}`;
  const known = kept.get(key);
  if (known && known.runId === runId && known.historyLength === historyLength) return known.value as T;
  const value = deepFreeze(await handle.query(query));
  kept.set(key, { runId, historyLength, value });
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
