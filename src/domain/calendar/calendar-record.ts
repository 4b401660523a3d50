import type { Actor } from '../actor';
import type { CalendarAnnouncement } from './case-clock-types';
import { calendarChanges, calendarProblems, describeChanges, type CalendarChanges, type CalendarProblem } from './calendar-rules';
import type { CalendarEvent, DistrictCalendar } from './district-calendar';

/** One published version of a district calendar: who changed what, when and why (CAL-2). */
export interface CalendarAmendment {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly reason: string;
  readonly summary: string;
  readonly changes: CalendarChanges;
}

/** A district's calendar for one school year and its amendment log, as its entity workflow holds it. */
export interface DistrictCalendarRecord {
  readonly district: string;
  readonly schoolYear: string;
  readonly version: number;
  readonly calendar?: DistrictCalendar | undefined;
  readonly amendments: readonly CalendarAmendment[];
}

export type CalendarChangeResult =
  | { readonly ok: true; readonly record: DistrictCalendarRecord; readonly amendment: CalendarAmendment }
  | { readonly ok: false; readonly problems: readonly (CalendarProblem | { field: string; message: string; rule: 'CAL-2' })[] };

export function emptyCalendarRecord(district: string, schoolYear: string): DistrictCalendarRecord {
  return { district, schoolYear, version: 0, amendments: [] };
}

/** Publishes a whole calendar (first publication, or a replacement that is an amendment of the last one). */
export function publishCalendar(record: DistrictCalendarRecord, calendar: DistrictCalendar, by: Actor, reason: string, at: string): CalendarChangeResult {
  if (calendar.district !== record.district || calendar.schoolYear !== record.schoolYear) {
    return { ok: false, problems: [{ field: '/district', message: `this is the calendar of ${record.district} ${record.schoolYear}`, rule: 'CAL-1' }] };
  }
  const problems = calendarProblems(calendar);
  if (problems.length > 0) return { ok: false, problems };
  const version = record.version + 1;
  const changes = calendarChanges(record.calendar, calendar);
  const amendment: CalendarAmendment = {
    version,
    at,
    by,
    reason,
    summary: record.calendar ? describeChanges(changes) : 'first publication',
    changes,
  };
  return { ok: true, amendment, record: { ...record, version, calendar: { ...calendar, version }, amendments: [...record.amendments, amendment] } };
}

/** CAL-2: adds events (a snow-day closure, a make-up day) and removes others by id, as a new version. */
export function amendCalendar(
  record: DistrictCalendarRecord,
  request: { add: readonly CalendarEvent[]; remove: readonly string[] },
  by: Actor,
  reason: string,
  at: string,
): CalendarChangeResult {
  if (!record.calendar) {
    return { ok: false, problems: [{ field: '/', message: `no calendar of ${record.district} ${record.schoolYear} is published yet`, rule: 'CAL-2' }] };
  }
  const known = new Set(record.calendar.events.flatMap((e) => (e.id ? [e.id] : [])));
  const unknown = request.remove.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: unknown.map((id) => ({ field: `/remove/${request.remove.indexOf(id)}`, message: `no event with id "${id}"`, rule: 'CAL-2' as const })),
    };
  }
  const events = [...record.calendar.events.filter((e) => !e.id || !request.remove.includes(e.id)), ...request.add];
  return publishCalendar(record, { ...record.calendar, events }, by, reason, at);
}

/** What every open case of the district receives for a new version. */
export function announcementOf(record: DistrictCalendarRecord, amendment: CalendarAmendment): CalendarAnnouncement {
  return {
    district: record.district,
    schoolYear: record.schoolYear,
    version: amendment.version,
    calendar: record.calendar!,
    summary: amendment.summary,
    reason: amendment.reason,
    by: amendment.by,
    at: amendment.at,
  };
}

export function districtCalendarWorkflowId(district: string, schoolYear: string): string {
  return `district-calendar:${district}:${schoolYear}`;
}
