import type { ImportProblem } from './import-error';
import type { IcsImportLimits } from './import-limits';
import type { ListedImportReport } from './import-report';
import type { ImportedCalendar, ImportOptions } from './ics-import';

/** What the API sends the import worker (as workerData: structured-cloned, the file's text included). */
export interface IcsWorkerRequest {
  readonly text: string;
  readonly options: ImportOptions;
  readonly limits: IcsImportLimits;
  /** Entries of each report list to send back: the rest are only counted (import-report.ts). */
  readonly listed: number;
  /** Shared with the runner: the recurrence being expanded (recurrence-watch.ts). */
  readonly watch: SharedArrayBuffer;
}

/** The worker's one message back. */
export type IcsWorkerAnswer =
  | { readonly kind: 'imported'; readonly calendar: ImportedCalendar; readonly report: ListedImportReport }
  | { readonly kind: 'refused'; readonly problems: readonly ImportProblem[] };
