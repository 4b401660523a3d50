import { createHash } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { decodeHistory } from '../crypto/data-converter';
import { isPayloadJson, payloadFromJson, payloadToJson } from '../crypto/payload-json';
import { historyFromJson, historyJsonText, type CaseRunHistory, type History } from './case-history';
import { caseTimeline } from './case-timeline';
import { CaseKeys, openCaseFile, sealCaseFile } from './case-keys';
import { CaseDestroyedError, readTombstone, TOMBSTONE_FILE } from './case-tombstone';
import { RecordExistsError, checkRecordKey, type RecordStore } from './record-store';

/**
 * A case's records kept past Temporal's retention. Each closed run of a case is archived as two files under
 * `<district>/<workflowId>/`: `<runId>.history.json` (the history as `temporal workflow show --output json` prints
 * it) and `<runId>.timeline.json` (the case's timeline up to that run). Each file gets one entry in the case's
 * ledger `chain/<seq>.json`, which holds the file's SHA-256 and a chain hash over the entry and the previous
 * entry's chain hash: editing, removing or reordering a file or an entry breaks the chain at that point.
 */

/** One link of a case's digest chain (`<district>/<workflowId>/chain/<seq>.json`). */
export interface ChainEntry {
  /** 1, 2, 3 ...: the entry's place, also in its key. */
  readonly seq: number;
  /** The archived file, relative to the case's folder: `<runId>.history.json`. */
  readonly file: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  /** The chain hash of entry seq - 1; null for the first. */
  readonly previous: string | null;
  /** `sha256(JSON.stringify([seq, previous, sha256, file, archivedAt]))`, hex. */
  readonly chainHash: string;
  readonly archivedAt: string;
}

/** What a check of a case's archive found: every link holds, or the first that does not. */
export type ChainVerification =
  | { readonly ok: true; readonly entries: number; readonly head: string | null }
  | { readonly ok: false; readonly entries: number; readonly broken: { readonly seq: number; readonly file?: string | undefined; readonly problem: string } };

/** What archiving one run wrote (or found already written by an earlier attempt). */
export interface ArchivedRun {
  readonly district: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly entries: readonly ChainEntry[];
}

export interface RunToArchive {
  readonly district: string;
  readonly workflowId: string;
  readonly runId: string;
  /** The run's complete history, closed. */
  readonly history: History;
}

/** The workflow that archives one closed run: one per run, so a repeated request starts nothing twice. */
export function caseArchiveWorkflowId(request: { workflowId: string; runId: string }): string {
  return `case-archive:${request.workflowId}:${request.runId}`;
}

/** `<district>/<workflowId>/`: the folder of a case's records in the store. */
export function caseArchivePrefix(district: string, workflowId: string): string {
  return `${checkRecordKey(`${district}/${workflowId}`)}/`;
}

const CHAIN = 'chain/';
const HISTORY_SUFFIX = '.history.json';
/** A file of a case's folder, as chain entries name it. */
const ARCHIVED_FILE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** Chain entries are named `chain/000001.json`, so a listing sorts them in order. */
const seqKey = (prefix: string, seq: number) => `${prefix}${CHAIN}${String(seq).padStart(6, '0')}.json`;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The chain hash of an entry: its place, its predecessor, the file's digest and name, and when. */
export function chainHashOf(entry: Omit<ChainEntry, 'chainHash'>): string {
  return sha256Hex(JSON.stringify([entry.seq, entry.previous, entry.sha256, entry.file, entry.archivedAt]));
}

/**
 * Archives one closed run: its history and the case's timeline up to it, each written once and then chained.
 * Safe to repeat: a file the chain already holds is skipped, and a file an interrupted attempt wrote but did not
 * chain is chained as it was stored.
 */
export async function archiveCaseRun(store: RecordStore, run: RunToArchive, now: () => Date = () => new Date(), codecs: readonly PayloadCodec[] = []): Promise<ArchivedRun> {
  const prefix = caseArchivePrefix(run.district, run.workflowId);
  checkRecordKey(`${prefix}${run.runId}${HISTORY_SUFFIX}`);
  const tombstone = await readTombstone(store, run.district, run.workflowId);
  if (tombstone) throw new CaseDestroyedError(tombstone);
  const earlier = (await loadArchivedRuns(store, run.district, run.workflowId, codecs)).filter((r) => r.runId !== run.runId);
  const runs = orderRuns([...earlier, { runId: run.runId, history: run.history }]);
  const upToThis = runs.slice(0, runs.findIndex((r) => r.runId === run.runId) + 1);
  // Issue 15: the history is stored as Temporal holds it (payloads encrypted); the timeline is read from the
  // decrypted runs and stored encrypted with the same codecs, so the archive holds nothing personal in clear.
  const decoded = await Promise.all(upToThis.map(async (r) => ({ runId: r.runId, history: await decodeHistory(r.history, codecs) })));
  const timeline = { workflowId: run.workflowId, runs: upToThis.map((r) => r.runId), entries: caseTimeline(decoded) };
  // Issue 15 item 5: each file is sealed under the case's own data key, so that destroying that key destroys them.
  const key = await new CaseKeys(store.caseKeys, codecs).dataKey(run.district, run.workflowId, true);
  const seal = (file: string, bytes: Buffer) => (key ? sealCaseFile(key, file, bytes) : bytes);
  const historyFile = `${run.runId}${HISTORY_SUFFIX}`;
  const timelineFile = `${run.runId}.timeline.json`;
  const files: [string, Buffer][] = [
    [historyFile, seal(historyFile, Buffer.from(historyJsonText(run.history)))],
    [timelineFile, seal(timelineFile, Buffer.from(await encodeArchivedJson(timeline, codecs)))],
  ];

  const entries: ChainEntry[] = [];
  for (const [file, bytes] of files) {
    const chained = (await readChain(store, prefix)).find((e) => e.entry?.file === file)?.entry;
    entries.push(chained ?? (await chainNewFile(store, prefix, file, bytes, now)));
  }
  return { district: run.district, workflowId: run.workflowId, runId: run.runId, entries };
}

/** Writes a file of a case's folder once (or finds the one an earlier attempt wrote) and appends it to the chain. */
export async function chainNewFile(store: RecordStore, prefix: string, file: string, bytes: Buffer, now: () => Date): Promise<ChainEntry> {
  return appendToChain(store, prefix, file, await putOnce(store, `${prefix}${file}`, bytes), now);
}

/** Writes the record, or finds the one an earlier attempt wrote; answers the digest of what is stored. */
async function putOnce(store: RecordStore, key: string, bytes: Buffer): Promise<string> {
  try {
    await store.put(key, bytes);
    return sha256Hex(bytes);
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
    const stored = await store.get(key);
    if (!stored) throw error;
    return sha256Hex(stored);
  }
}

/** Appends an entry at the chain's end; a concurrent append taking that place makes it try the next. */
async function appendToChain(store: RecordStore, prefix: string, file: string, sha256: string, now: () => Date): Promise<ChainEntry> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const last = (await readChain(store, prefix)).at(-1);
    const seq = (last?.seq ?? 0) + 1;
    const fields = { seq, file, sha256, previous: last?.entry?.chainHash ?? null, archivedAt: now().toISOString() };
    const entry: ChainEntry = { ...fields, chainHash: chainHashOf(fields) };
    try {
      await store.put(seqKey(prefix, seq), Buffer.from(`${JSON.stringify(entry, null, 2)}\n`));
      return entry;
    } catch (error) {
      if (!(error instanceof RecordExistsError)) throw error;
    }
  }
  throw new Error(`could not append ${file} to the chain of ${prefix}: too many concurrent appends`);
}

interface StoredEntry {
  readonly key: string;
  /** The seq its key names. */
  readonly seq: number;
  /** Undefined when the entry is not a chain entry's JSON. */
  readonly entry: ChainEntry | undefined;
}

async function readChain(store: RecordStore, prefix: string): Promise<StoredEntry[]> {
  const keys = (await store.list(`${prefix}${CHAIN}`)).filter((key) => /^\d+\.json$/.test(key.slice(prefix.length + CHAIN.length)));
  const stored = await Promise.all(
    keys.map(async (key) => {
      const seq = Number(key.slice(prefix.length + CHAIN.length, -'.json'.length));
      return { key, seq, entry: parseEntry(await store.get(key)) };
    }),
  );
  return stored.sort((a, b) => a.seq - b.seq);
}

function parseEntry(bytes: Buffer | undefined): ChainEntry | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<ChainEntry>;
    const valid =
      typeof value.seq === 'number' &&
      typeof value.file === 'string' &&
      typeof value.sha256 === 'string' &&
      (value.previous === null || typeof value.previous === 'string') &&
      typeof value.chainHash === 'string' &&
      typeof value.archivedAt === 'string';
    return valid ? (value as ChainEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** The chain entries of a case, in order (entries that do not parse are left out: `verifyCaseArchive` names them). */
export async function readCaseChain(store: RecordStore, district: string, workflowId: string): Promise<ChainEntry[]> {
  return (await readChain(store, caseArchivePrefix(district, workflowId))).flatMap((s) => (s.entry ? [s.entry] : []));
}

/**
 * Recomputes a case's chain from its first entry and every archived file's digest, and reports the first link
 * that does not hold: an entry missing from the sequence, out of place, edited (its chain hash) or not following
 * its predecessor; a file missing or edited (its digest); a file in the case's folder that no entry names.
 * A case never archived is `{ ok: true, entries: 0, head: null }`.
 */
export async function verifyCaseArchive(store: RecordStore, district: string, workflowId: string): Promise<ChainVerification> {
  const prefix = caseArchivePrefix(district, workflowId);
  const chain = await readChain(store, prefix);
  const broken = (seq: number, problem: string, file?: string): ChainVerification => ({ ok: false, entries: chain.length, broken: { seq, file, problem } });
  let previous: string | null = null;
  const named = new Set<string>();
  for (const [index, { seq, entry }] of chain.entries()) {
    const expected = index + 1;
    if (seq !== expected) return broken(expected, `chain entry ${expected} is missing (the next is ${seq})`);
    if (!entry) return broken(seq, `chain entry ${seq} is not a chain entry`);
    if (entry.seq !== seq) return broken(seq, `chain entry ${seq} holds the entry of seq ${entry.seq}: entries were moved`, entry.file);
    if (entry.previous !== previous) return broken(seq, `chain entry ${seq} does not follow entry ${seq - 1}: its previous hash differs`, entry.file);
    if (chainHashOf(entry) !== entry.chainHash) return broken(seq, `chain entry ${seq} was edited: its chain hash does not match its fields`, entry.file);
    if (!ARCHIVED_FILE.test(entry.file)) return broken(seq, `chain entry ${seq} names no file of the case's folder`, entry.file);
    const bytes = await store.get(`${prefix}${entry.file}`);
    if (!bytes) return broken(seq, `${entry.file} is missing`, entry.file);
    if (sha256Hex(bytes) !== entry.sha256) return broken(seq, `${entry.file} was changed: its SHA-256 differs from the chain's`, entry.file);
    named.add(entry.file);
    previous = entry.chainHash;
  }
  const unchained = (await store.list(prefix)).map((key) => key.slice(prefix.length)).find((file) => !file.startsWith(CHAIN) && !named.has(file));
  if (unchained !== undefined) return broken(chain.length + 1, `${unchained} is in the archive but in no chain entry: an entry was removed`, unchained);
  return { ok: true, entries: chain.length, head: previous };
}

/**
 * The archived runs of a case, first to latest (by each run's continue-as-new link, then by start), as
 * `fetchCaseHistories` returns them from Temporal. Empty when the case was never archived.
 */
export async function loadArchivedRuns(store: RecordStore, district: string, workflowId: string, codecs: readonly PayloadCodec[] = []): Promise<CaseRunHistory[]> {
  const prefix = caseArchivePrefix(district, workflowId);
  const chained = (await readCaseChain(store, district, workflowId)).map((e) => e.file);
  // Issue 15 item 5: a destroyed case's records are not read, whatever is left of them.
  if (chained.includes(TOMBSTONE_FILE)) throw new CaseDestroyedError((await readTombstone(store, district, workflowId))!);
  const files = chained.filter((file) => file.endsWith(HISTORY_SUFFIX));
  if (files.length === 0) return [];
  const keys = new CaseKeys(store.caseKeys, codecs);
  const key = keys.enabled ? await keys.dataKey(district, workflowId, false) : undefined;
  const runs = await Promise.all(
    [...new Set(files)].map(async (file) => {
      const bytes = await store.get(`${prefix}${file}`);
      if (!bytes) throw new Error(`the archive of ${workflowId} lacks ${file}`);
      const clear = openCaseFile(key, workflowId, file, bytes);
      return { runId: file.slice(0, -HISTORY_SUFFIX.length), history: historyFromJson(JSON.parse(clear.toString('utf8'))) };
    }),
  );
  return orderRuns(runs);
}

/** Runs in the order they ran: each after the run it continued; chains that do not link, by start time. */
export function orderRuns(runs: readonly CaseRunHistory[]): CaseRunHistory[] {
  const started = (r: CaseRunHistory) => r.history.events?.[0];
  const continued = (r: CaseRunHistory) => started(r)?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  const startMs = (r: CaseRunHistory) => Number(started(r)?.eventTime?.seconds ?? 0) * 1000 + Math.floor((started(r)?.eventTime?.nanos ?? 0) / 1e6);
  const ids = new Set(runs.map((r) => r.runId));
  const next = new Map<string, CaseRunHistory>();
  for (const run of runs) {
    const from = continued(run);
    if (from && ids.has(from)) next.set(from, run);
  }
  const ordered: CaseRunHistory[] = [];
  const roots = runs.filter((r) => !continued(r) || !ids.has(continued(r)!)).sort((a, b) => startMs(a) - startMs(b));
  for (const root of roots) {
    for (let run: CaseRunHistory | undefined = root; run && !ordered.includes(run); run = next.get(run.runId)) ordered.push(run);
  }
  return [...ordered, ...runs.filter((r) => !ordered.includes(r))];
}

/** A file of a case's folder as it was written before sealing (opened with the case's data key), or undefined. */
export async function readArchivedFile(store: RecordStore, district: string, workflowId: string, file: string, codecs: readonly PayloadCodec[]): Promise<Buffer | undefined> {
  const bytes = await store.get(`${caseArchivePrefix(district, workflowId)}${file}`);
  if (!bytes) return undefined;
  const keys = new CaseKeys(store.caseKeys, codecs);
  return openCaseFile(keys.enabled ? await keys.dataKey(district, workflowId, false) : undefined, workflowId, file, bytes);
}

/**
 * A JSON record of the archive as its codecs store it: with no codec, the JSON itself; with the encryption codec,
 * the encrypted payload in the codec-server JSON form (`{"metadata": {...}, "data": "<base64>"}`), which the codec
 * endpoint decodes too.
 */
export async function encodeArchivedJson(value: unknown, codecs: readonly PayloadCodec[]): Promise<string> {
  const clear = `${JSON.stringify(value, null, 2)}\n`;
  if (codecs.length === 0) return clear;
  let payloads = [defaultPayloadConverter.toPayload(value)];
  for (const codec of codecs) payloads = await codec.encode(payloads);
  return `${JSON.stringify(payloadToJson(payloads[0]!), null, 2)}\n`;
}

/** Reads a JSON record `encodeArchivedJson` wrote (clear or encrypted). */
export async function decodeArchivedJson<T>(bytes: Buffer, codecs: readonly PayloadCodec[]): Promise<T> {
  const value = JSON.parse(bytes.toString('utf8')) as unknown;
  if (!isPayloadJson(value)) return value as T;
  let payloads = [payloadFromJson(value)];
  for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
  return defaultPayloadConverter.fromPayload<T>(payloads[0]!);
}
