import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listingColumns, listingCsv } from '../../../api/routes/listing-csv';

/** Issue 19, item 7: a family's listing as CSV for HR's spreadsheets (the kernel's list route, ?format=csv). */
describe('listing CSV', () => {
  const response = z.object({ items: z.array(z.object({ id: z.string(), status: z.string(), level: z.number(), school: z.string().optional() })) });

  it("takes the columns from the listing's item schema, in order, then any field an item has besides", () => {
    expect(listingColumns(response, [])).toEqual(['id', 'status', 'level', 'school']);
    expect(listingColumns(response, [{ id: 'G-1', extra: 1 }])).toEqual(['id', 'status', 'level', 'school', 'extra']);
  });

  it('writes RFC 4180 CSV with a BOM: commas, quotes and any script survive a round trip; absent fields are empty', () => {
    const items = [
      { id: 'G-1', status: 'awaiting-decision', level: 1, school: 'Lincoln, "North"' },
      { id: 'G-2', status: 'final', level: 2, school: '王小明小学' },
      { id: 'G-3', status: 'withdrawn', level: 0 },
    ];
    const text = listingCsv(listingColumns(response, items), items);
    expect(text.startsWith('\uFEFFid,status,level,school\n')).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { id: 'G-1', status: 'awaiting-decision', level: '1', school: 'Lincoln, "North"' },
      { id: 'G-2', status: 'final', level: '2', school: '王小明小学' },
      { id: 'G-3', status: 'withdrawn', level: '0', school: '' },
    ]);
  });

  it('defuses cells a spreadsheet would run as a formula (CSV injection), and writes nested values as JSON', () => {
    const items = [{ id: '=1+1', status: '@SUM(A1)', level: -1, school: '+x', next: { due: '2027-02-10' } }];
    const [row] = parse(listingCsv(listingColumns(response, items), items), { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toEqual({ id: "'=1+1", status: "'@SUM(A1)", level: '-1', school: "'+x", next: '{"due":"2027-02-10"}' });
  });
});
