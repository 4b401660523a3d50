import { describe, expect, it } from 'vitest';
import { DistrictCalendars, addDays, calendarProblems, sampleCalendar, toDayNumber, weekday } from '../../../src/domain/calendar';

describe('sample calendar for the embedded run', () => {
  it.each(['2026-2027', '2027-2028', '2028-2029', '2031-2032', '2040-2041'])('CAL-1: %s is a valid calendar of a usual school year', (schoolYear) => {
    const calendar = sampleCalendar('demo-district', schoolYear, 'America/Chicago');
    expect(calendarProblems(calendar)).toEqual([]);
    const calendars = new DistrictCalendars('demo-district', [calendar]);
    let schoolDays = 0;
    for (let d = calendar.firstInstructionalDay; d <= calendar.lastInstructionalDay; d = addDays(d, 1)) if (calendars.isSchoolDay(d)) schoolDays += 1;
    expect(schoolDays).toBeGreaterThanOrEqual(170);
    expect(schoolDays).toBeLessThanOrEqual(190);
    const labor = calendar.events.find((e) => e.id === 'labor-day')!;
    expect(weekday(toDayNumber(labor.start))).toBe(1);
    expect(labor.start.slice(5, 7)).toBe('09');
    expect(calendars.isSchoolDay(labor.start)).toBe(false);
  });

  it('2026-2027 has the dates a person would expect', () => {
    const calendar = sampleCalendar('demo-district', '2026-2027', 'America/Chicago');
    expect(calendar).toMatchObject({ firstInstructionalDay: '2026-08-19', lastInstructionalDay: '2027-06-03' });
    const ids = Object.fromEntries(calendar.events.map((e) => [e.id, [e.start, e.end]]));
    expect(ids).toMatchObject({
      'labor-day': ['2026-09-07', undefined],
      thanksgiving: ['2026-11-25', '2026-11-27'],
      mlk: ['2027-01-18', undefined],
      presidents: ['2027-02-15', undefined],
      spring: ['2027-03-15', '2027-03-19'],
      'memorial-day': ['2027-05-31', undefined],
    });
  });
});
