/**
 * A long text (a statement, a decision, a report) kept in the case document store instead of the case's history
 * (issue 11): the history, the case's state and its notices carry only the text's claim check. The API stores the
 * texts of a request before it reaches the case and puts them back into what a reader gets
 * (src/audit/stored-texts.ts); cases opened before hold their texts as strings, which stay valid.
 */
export interface StoredText {
  readonly stored: { readonly sha256: string; readonly size: number; readonly contentType: string };
}

/** A text as a case holds it: written out (cases opened before texts were stored) or by its claim check. */
export type LongText = string | StoredText;

export function isStoredText(value: unknown): value is StoredText {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) return false;
  const stored = (value as { stored?: unknown }).stored;
  return typeof stored === 'object' && stored !== null && typeof (stored as { sha256?: unknown }).sha256 === 'string' && typeof (stored as { size?: unknown }).size === 'number';
}

/** A text left empty: a stored text never is (the API stores only texts with something in them). */
export function blankText(text: LongText | undefined): boolean {
  return text === undefined || (typeof text === 'string' ? text.trim() === '' : text.stored.size === 0);
}

/** A text without its surrounding white space (a stored text was stored so). */
export function trimText<T extends LongText | undefined>(text: T): T {
  return (typeof text === 'string' ? text.trim() : text) as T;
}

/** A text for a message or a note: written out, or named by its size when it is in the document store. */
export function describeText(text: LongText): string {
  return typeof text === 'string' ? text : `(a stored text of ${text.stored.size} bytes)`;
}
