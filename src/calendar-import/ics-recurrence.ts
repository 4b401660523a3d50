import ICAL from 'ical.js';
import { addDays, type CalendarDate } from '../domain/calendar';
import { CalendarImportError } from './import-error';
import type { IcsImportLimits } from './import-limits';
import { excerpt, lineField, type VeventLines } from './ics-lines';
import type { RecurrenceWatch } from './recurrence-watch';

export interface Occurrence {
  readonly start: CalendarDate;
  readonly end?: CalendarDate | undefined;
  readonly recurring: boolean;
}

/** Occurrences the whole file has stepped through so far, against `maxRepeats`. */
export interface RepeatBudget {
  used: number;
}

/** A day off repeats by days or longer: ical.js loops on sub-daily rules over all-day dates ("same occurrence found twice"). */
const ALL_DAY_FREQUENCIES: ReadonlySet<string> = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** What an expansion may use: up to the school year's end, within the file's caps, watched by the runner. */
export interface ExpansionScope {
  /** The last day of the school year: no occurrence after it is looked for. */
  readonly until: CalendarDate;
  /** Dates of the series that a moved occurrence (RECURRENCE-ID) replaces. */
  readonly overridden: ReadonlySet<CalendarDate>;
  readonly limits: IcsImportLimits;
  readonly budget: RepeatBudget;
  readonly watch?: RecurrenceWatch | undefined;
}

/**
 * CAL-4: the all-day occurrences of an event up to `scope.until`. DTEND is exclusive for dates, so a break's last
 * day is the day before it. A recurrence is checked rule by rule first, so a refusal names the line of the rule at
 * fault; then it is stepped through within the caps of `scope.limits`, never unbounded.
 */
export function occurrences(event: ICAL.Event, lines: VeventLines | undefined, scope: ExpansionScope): Occurrence[] {
  // A one-day event needs no end: ical.js would build it (three Time objects an event, most of a large file's work).
  const spans = event.component.hasProperty('dtend') || event.component.hasProperty('duration');
  const lengthDays = spans ? Math.max(1, Math.round(event.endDate.subtractDate(event.startDate).toSeconds() / 86_400)) : 1;
  const one = (start: CalendarDate, recurring: boolean) => ({ start, ...(lengthDays > 1 ? { end: addDays(start, lengthDays - 1) } : {}), recurring });
  if (!event.isRecurring()) return [one(dateOf(event.startDate), false)];

  const ruleLine = lines?.properties.get('RRULE')?.[0] ?? lines?.properties.get('RDATE')?.[0] ?? lines?.begin;
  scope.watch?.expanding(ruleLine);
  try {
    checkRecurrence(event, lines);
    const rule = ruleLine === undefined ? undefined : lines?.texts.get(ruleLine);
    return expand(event, ruleLine, rule, scope).map((start) => one(start, true));
  } finally {
    scope.watch?.done();
  }
}

/** The series' start dates up to `until`, less those moved elsewhere. */
function expand(event: ICAL.Event, ruleLine: number | undefined, rule: string | undefined, scope: ExpansionScope): CalendarDate[] {
  const { until, overridden, limits, budget } = scope;
  const refuse = (message: string, fatal = false) =>
    new CalendarImportError([{ field: lineField(ruleLine), message: at(ruleLine, rule ? `${excerpt(rule)}: ${message}` : message) }], fatal);
  const found: CalendarDate[] = [];
  let steps = 0;
  try {
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      steps += 1;
      budget.used += 1;
      if (steps > limits.maxRepeatsPerEvent) {
        throw refuse(`the recurrence steps through more than ${limits.maxRepeatsPerEvent} occurrences before ${until} (the most one event may): start it nearer the school year or list the days`);
      }
      if (budget.used > limits.maxRepeats) {
        throw refuse(`the file's recurrences step through more than ${limits.maxRepeats} occurrences in all (the most one import may)`, true);
      }
      const start = dateOf(next);
      if (start > until) break;
      if (!overridden.has(start)) found.push(start);
    }
  } catch (error) {
    if (error instanceof CalendarImportError) throw error;
    throw refuse(`the recurrence cannot be expanded: ${messageOf(error)}`);
  }
  return found;
}

/** Each RRULE, RDATE and EXDATE on its own, so the problem names its line. */
function checkRecurrence(event: ICAL.Event, lines: VeventLines | undefined) {
  const problems: { field: string; message: string }[] = [];
  const check = (name: string, i: number, property: ICAL.Property, test: () => string | undefined) => {
    const line = lines?.properties.get(name.toUpperCase())?.[i];
    const quoted = excerpt((line === undefined ? undefined : lines?.texts.get(line)) ?? safely(() => property.toICALString()));
    let message: string | undefined;
    try {
      message = test();
    } catch (error) {
      message = messageOf(error);
    }
    if (message) problems.push({ field: lineField(line), message: at(line, `${quoted}: ${message}`) });
  };
  event.component.getAllProperties('rrule').forEach((property, i) =>
    check('rrule', i, property, () => {
      const recur = property.getFirstValue() as ICAL.Recur;
      if (!recur.freq) return 'the rule has no FREQ';
      if (!ALL_DAY_FREQUENCIES.has(recur.freq)) return `an all-day event repeats DAILY, WEEKLY, MONTHLY or YEARLY, not ${recur.freq}`;
      if (!(recur.interval >= 1)) return 'INTERVAL must be 1 or more';
      recur.iterator(event.startDate).next();
      return undefined;
    }),
  );
  for (const name of ['rdate', 'exdate']) {
    event.component.getAllProperties(name).forEach((property, i) =>
      check(name, i, property, () => {
        for (const value of property.getValues()) if (value instanceof ICAL.Time) value.toUnixTime();
        return undefined;
      }),
    );
  }
  if (problems.length > 0) throw new CalendarImportError(problems);
}

export function dateOf(time: ICAL.Time): CalendarDate {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

export function at(line: number | undefined, message: string): string {
  return line === undefined ? message : `line ${line}: ${message}`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safely(text: () => string): string {
  try {
    return text();
  } catch {
    return '...';
  }
}
