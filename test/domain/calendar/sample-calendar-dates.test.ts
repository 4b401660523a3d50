import { describe, expect, it } from 'vitest';
import { sampleCalendar } from '../../../src/domain/calendar';

/**
 * The sample calendar of the embedded run [design]: school from the third Wednesday of August to the Thursday after
 * Memorial Day, the usual US holidays and breaks. Every date below was read off a wall calendar.
 */
describe('CAL-1: the sample calendar, date by date', () => {
  it('CAL-1: 2026-2027 in full', () => {
    expect(sampleCalendar('demo-district', '2026-2027', 'America/Chicago')).toStrictEqual({
      district: 'demo-district',
      schoolYear: '2026-2027',
      timeZone: 'America/Chicago',
      firstInstructionalDay: '2026-08-19',
      lastInstructionalDay: '2027-06-03',
      semesters: [
        { name: 'Semester 1', start: '2026-08-19', end: '2027-01-15' },
        { name: 'Semester 2', start: '2027-01-19', end: '2027-06-03' },
      ],
      events: [
        { id: 'prep', kind: 'staff-day', name: 'Teacher preparation days', start: '2026-08-17', end: '2026-08-18' },
        { id: 'labor-day', kind: 'holiday', name: 'Labor Day', start: '2026-09-07' },
        { id: 'pd-october', kind: 'staff-day', name: 'Professional development (no school for students)', start: '2026-10-09' },
        { id: 'veterans-day', kind: 'holiday', name: 'Veterans Day', start: '2026-11-11' },
        { id: 'thanksgiving', kind: 'break', name: 'Thanksgiving break', start: '2026-11-25', end: '2026-11-27' },
        { id: 'winter', kind: 'break', name: 'Winter break', start: '2026-12-22', end: '2027-01-02' },
        { id: 'mlk', kind: 'holiday', name: 'Martin Luther King Jr. Day', start: '2027-01-18' },
        { id: 'presidents', kind: 'holiday', name: "Presidents' Day", start: '2027-02-15' },
        { id: 'spring', kind: 'break', name: 'Spring break', start: '2027-03-15', end: '2027-03-19' },
        { id: 'memorial-day', kind: 'holiday', name: 'Memorial Day', start: '2027-05-31' },
        { id: 'records', kind: 'staff-day', name: 'Records day', start: '2027-06-04' },
      ],
    });
  });

  it('CAL-1: Veterans Day on a weekend (Saturday 2028-11-11, Sunday 2029-11-11) is no extra holiday; on a Tuesday (2025) it is', () => {
    const ids = (year: string) => sampleCalendar('demo-district', year, 'America/Chicago').events.map((e) => e.id);
    expect(ids('2028-2029')).toEqual(['prep', 'labor-day', 'pd-october', 'thanksgiving', 'winter', 'mlk', 'presidents', 'spring', 'memorial-day', 'records']);
    expect(ids('2029-2030')).not.toContain('veterans-day');
    expect(sampleCalendar('demo-district', '2025-2026', 'America/Chicago').events).toContainEqual({ id: 'veterans-day', kind: 'holiday', name: 'Veterans Day', start: '2025-11-11' });
  });

  it('CAL-1: Memorial Day is the last Monday of May also when May ends on a Sunday (2026: May 25)', () => {
    const calendar = sampleCalendar('demo-district', '2025-2026', 'America/Chicago');
    expect(calendar.events.find((e) => e.id === 'memorial-day')?.start).toBe('2026-05-25');
    expect(calendar).toMatchObject({ firstInstructionalDay: '2025-08-20', lastInstructionalDay: '2026-05-28' });
  });

  it('CAL-1: 2028-2029 frames the year and its semesters on the same rules', () => {
    expect(sampleCalendar('demo-district', '2028-2029', 'America/New_York')).toMatchObject({
      timeZone: 'America/New_York',
      firstInstructionalDay: '2028-08-16',
      lastInstructionalDay: '2029-05-31',
      semesters: [
        { name: 'Semester 1', start: '2028-08-16', end: '2029-01-12' },
        { name: 'Semester 2', start: '2029-01-16', end: '2029-05-31' },
      ],
    });
  });
});
