import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import { buildSchedule, countsFrom, refreshSchedule, semestersFrom } from '../../../src/domain/par/par-schedule';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { LEGACY_PAR_POLICY, application, assisted, calendars, referral, riverside2026, riverside2027, twoYears } from './par-fixtures';

/** Riverside's semesters (par-fixtures.ts), written out. */
const FALL_2026 = { schoolYear: '2026-2027', name: 'Fall 2026', start: '2026-08-19', end: '2027-01-15' };
const SPRING_2027 = { schoolYear: '2026-2027', name: 'Spring 2027', start: '2027-01-19', end: '2027-06-04' };
const FALL_2027 = { schoolYear: '2027-2028', name: 'Fall 2027', start: '2027-08-18', end: '2028-01-14' };
const SPRING_2028 = { schoolYear: '2027-2028', name: 'Spring 2028', start: '2028-01-18', end: '2028-06-02' };
const FALL_2028 = { schoolYear: '2028-2029', name: 'Fall 2028', start: '2028-08-16', end: '2029-01-12' };
const SPRING_2029 = { schoolYear: '2028-2029', name: 'Spring 2029', start: '2029-01-16', end: '2029-06-01' };
const numbered = (...semesters: (typeof FALL_2026)[]) => semesters.map((s, i) => ({ ordinal: i + 1, ...s }));

describe('PAR-SEMESTER / PAR-OUTCOME: the participant\'s semesters on the published calendars', () => {
  it.each([
    ['from the end of May 2027: the spring under way, then 2027-2028', '2027-05-27', 3, numbered(SPRING_2027, FALL_2027, SPRING_2028)],
    ['from the last day of Spring 2027: it has not ended', '2027-06-04', 1, numbered(SPRING_2027)],
    ['from the day after it', '2027-06-05', 2, numbered(FALL_2027, SPRING_2028)],
    ['four from the start of 2026-2027, over two school years', '2026-08-01', 4, numbered(FALL_2026, SPRING_2027, FALL_2027, SPRING_2028)],
    ['six from the start of 2026-2027, over the three published years', '2026-08-01', 6, numbered(FALL_2026, SPRING_2027, FALL_2027, SPRING_2028, FALL_2028, SPRING_2029)],
    ['none', '2026-08-01', 0, []],
    ['one from the start of 2026-2027: the count can end within a school year', '2026-08-01', 1, numbered(FALL_2026)],
    ['three from the start of 2026-2027', '2026-08-01', 3, numbered(FALL_2026, SPRING_2027, FALL_2027)],
  ] as const)('PAR-SEMESTER: semesters %s', (_name, from, count, expected) => {
    expect(semestersFrom(calendars, from, count)).toEqual(expected);
  });

  it('PAR-SEMESTER: a school year not yet published is never guessed: fewer semesters', () => {
    expect(semestersFrom(twoYears, '2027-07-01', 4)).toEqual(numbered(FALL_2027, SPRING_2028));
    expect(semestersFrom(new DistrictCalendars('riverside', [riverside2027]), '2026-10-01', 2)).toEqual([]);
  });

  it('PAR-SEMESTER: a referral whose next school year is not published yet gets a schedule with no semesters, starting when it counts from', () => {
    expect(buildSchedule(twoYears, referral(DEFAULT_PAR_POLICY, '2028-05-10'), '2028-05-20')).toEqual({ assignedOn: '2028-05-20', countsFrom: '2028-07-01', startsOn: '2028-07-01', semesters: [] });
  });

  it('PAR-SEMESTER [design]: a calendar without semesters is split at the new year', () => {
    const noSemesters = new DistrictCalendars('riverside', [{ ...riverside2026, semesters: [] }]);
    expect(semestersFrom(noSemesters, '2026-07-01', 2)).toEqual([
      { ordinal: 1, schoolYear: '2026-2027', name: 'Semester 1 (assumed: the calendar defines no semesters)', start: '2026-08-19', end: '2026-12-31' },
      { ordinal: 2, schoolYear: '2026-2027', name: 'Semester 2 (assumed: the calendar defines no semesters)', start: '2027-01-01', end: '2027-06-04' },
    ]);
  });

  it.each([
    ['a Referred participant assigned in May: the next school year', 'referred', '2027-05-27', '2027-07-01'],
    ['a Referred participant assigned on July 1', 'referred', '2027-07-01', '2027-07-01'],
    ['a Referred participant assigned late, in September: the assignment', 'referred', '2027-09-09', '2027-09-09'],
    ['a Volunteer: the assignment', 'volunteer', '2027-01-20', '2027-01-20'],
  ] as const)('PAR-SPRING-WINDOW / PAR-VOL-TERM: assistance of %s counts from %s', (_name, kind, assignedOn, from) => {
    const state = kind === 'referred' ? referral() : application();
    expect(countsFrom(state, assignedOn)).toBe(from);
  });

  it('PAR-VOL-TERM: a Volunteer\'s schedule starts with the assignment and has no semesters', () => {
    expect(buildSchedule(calendars, application(), '2027-01-20')).toEqual({ assignedOn: '2027-01-20', countsFrom: '2027-01-20', startsOn: '2027-01-20', semesters: [] });
  });

  it('PAR-OUTCOME [design]: assistance starting within the first 3 weeks of Fall 2027 counts it; later it does not', () => {
    // Fall 2027 starts Wednesday 2027-08-18: its first 3 weeks run to 2027-09-08.
    expect(buildSchedule(calendars, referral(), '2027-09-08')).toEqual({
      assignedOn: '2027-09-08',
      countsFrom: '2027-09-08',
      startsOn: '2027-09-08',
      semesters: numbered(FALL_2027, SPRING_2028, FALL_2028),
    });
    expect(buildSchedule(calendars, referral(), '2027-09-09')).toEqual({
      assignedOn: '2027-09-09',
      countsFrom: '2027-09-09',
      startsOn: '2027-09-09',
      semesters: numbered(SPRING_2028, FALL_2028, SPRING_2029),
      notCounted: {
        ...FALL_2027,
        reason: 'PAR-OUTCOME: assistance started on 2027-09-09, after the first 3 week(s) of Fall 2027 (from 2027-08-18): not a full semester, not counted',
      },
    });
    // A policy of 0 weeks counts only a semester assistance starts on its first day.
    const strict = { ...referral(), policy: { ...DEFAULT_PAR_POLICY, assistance: { ...DEFAULT_PAR_POLICY.assistance!, semesterStartWeeks: 0 } } };
    expect(buildSchedule(calendars, strict, '2027-08-19').semesters.map((s) => s.name)).toEqual(['Spring 2028', 'Fall 2028', 'Spring 2029']);
  });

  it('PAR-OUTCOME: a case opened before the full-semester rules counts the semester in progress, as it did', () => {
    expect(buildSchedule(calendars, referral(LEGACY_PAR_POLICY), '2027-10-15')).toEqual({
      assignedOn: '2027-10-15',
      countsFrom: '2027-10-15',
      startsOn: '2027-10-15',
      semesters: numbered(FALL_2027, SPRING_2028, FALL_2028),
    });
  });

  it('CAL-2: only a Referred case with a schedule is re-read after a calendar change', () => {
    const volunteer = application();
    expect(refreshSchedule(volunteer, twoYears)).toBe(volunteer);
    const notAssigned = referral();
    expect(refreshSchedule(notAssigned, twoYears)).toBe(notAssigned);
    // Assisted from 2027-05-27 (counted from 2027-07-01): on two published years the third semester is not known.
    const state = assisted();
    expect(refreshSchedule(state, twoYears).schedule).toEqual({ assignedOn: '2027-05-27', countsFrom: '2027-07-01', startsOn: '2027-08-18', semesters: numbered(FALL_2027, SPRING_2028) });
  });
});
