import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

/** The most rows one CSV export gathers; past it the answer links the next part (`Link: <...>; rel="next"`). */
export const CSV_MAX_ROWS = 10_000;

/** The query parameter every family's listing takes: `format=csv` for HR's spreadsheets. */
export const listingFormatSchema = z
  .enum(['json', 'csv'])
  .default('json')
  .meta({
    description: `\`csv\`: every matching case (up to ${CSV_MAX_ROWS} rows; past that \`Link: <...>; rel="next"\` names the rest) as text/csv with a header row, for spreadsheets`,
    examples: ['csv'],
  });

/** The columns of a listing: its item schema's fields, in their order, then any field an item has besides. */
export function listingColumns(response: z.ZodType, items: readonly Record<string, unknown>[]): string[] {
  const element = response instanceof z.ZodObject ? (response.shape as Record<string, z.ZodType>).items : undefined;
  const declared = element instanceof z.ZodArray && element.element instanceof z.ZodObject ? Object.keys(element.element.shape) : [];
  return [...new Set([...declared, ...items.flatMap((item) => Object.keys(item))])];
}

/**
 * A listing as CSV (RFC 4180, written by csv-stringify) with a UTF-8 byte-order mark, so spreadsheet programs read
 * names in any script. Nested values are written as JSON; a text cell a spreadsheet would take for a formula
 * (`=`, `+`, `-`, `@` first) is prefixed with `'` (CSV injection).
 */
export function listingCsv(columns: readonly string[], items: readonly Record<string, unknown>[]): string {
  return stringify(
    items.map((item) => columns.map((column) => cell(item[column]))),
    { header: true, columns: [...columns], bom: true },
  );
}

function cell(value: unknown): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
