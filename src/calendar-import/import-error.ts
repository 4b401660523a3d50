/** One reason an import is refused: the field (`/timeZone`) or line of the file (`/line/57`), and what is wrong. */
export interface ImportProblem {
  readonly field: string;
  readonly message: string;
}

/** CAL-4: the file itself cannot be imported (the API answers 422); `fatal` stops reading at once (a cap ran out). */
export class CalendarImportError extends Error {
  constructor(
    readonly problems: readonly ImportProblem[],
    readonly fatal = false,
  ) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'CalendarImportError';
  }
}
