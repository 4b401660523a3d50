/**
 * CAL-4: the most one `.ics` import reads, so that any file within the 2 MiB body limit is read in bounded work
 * (a few seconds of one core at worst) and refused with 422 naming the limit when it asks for more.
 */
export interface IcsImportLimits {
  /** VEVENTs in the file, counted before anything is parsed (about what 2 MiB of ordinary events hold). */
  readonly maxEvents: number;
  /**
   * Occurrences one recurring all-day event may step through, from its DTSTART to the end of the school year: a
   * daily rule needs 365 for a year, so 1,000 allows one started up to about two years earlier.
   */
  readonly maxRepeatsPerEvent: number;
  /** Occurrences all recurring events of the file step through together. */
  readonly maxRepeats: number;
  /** Problems named in one refusal: past these the file has more wrong with it than a list helps with. */
  readonly maxProblems: number;
}

export const ICS_IMPORT_LIMITS: IcsImportLimits = {
  maxEvents: 25_000,
  maxRepeatsPerEvent: 1_000,
  maxRepeats: 20_000,
  maxProblems: 20,
};

/** CAL-1: the most events (days off) a district calendar holds; the JSON calendar's schema allows the same. */
export const MAX_CALENDAR_EVENTS = 500;

/** Entries of `report.imported` and `report.ignored` an import's response lists; `report.counts` counts them all. */
export const MAX_LISTED_REPORT_ENTRIES = 500;
