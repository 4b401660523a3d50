import { CalendarNotLoadedError, addDays, schoolYearOf, type CalendarDate, type DistrictCalendar, type DistrictCalendars, type Semester } from '../calendar';
import type { AssistanceSchedule, ParCase, ParticipantSemester } from './par-case';

/** PAR-OUTCOME: two full semesters, extended to three at most. */
export const MAX_SEMESTERS = 3;

/**
 * A school year's semesters. [design] A calendar that defines none is split at the new year (Semester 1 to
 * December 31, Semester 2 from January 1) rather than leaving a case without semester reviews.
 */
function semestersOf(calendar: DistrictCalendar): readonly Semester[] {
  if (calendar.semesters.length > 0) return calendar.semesters;
  const endYear = calendar.schoolYear.slice(5, 9);
  return [
    { name: 'Semester 1 (assumed: the calendar defines no semesters)', start: calendar.firstInstructionalDay, end: `${calendar.schoolYear.slice(0, 4)}-12-31` },
    { name: 'Semester 2 (assumed: the calendar defines no semesters)', start: `${endYear}-01-01`, end: calendar.lastInstructionalDay },
  ];
}

/**
 * The first `count` semesters that have not ended by `from` (the one in progress counts), walking the published
 * calendars year by year; fewer when a later year's calendar is not published yet (never guessed).
 */
export function semestersFrom(calendars: DistrictCalendars, from: CalendarDate, count: number): ParticipantSemester[] {
  const found: ParticipantSemester[] = [];
  let startYear = Number(schoolYearOf(from).slice(0, 4));
  for (let years = 0; found.length < count && years < count + 1; years += 1, startYear += 1) {
    let calendar: DistrictCalendar;
    try {
      calendar = calendars.forDate(`${startYear + 1}-01-01`).source;
    } catch (error) {
      if (error instanceof CalendarNotLoadedError) break;
      throw error;
    }
    for (const semester of semestersOf(calendar)) {
      if (semester.end < from || found.length >= count) continue;
      found.push({ ordinal: found.length + 1, schoolYear: calendar.schoolYear, name: semester.name, start: semester.start, end: semester.end });
    }
  }
  return found;
}

/**
 * Where a participant's semesters are counted from. A Referred participant is referred in the spring "so that a
 * consulting teacher can be arranged for the next school year" (PAR-SPRING-WINDOW): the count starts with the
 * next school year, or with the assignment if that comes later (a late assignment does not lengthen PAR).
 * A Volunteer's assistance starts with the assignment (PAR-VOL-TERM counts months from it).
 */
export function countsFrom(state: Pick<ParCase, 'participation' | 'startedOn'>, assignedOn: CalendarDate): CalendarDate {
  if (state.participation.kind === 'volunteer') return assignedOn;
  const nextSchoolYear = `${schoolYearOf(state.startedOn).slice(5, 9)}-07-01`;
  return assignedOn > nextSchoolYear ? assignedOn : nextSchoolYear;
}

/** The schedule of assistance on the calendars as published now (PAR-SEMESTER, PAR-FINAL-CONF, PAR-MAX-18). */
export function buildSchedule(
  calendars: DistrictCalendars,
  state: Pick<ParCase, 'participation' | 'startedOn' | 'policy'>,
  assignedOn: CalendarDate,
): AssistanceSchedule {
  return scheduleFrom(calendars, state, assignedOn, countsFrom(state, assignedOn));
}

/**
 * The participant's semesters from `from`. Under the full-semester rules (policy.assistance) a semester already
 * under way counts only if assistance starts within its first weeks (PAR-OUTCOME [design]); a case opened before
 * them counts the semester in progress, as it always did.
 */
function scheduleFrom(calendars: DistrictCalendars, state: Pick<ParCase, 'participation' | 'policy'>, assignedOn: CalendarDate, from: CalendarDate): AssistanceSchedule {
  if (state.participation.kind !== 'referred') return { assignedOn, countsFrom: from, startsOn: from, semesters: [] };
  const rules = state.policy.assistance;
  const found = semestersFrom(calendars, from, MAX_SEMESTERS + 1);
  const underWay = found[0] && found[0].start < from ? found[0] : undefined;
  const lastStart = underWay && rules ? addDays(underWay.start, 7 * rules.semesterStartWeeks) : undefined;
  const skipped = underWay && lastStart !== undefined && from > lastStart ? underWay : undefined;
  const semesters = (skipped ? found.slice(1) : found).slice(0, MAX_SEMESTERS).map((s, i) => ({ ...s, ordinal: i + 1 }));
  const first = skipped ?? semesters[0];
  const notCounted = skipped
    ? {
        schoolYear: skipped.schoolYear,
        name: skipped.name,
        start: skipped.start,
        end: skipped.end,
        reason: `PAR-OUTCOME: assistance started on ${from}, after the first ${rules!.semesterStartWeeks} week(s) of ${skipped.name} (from ${skipped.start}): not a full semester, not counted`,
      }
    : undefined;
  return { assignedOn, countsFrom: from, startsOn: first && first.start > from ? first.start : from, semesters, ...(notCounted ? { notCounted } : {}) };
}

/**
 * CAL-2: re-reads the participant's semesters after a calendar is published or amended (a semester end moved, the
 * next year's calendar now known). Where assistance is counted from never changes, so neither does PAR-REASSIGN's
 * "timelines stay as they were"; the workflow calls this on every calendar announcement, then re-syncs deadlines.
 */
export function refreshSchedule(state: ParCase, calendars: DistrictCalendars): ParCase {
  if (!state.schedule || state.participation.kind !== 'referred') return state;
  return { ...state, schedule: scheduleFrom(calendars, state, state.schedule.assignedOn, state.schedule.countsFrom) };
}
