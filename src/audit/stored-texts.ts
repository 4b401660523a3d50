import { isStoredText, type StoredText } from '../domain/case/stored-text';
import type { Notice } from '../domain/notices/notice';
import type { DocumentStore } from './document-store';

/** The content type of a text a request carried (JSON strings are Unicode; stored as UTF-8). */
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Puts a text into the district's document store and answers what the case keeps of it. */
export async function storeText(store: DocumentStore, district: string, text: string): Promise<StoredText> {
  return { stored: await store.put(district, Buffer.from(text, 'utf8'), TEXT_CONTENT_TYPE) };
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
  const visit = async (holder: unknown, keys: readonly string[]): Promise<void> => {
    if (!holder || typeof holder !== 'object') return;
    const [key, ...rest] = keys as [string, ...string[]];
    const record = holder as Record<string, unknown>;
    const names = key === '*' ? (Array.isArray(holder) ? holder.map((_, i) => String(i)) : []) : [key];
    for (const name of names) {
      if (rest.length > 0) await visit(record[name], rest);
      else {
        const text = record[name];
        if (typeof text === 'string' && text.trim() !== '') record[name] = await storeText(store, district, text.trim());
      }
    }
  };
  for (const path of paths) await visit(copy, path.split('.'));
  return copy as T;
}

/** The text a stored text holds; throws when the store no longer has it (a claim check is never dropped). */
export async function readText(store: DocumentStore, district: string, text: StoredText): Promise<string> {
  const document = await store.get(district, text.stored.sha256);
  if (!document) throw new Error(`the stored text ${text.stored.sha256} is missing from the case document store`);
  return document.bytes.toString('utf8');
}

/** `T` with every stored text written out (a string). */
export type WithTexts<T> = T extends StoredText
  ? string
  : T extends readonly (infer U)[]
    ? WithTexts<U>[]
    : T extends object
      ? { [K in keyof T]: WithTexts<T[K]> }
      : T;

/** A deep copy of `value` with every stored text written out again: what a reader of the case gets. */
export async function inlineTexts<T>(store: DocumentStore, district: string, value: T): Promise<WithTexts<T>> {
  const walk = async (node: unknown): Promise<unknown> => {
    if (isStoredText(node)) return readText(store, district, node);
    if (Array.isArray(node)) return Promise.all(node.map(walk));
    if (node && typeof node === 'object') return Object.fromEntries(await Promise.all(Object.entries(node).map(async ([k, v]) => [k, await walk(v)] as const)));
    return node;
  };
  return (await walk(value)) as WithTexts<T>;
}

/** A notice with the facts it keeps in the document store written in (a channel renders and sends this). */
export async function withStoredFacts(store: DocumentStore, notice: Notice): Promise<Notice> {
  if (!notice.documents) return notice;
  const texts = await Promise.all(Object.entries(notice.documents).map(async ([name, stored]) => [name, await readText(store, notice.district, { stored })] as const));
  const { documents: _stored, ...rest } = notice;
  return { ...rest, facts: { ...notice.facts, ...Object.fromEntries(texts) } };
}
