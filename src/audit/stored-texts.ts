import { isStoredText, type StoredText } from '../domain/case/stored-text';
import type { Notice } from '../domain/notices/notice';
import { namedDocuments } from '../domain/case/claim-checks';
import type { DocumentHolder, DocumentStore } from './document-store';

/** The content type of a text a request carried (JSON strings are Unicode; stored as UTF-8). */
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * Puts a text into the district's document store (an upload until its case keeps it: `keepDocuments` once the case
 * took the request) and answers what the case keeps of it.
 */
export async function storeText(store: DocumentStore, district: string, text: string): Promise<StoredText> {
  const bytes = Buffer.from(text, 'utf8');
  const stored = await store.put(district, bytes, TEXT_CONTENT_TYPE);
  // What a reader gets back is the bytes decoded (a lone surrogate reads back as U+FFFD), so that is what is kept.
  recentTexts(store).remember(district, stored.sha256, bytes.toString('utf8'), bytes.byteLength);
  return { stored };
}

/** What the texts' cache of one document store holds at most: its texts' UTF-8 bytes together, and one text. */
export const TEXT_CACHE_LIMITS = { totalBytes: 8 * 1024 * 1024, textBytes: 512 * 1024 } as const;

/**
 * The texts a process stored or read last, per document store (issue 11: the filing a create answers, the texts of
 * the case an action answers). A text is named by its SHA-256, so a text found here is the text every case naming
 * that SHA-256 holds, in every process of a cluster: nothing to invalidate. A destroyed case (issue 15 item 5) is
 * refused before its texts are read (its reads load the case first), and a text kept here lives only in this
 * process's memory, bounded by bytes, least recently used out first.
 */
class RecentTexts {
  private readonly texts = new Map<string, { text: string; bytes: number }>();
  private bytes = 0;

  get(district: string, sha256: string): string | undefined {
    const key = `${district}/${sha256}`;
    const hit = this.texts.get(key);
    if (hit === undefined) return undefined;
    this.texts.delete(key);
    this.texts.set(key, hit);
    return hit.text;
  }

  remember(district: string, sha256: string, text: string, bytes: number): void {
    if (bytes > TEXT_CACHE_LIMITS.textBytes) return;
    const key = `${district}/${sha256}`;
    const before = this.texts.get(key);
    if (before) this.bytes -= before.bytes;
    this.texts.delete(key);
    this.texts.set(key, { text, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.texts) {
      if (this.bytes <= TEXT_CACHE_LIMITS.totalBytes) break;
      this.texts.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  get size(): { texts: number; bytes: number } {
    return { texts: this.texts.size, bytes: this.bytes };
  }
}

const caches = new WeakMap<DocumentStore, RecentTexts>();

function recentTexts(store: DocumentStore): RecentTexts {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new RecentTexts()));
  return cache;
}

/** How much the texts' cache of a store holds (for its tests). */
export function recentTextsSize(store: DocumentStore): { texts: number; bytes: number } {
  return recentTexts(store).size;
}

/**
 * `value` with the strings at `paths` put into the store and replaced by their claim checks. A path is dotted field
 * names (`statement`, `report.summary`); `*` stands for every element of an array (`plan.issues.*`,
 * `log.reportsFromOthers.*.summary`). A path that holds no string is left as it is, and so is a blank string (the
 * case's own rules refuse it, naming the field). A text is stored without its surrounding white space, as the cases
 * keep their texts.
 */
export async function storeTexts<T>(store: DocumentStore, district: string, value: T, paths: readonly string[] | undefined): Promise<T> {
  if (!paths?.length) return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  // The texts are found first, then stored side by side (issue 11: each write waits on the disk, not on the others).
  const found: { record: Record<string, unknown>; name: string; text: string }[] = [];
  const visit = (holder: unknown, keys: readonly string[]): void => {
    if (!holder || typeof holder !== 'object') return;
    const [key, ...rest] = keys as [string, ...string[]];
    const record = holder as Record<string, unknown>;
    const names = key === '*' ? (Array.isArray(holder) ? holder.map((_, i) => String(i)) : []) : [key];
    for (const name of names) {
      if (rest.length > 0) visit(record[name], rest);
      else {
        const text = record[name];
        if (typeof text === 'string' && text.trim() !== '') found.push({ record, name, text: text.trim() });
      }
    }
  };
  for (const path of paths) visit(copy, path.split('.'));
  const stored = await Promise.all(found.map(({ text }) => storeText(store, district, text)));
  found.forEach(({ record, name }, i) => (record[name] = stored[i]));
  return copy as T;
}

/**
 * The text a stored text of the case holds; throws when the store no longer has it (a claim check is never dropped),
 * CaseDestroyedError when the case was destroyed (issue 15 item 5: its documents with it).
 */
export async function readText(store: DocumentStore, holder: DocumentHolder, text: StoredText): Promise<string> {
  const { district } = holder;
  const cache = recentTexts(store);
  const known = cache.get(district, text.stored.sha256);
  if (known !== undefined) return known;
  // The case's claim check names the bytes' SHA-256 and size, the store checks them against it.
  const bytes = await store.bytesOf(holder, text.stored);
  if (!bytes) throw new Error(`the stored text ${text.stored.sha256} is missing from the case document store`);
  const read = bytes.toString('utf8');
  cache.remember(district, text.stored.sha256, read, bytes.byteLength);
  return read;
}

/** `T` with every stored text written out (a string). */
export type WithTexts<T> = T extends StoredText
  ? string
  : T extends readonly (infer U)[]
    ? WithTexts<U>[]
    : T extends object
      ? { [K in keyof T]: WithTexts<T[K]> }
      : T;

/**
 * `value` with every stored text written out again: what a reader of the case gets. The texts are found first and
 * read once each, side by side; the copy is then made without waiting (issue 11: no promise per field of a view).
 * The parts of `value` without a stored text are shared with it, not copied.
 */
export async function inlineTexts<T>(store: DocumentStore, holder: DocumentHolder, value: T): Promise<WithTexts<T>> {
  const found = new Map<string, StoredText>();
  // The objects and arrays with a stored text somewhere below: only these are copied, the rest is shared (issue 11:
  // a view is mostly dates and names, its texts a few fields).
  const holding = new Set<object>();
  const collect = (node: unknown): boolean => {
    if (isStoredText(node)) {
      found.set(node.stored.sha256, node);
      return true;
    }
    if (!node || typeof node !== 'object') return false;
    let below = false;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (collect(child)) below = true;
    if (below) holding.add(node);
    return below;
  };
  collect(value);
  const texts = new Map(await Promise.all([...found].map(async ([sha256, stored]) => [sha256, await readText(store, holder, stored)] as const)));
  const write = (node: unknown): unknown => {
    if (isStoredText(node)) return texts.get(node.stored.sha256);
    if (!node || typeof node !== 'object' || !holding.has(node)) return node;
    if (Array.isArray(node)) return node.map(write);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, write(v)]));
  };
  return write(value) as WithTexts<T>;
}

/** A notice with the facts it keeps in the document store written in (a channel renders and sends this). */
export async function withStoredFacts(store: DocumentStore, notice: Notice): Promise<Notice> {
  if (!notice.documents) return notice;
  const holder = { district: notice.district, workflowId: notice.workflowId };
  const texts = await Promise.all(Object.entries(notice.documents).map(async ([name, stored]) => [name, await readText(store, holder, { stored })] as const));
  const { documents: _stored, ...rest } = notice;
  return { ...rest, facts: { ...notice.facts, ...Object.fromEntries(texts) } };
}

/**
 * Issue 15 item 5: once a case took a request (its start, an action), every document the request names is taken
 * into the case (sealed under the case's key, so destroyed with it; no longer an upload that expires). A claim
 * check the store does not hold is left to the case's own checks. The case kernel keeps them, durably, with the
 * `keepCaseDocuments` activity (workflows/shared/case-documents.ts) that calls this; the API calls it only for a
 * create retried after its case opened.
 */
export async function keepDocuments(store: DocumentStore, holder: DocumentHolder, value: unknown): Promise<void> {
  for (const sha256 of namedDocuments(value)) await store.keep(holder, sha256);
}
