import type { ImportReport } from './ics-import';

/** What a response lists of the import report: the first entries of each list, and how many there are in all. */
export interface ListedImportReport extends ImportReport {
  readonly counts: { readonly imported: number; readonly ignored: number; readonly looksLikeDayOff: number };
}

/**
 * CAL-4: a file of 22,000 picture days would list 22,000 ignored events: the response lists the first `max` of each
 * list (in file order) and counts them all, so any file within the limits gets an answer, never a 500.
 */
export function listReport(report: ImportReport, max: number): ListedImportReport {
  return {
    imported: report.imported.slice(0, max),
    ignored: report.ignored.slice(0, max),
    counts: { imported: report.imported.length, ignored: report.ignored.length, looksLikeDayOff: report.ignored.filter((i) => i.looksLikeDayOff).length },
  };
}
