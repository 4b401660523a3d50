import type { Client, QueryDefinition } from '@temporalio/client';
import { LruMap } from '../lru-map';

/** How many answers a client keeps (calendars and procedures of the districts read lately; a few KB each). */
const ANSWERS_KEPT = 512;

interface Answer {
  readonly runId: string;
  readonly historyLength: number;
  readonly value: unknown;
}

interface Described {
  readonly runId: string;
  readonly historyLength: number;
}

const answers = new WeakMap<Client, LruMap<string, Answer>>();
/** The reads of a client under way, by workflow (describes) and by workflow, run and length (queries). */
const describing = new WeakMap<Client, Map<string, Promise<Described>>>();
const querying = new WeakMap<Client, Map<string, Promise<unknown>>>();

/**
 * The answer of `query` on the workflow's current run, read again only when its history grew (issue 11: a filing
 * reads the district's calendars and procedure, each a query a worker answers). For workflows whose state changes
 * only with their history (a district calendar, a grievance procedure: Updates change them, nothing else), an
 * answer given at a history length is the answer while the run and the length stay. The description is the
 * server's alone, no worker; it comes first, so a change between the two reads only misses next time. Throws what
 * the query throws (WorkflowNotFoundError for no such workflow). Answers are frozen: one answers many readers.
 *
 * Readers at once share one read (issue 11: filings arriving together read the same calendars): a reader that
 * comes while the same description (or the same query) is under way takes its answer, which is as fresh as the
 * reader asking a moment sooner. A change made through this client ends that sharing (`forgetReadsUnderWay`), so a
 * reader after it reads what it made.
 */
export async function queryWhileUnchanged<T>(client: Client, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  const handle = client.workflow.getHandle(workflowId);
  const { runId, historyLength } = await shared(describing, client, workflowId, async () => {
    const { runId, historyLength } = await handle.describe();
    return { runId, historyLength };
  });
  let kept = answers.get(client);
  if (!kept) answers.set(client, (kept = new LruMap(ANSWERS_KEPT)));
  const key = `${query.name}\u0000${workflowId}`;
  const known = kept.get(key);
  if (known && known.runId === runId && known.historyLength === historyLength) return known.value as T;
  const value = (await shared(querying, client, `${key}\u0000${runId}\u0000${historyLength}`, async () => deepFreeze(await handle.query(query)))) as T;
  kept.set(key, { runId, historyLength, value });
  return value;
}

/**
 * After a change this client made to the workflow (an Update answered): a read from now on reads again, never the
 * answer of a read that began before the change.
 */
export function forgetReadsUnderWay(client: Client, workflowId: string): void {
  describing.get(client)?.delete(workflowId);
}

/** `read()`'s answer, or the answer of the same read under way (its failure too). */
function shared<V>(reads: WeakMap<Client, Map<string, Promise<V>>>, client: Client, key: string, read: () => Promise<V>): Promise<V> {
  let underWay = reads.get(client);
  if (!underWay) reads.set(client, (underWay = new Map()));
  const known = underWay.get(key);
  if (known) return known;
  const reading = read();
  underWay.set(key, reading);
  const done = () => {
    if (underWay.get(key) === reading) underWay.delete(key);
  };
  reading.then(done, done);
  return reading;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
