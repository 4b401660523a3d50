import type { CalendarEvent, DistrictCalendar } from '../../src/domain/calendar';

/**
 * Two districts with different calendars and time zones. Lakeview has no staff year (summer weekdays are work
 * days); Harbor City's staff year ends June 15.
 */
export const lakeview2026: DistrictCalendar = {
  district: 'lakeview',
  schoolYear: '2026-2027',
  timeZone: 'America/Chicago',
  firstInstructionalDay: '2026-08-19',
  lastInstructionalDay: '2027-06-03',
  semesters: [
    { name: 'Fall 2026', start: '2026-08-19', end: '2027-01-15' },
    { name: 'Spring 2027', start: '2027-01-20', end: '2027-06-03' },
  ],
  events: [
    { id: 'labor-day', kind: 'holiday', name: 'Labor Day', start: '2026-09-07' },
    { id: 'pd-oct', kind: 'staff-day', name: 'Professional development', start: '2026-10-09' },
    { id: 'veterans', kind: 'holiday', name: 'Veterans Day', start: '2026-11-11' },
    { id: 'thanksgiving', kind: 'break', name: 'Thanksgiving break', start: '2026-11-25', end: '2026-11-27' },
    { id: 'winter', kind: 'break', name: 'Winter break', start: '2026-12-21', end: '2027-01-01' },
    { id: 'mlk', kind: 'holiday', name: 'Martin Luther King Jr. Day', start: '2027-01-18' },
    { id: 'records', kind: 'staff-day', name: 'Semester records day', start: '2027-01-19' },
    { id: 'presidents', kind: 'holiday', name: "Presidents' Day", start: '2027-02-15' },
    { id: 'spring', kind: 'break', name: 'Spring break', start: '2027-03-15', end: '2027-03-19' },
    { id: 'memorial', kind: 'holiday', name: 'Memorial Day', start: '2027-05-31' },
  ],
};

export const lakeview2027: DistrictCalendar = {
  district: 'lakeview',
  schoolYear: '2027-2028',
  timeZone: 'America/Chicago',
  firstInstructionalDay: '2027-08-18',
  lastInstructionalDay: '2028-06-01',
  semesters: [
    { name: 'Fall 2027', start: '2027-08-18', end: '2028-01-14' },
    { name: 'Spring 2028', start: '2028-01-18', end: '2028-06-01' },
  ],
  events: [{ id: 'labor-day', kind: 'holiday', name: 'Labor Day', start: '2027-09-06' }],
};

export const harbor2026: DistrictCalendar = {
  district: 'harbor',
  schoolYear: '2026-2027',
  timeZone: 'America/Los_Angeles',
  firstInstructionalDay: '2026-08-12',
  lastInstructionalDay: '2027-06-10',
  staffYear: { firstDay: '2026-08-05', lastDay: '2027-06-15' },
  semesters: [
    { name: 'Semester 1', start: '2026-08-12', end: '2026-12-18' },
    { name: 'Semester 2', start: '2027-01-11', end: '2027-06-10' },
  ],
  events: [
    { kind: 'holiday', name: 'Veterans Day', start: '2026-11-11' },
    { kind: 'break', name: 'Thanksgiving week', start: '2026-11-23', end: '2026-11-27' },
    { kind: 'break', name: 'Winter recess', start: '2026-12-21', end: '2027-01-08' },
    { kind: 'break', name: 'Spring recess', start: '2027-04-05', end: '2027-04-09' },
  ],
};

/** The calendar with events added (an amendment), as a new version. */
export function amended(calendar: DistrictCalendar, add: CalendarEvent[], removeIds: string[] = []): DistrictCalendar {
  return {
    ...calendar,
    version: (calendar.version ?? 1) + 1,
    events: [...calendar.events.filter((e) => !e.id || !removeIds.includes(e.id)), ...add],
  };
}
