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
