import ICAL from 'ical.js';
import type { CalendarDate } from '../domain/calendar';
import { CalendarImportError } from './import-error';
import { lineField, locateFault, type IcsLineIndex } from './ics-lines';
import { at, dateOf, messageOf } from './ics-recurrence';

/** CAL-4: the whole file as ical.js reads it; when it cannot, the line at fault (422, never an uncaught error). */
export function parseCalendar(text: string, index: IcsLineIndex): ICAL.Component {
  if (!/^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text)) {
    throw new CalendarImportError([{ field: '/', message: 'not an iCalendar file: it does not start with BEGIN:VCALENDAR' }]);
  }
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    const fault = locateFault(text, index);
    throw new CalendarImportError([
      fault ? { field: lineField(fault.line), message: at(fault.line, fault.message) } : { field: '/', message: `not an iCalendar file: ${messageOf(error)}` },
    ]);
  }
  if (root.name !== 'vcalendar') {
    throw new CalendarImportError([{ field: '/', message: 'not an iCalendar file: it must hold one VCALENDAR' }]);
  }
  return root;
}

/**
 * UID -> the dates its moved occurrences (RECURRENCE-ID) replace, in one pass over the file. ical.js would relate
 * them by scanning every VEVENT of the file for each event (quadratic: 22,000 events took minutes).
 */
export function overriddenOccurrences(components: readonly ICAL.Component[]): Map<string, Set<CalendarDate>> {
  const overrides = new Map<string, Set<CalendarDate>>();
  for (const component of components) {
    const replaced = component.getFirstPropertyValue('recurrence-id');
    const uid = component.getFirstPropertyValue('uid');
    if (!(replaced instanceof ICAL.Time) || uid === null) continue;
    const dates = overrides.get(String(uid)) ?? new Set<CalendarDate>();
    dates.add(dateOf(replaced));
    overrides.set(String(uid), dates);
  }
  return overrides;
}
