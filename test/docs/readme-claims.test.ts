import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CONTENT_TYPES } from '../../api/routes/documents';
import { MAX_DOCUMENT_BYTES } from '../../src/audit/document-store';
import { ICS_IMPORT_RUNNER_DEFAULTS } from '../../src/calendar-import/ics-import-runner';
import { MAX_LISTED_REPORT_ENTRIES } from '../../src/calendar-import/import-limits';
import { CASE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';

/**
 * Issue 19, "the README's numbers and claims match the code": the figures and lists the README states about search
 * attributes, notice templates, the calendar importer and documents, read from the README and compared with the code
 * that decides them. A change to either that leaves the other behind fails here.
 */
const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** The backquoted names in the first parenthesis after `lead`. */
const namesAfter = (lead: string) => {
  const at = README.indexOf(lead);
  expect(at, `the README says "${lead}"`).toBeGreaterThanOrEqual(0);
  const list = /\(([^)]*)\)/.exec(README.slice(at + lead.length))![1]!;
  return [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
};

describe('README claims', () => {
  it('names every search attribute the service registers, and no other', () => {
    expect(namesAfter('registers its custom search attributes').sort()).toEqual(CASE_SEARCH_ATTRIBUTES.map((key) => key.name).sort());
  });

  it('lists one notice template set per family, as templates/ holds them', () => {
    const families = readdirSync(path.join(ROOT, 'templates'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${d.name}/`);
    expect(namesAfter('one set per family').sort()).toEqual(families.sort());
  });

  it("states the calendar importer's pool and report limits as the code sets them", () => {
    const { concurrency, queueLimit } = ICS_IMPORT_RUNNER_DEFAULTS;
    expect(README).toContain(`one thread per import, ${NUMBERS[concurrency]} at a time, ${NUMBERS[queueLimit]} more waiting`);
    expect(README).toContain(`A response lists the first ${MAX_LISTED_REPORT_ENTRIES} entries`);
  });

  it("states the document upload's size limit and media types as the route enforces them", () => {
    expect(MAX_DOCUMENT_BYTES).toBe(10 * 1024 * 1024);
    expect(README).toContain('`MAX_DOCUMENT_BYTES` (10 MiB)');
    expect(README).toContain(`(its ${NUMBERS[DOCUMENT_CONTENT_TYPES.length]} media types, at most 10 MiB)`);
    // The upload's list names each type (the Word one by its extension).
    const named = DOCUMENT_CONTENT_TYPES.map((type) => (type.includes('wordprocessingml') ? '.docx' : type));
    expect(README).toContain(`(${named.map((type) => `\`${type}\``).join(', ')})`);
  });
});
