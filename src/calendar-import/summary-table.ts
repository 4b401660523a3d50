import type { CalendarEventKind } from '../domain/calendar';

/**
 * CAL-4: how the summary (and categories) of a district calendar's event are read. Each row names what an event
 * becomes and the phrases that say so, as districts write them; the first row with a phrase in the text wins, so
 * the more specific rows come first ("Snow Make-up Day" is a make-up day, not a closure). A phrase matches its
 * plural and common spellings: every word may take `s` or `es` ("Teacher Workdays", "Snow Days", "Holidays",
 * "Recesses"), words may be joined by spaces, hyphens or nothing ("Make-up", "Make up", "Makeup"; "Work Day",
 * "Workday"), and case and apostrophes do not count ("Presidents' Day").
 */
export type ImportedAs = CalendarEventKind | 'first-day' | 'last-day' | 'semester-end';

export const SUMMARY_TABLE: readonly (readonly [ImportedAs, readonly string[]])[] = [
  ['first-day', ['first day of school', 'first day for students', 'first day of classes', 'first day of instruction', 'first student day', 'students first day', 'school begins for students', 'classes begin']],
  ['last-day', ['last day of school', 'last day for students', 'last day of classes', 'last day of instruction', 'last student day', 'students last day', 'school ends for students', 'classes end']],
  ['semester-end', ['end of first semester', 'end of 1st semester', 'end of fall semester', 'end of the first semester', 'first semester ends', '1st semester ends', 'fall semester ends', 'end of semester 1', 'end of semester one', 'end of semester i', 'semester 1 ends']],
  ['make-up-day', ['make up day', 'snow make up', 'weather make up', 'make up school day']],
  ['closure', ['closed', 'closure', 'closing', 'snow day', 'weather day', 'inclement weather', 'emergency', 'calamity day', 'storm day', 'ice day']],
  [
    'staff-day',
    [
      'staff day', 'staff development', 'teacher work day', 'teacher planning', 'teacher prep', 'teacher institute', 'teacher in service',
      'teacher only', 'teachers only', 'professional development', 'professional learning', 'pd day', 'in service', 'institute day',
      'records day', 'grading day', 'teacher grading', 'planning day', 'work day', 'no school for students', 'no students',
      'student holiday', 'non student', 'students not in attendance', 'early release no students',
    ],
  ],
  ['break', ['break', 'recess', 'vacation', 'intersession', 'spring holiday week']],
  [
    'holiday',
    [
      'holiday', 'no school', 'observed', 'labor day', 'thanksgiving', 'veterans day', 'memorial day', 'new year', 'martin luther king',
      'mlk', 'presidents day', 'president day', 'lincoln day', 'washington birthday', 'juneteenth', 'independence day', 'christmas',
      'good friday', 'columbus day', 'indigenous peoples day', 'cesar chavez', 'rosh hashanah', 'yom kippur', 'eid', 'lunar new year',
    ],
  ],
];

/**
 * Words that say a day may be off although no row of the table reads the event as one ("Non-Attendance Day",
 * "Students Off", "No Classes"): such an event is ignored, but a publish then needs `confirmIgnored=true`.
 */
export const DAY_OFF_HINTS: readonly string[] = ['day off', 'students off', 'school off', 'no class', 'not in session', 'non attendance', 'furlough', 'cancelled', 'canceled', 'dismissed'];

/** `Make-up Days` -> `make up days`: lower case, apostrophes dropped, every other non-alphanumeric run one space. */
export function normalizeSummary(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A phrase as a pattern on normalized text: words joined by a space or nothing, each with an optional plural. */
function phrasePattern(phrase: string): string {
  return normalizeSummary(phrase)
    .split(' ')
    .map((word) => `${word}(?:e?s)?`)
    .join(' ?');
}

const ROWS: readonly (readonly [ImportedAs, RegExp])[] = SUMMARY_TABLE.map(([as, phrases]) => [as, new RegExp(`\\b(?:${phrases.map(phrasePattern).join('|')})\\b`)]);
const HINTS = new RegExp(`\\b(?:${DAY_OFF_HINTS.map(phrasePattern).join('|')})\\b`);

/** What an event's summary and categories make of it, or undefined when no row reads it. */
export function classify(text: string): ImportedAs | undefined {
  const normalized = normalizeSummary(text);
  return ROWS.find(([, pattern]) => pattern.test(normalized))?.[0];
}

/** Whether an event no row reads as a day off still looks like one (DAY_OFF_HINTS). */
export function hintsDayOff(text: string): boolean {
  return HINTS.test(normalizeSummary(text));
}
