import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import {
  amendCalendar,
  announcementOf,
  calendarChanges,
  describeChanges,
  districtCalendarWorkflowId,
  emptyCalendarRecord,
  publishCalendar,
  schoolYearOf,
  schoolYearsAround,
  type CalendarChangeResult,
  type CalendarEvent,
  type DistrictCalendar,
  type DistrictCalendarRecord,
} from '../../../src/domain/calendar';
import { lakeview2026 } from '../../helpers/calendars';

const hr: Actor = { id: 'hr-clerk', roles: ['hr'], district: 'lakeview' };
const at = '2026-08-01T15:00:00.000Z';
const later = '2026-11-30T11:30:00.000Z';
const snowDay: CalendarEvent = { id: 'snow-1', kind: 'closure', name: 'Snow day', start: '2026-12-01' };
const veterans: CalendarEvent = { id: 'veterans', kind: 'holiday', name: 'Veterans Day', start: '2026-11-11' };

function ok(result: CalendarChangeResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}

/** The Lakeview record after its first publication (version 1). */
const published = (): DistrictCalendarRecord => ok(publishCalendar(emptyCalendarRecord('lakeview', '2026-2027'), lakeview2026, hr, 'board calendar', at)).record;

describe('CAL-2: a district calendar and its amendment log', () => {
  it('CAL-2: a district-year starts with no calendar and an empty log', () => {
    expect(emptyCalendarRecord('lakeview', '2026-2027')).toStrictEqual({ district: 'lakeview', schoolYear: '2026-2027', version: 0, amendments: [] });
    expect(districtCalendarWorkflowId('lakeview', '2026-2027')).toBe('district-calendar:lakeview:2026-2027');
  });

  it('CAL-2: the first publication is version 1, logged with who, when, why and every event it adds', () => {
    const result = ok(publishCalendar(emptyCalendarRecord('lakeview', '2026-2027'), lakeview2026, hr, 'board calendar', at));
    const amendment = {
      version: 1,
      at,
      by: hr,
      reason: 'board calendar',
      summary: 'first publication',
      changes: { added: lakeview2026.events, removed: [], frame: [] },
    };
    expect(result.amendment).toEqual(amendment);
    expect(result.record).toEqual({
      district: 'lakeview',
      schoolYear: '2026-2027',
      version: 1,
      calendar: { ...lakeview2026, version: 1 },
      amendments: [amendment],
    });
  });

  it.each([
    ['another district', { ...lakeview2026, district: 'harbor' }],
    ['another school year', { ...lakeview2026, schoolYear: '2027-2028' }],
  ])('CAL-1: the calendar of %s is refused, and nothing is published', (_name, calendar) => {
    const record = emptyCalendarRecord('lakeview', '2026-2027');
    expect(publishCalendar(record, calendar, hr, 'wrong file', at)).toEqual({
      ok: false,
      problems: [{ field: '/district', message: 'this is the calendar of lakeview 2026-2027', rule: 'CAL-1' }],
    });
  });

  it('CAL-1: an invalid calendar is refused with its problems', () => {
    const calendar: DistrictCalendar = { ...lakeview2026, timeZone: 'Lakeview/Town' };
    expect(publishCalendar(published(), calendar, hr, 'typo', later)).toEqual({
      ok: false,
      problems: [{ field: '/timeZone', message: '"Lakeview/Town" is not an IANA time zone', rule: 'CAL-1' }],
    });
  });

  it('CAL-2: a replacement is the next version, summarised by what it changed', () => {
    const replacement: DistrictCalendar = { ...lakeview2026, lastInstructionalDay: '2027-06-04', events: [...lakeview2026.events, snowDay] };
    const result = ok(publishCalendar(published(), replacement, hr, 'board revision', later));
    expect(result.amendment).toEqual({
      version: 2,
      at: later,
      by: hr,
      reason: 'board revision',
      summary: 'added closure Snow day (2026-12-01); lastInstructionalDay: 2027-06-03 -> 2027-06-04',
      changes: { added: [snowDay], removed: [], frame: ['lastInstructionalDay: 2027-06-03 -> 2027-06-04'] },
    });
    expect(result.record.version).toBe(2);
    expect(result.record.calendar).toEqual({ ...replacement, version: 2 });
    expect(result.record.amendments.map((a) => [a.version, a.summary])).toEqual([
      [1, 'first publication'],
      [2, 'added closure Snow day (2026-12-01); lastInstructionalDay: 2027-06-03 -> 2027-06-04'],
    ]);
  });

  it('CAL-2: an amendment adds a snow day and removes a moved holiday by id, as the next version', () => {
    const moved: CalendarEvent = { id: 'veterans-observed', kind: 'holiday', name: 'Veterans Day (observed)', start: '2026-11-13' };
    const result = ok(amendCalendar(published(), { add: [snowDay, moved], remove: ['veterans'] }, hr, 'snow closure announced 05:30', later));
    expect(result.amendment).toEqual({
      version: 2,
      at: later,
      by: hr,
      reason: 'snow closure announced 05:30',
      summary: 'added closure Snow day (2026-12-01); added holiday Veterans Day (observed) (2026-11-13); removed holiday Veterans Day (2026-11-11)',
      changes: { added: [snowDay, moved], removed: [veterans], frame: [] },
    });
    expect(result.record.calendar?.version).toBe(2);
    expect(result.record.calendar?.events.map((e) => e.id)).toEqual([
      'labor-day',
      'pd-oct',
      'thanksgiving',
      'winter',
      'mlk',
      'records',
      'presidents',
      'spring',
      'memorial',
      'snow-1',
      'veterans-observed',
    ]);
    expect(result.record.amendments).toHaveLength(2);
  });

  it('CAL-2: events without an id stay when an amendment removes others', () => {
    const withUnnamed: DistrictCalendar = { ...lakeview2026, events: [{ kind: 'closure', name: 'Water main break', start: '2026-10-20' }, veterans] };
    const record = ok(publishCalendar(emptyCalendarRecord('lakeview', '2026-2027'), withUnnamed, hr, 'first', at)).record;
    const result = ok(amendCalendar(record, { add: [], remove: ['veterans'] }, hr, 'holiday dropped', later));
    expect(result.record.calendar?.events).toEqual([{ kind: 'closure', name: 'Water main break', start: '2026-10-20' }]);
    expect(result.amendment.summary).toBe('removed holiday Veterans Day (2026-11-11)');
  });

  it('CAL-2: nothing can be amended before a calendar is published', () => {
    expect(amendCalendar(emptyCalendarRecord('lakeview', '2026-2027'), { add: [snowDay], remove: [] }, hr, 'snow', later)).toEqual({
      ok: false,
      problems: [{ field: '/', message: 'no calendar of lakeview 2026-2027 is published yet', rule: 'CAL-2' }],
    });
  });

  it('CAL-2: removing an event the calendar does not have names each unknown id, and changes nothing', () => {
    expect(amendCalendar(published(), { add: [snowDay], remove: ['veterans', 'halloween', 'snow-1'] }, hr, 'typo', later)).toEqual({
      ok: false,
      problems: [
        { field: '/remove/1', message: 'no event with id "halloween"', rule: 'CAL-2' },
        { field: '/remove/2', message: 'no event with id "snow-1"', rule: 'CAL-2' },
      ],
    });
  });

  it('CAL-1: an amendment that would make the calendar invalid is refused with the problem', () => {
    const duplicate: CalendarEvent = { id: 'veterans', kind: 'closure', name: 'Second Veterans', start: '2026-12-02' };
    expect(amendCalendar(published(), { add: [duplicate], remove: [] }, hr, 'duplicate', later)).toEqual({
      ok: false,
      problems: [{ field: '/events/10/id', message: 'duplicate event id "veterans"', rule: 'CAL-1' }],
    });
  });

  it('CAL-2: every open case receives the new version with its summary, reason, author and time', () => {
    const result = ok(amendCalendar(published(), { add: [snowDay], remove: [] }, hr, 'snow closure announced 05:30', later));
    expect(announcementOf(result.record, result.amendment)).toEqual({
      district: 'lakeview',
      schoolYear: '2026-2027',
      version: 2,
      calendar: { ...lakeview2026, events: [...lakeview2026.events, snowDay], version: 2 },
      summary: 'added closure Snow day (2026-12-01)',
      reason: 'snow closure announced 05:30',
      by: hr,
      at: later,
    });
  });
});

describe('CAL-2: what an amendment changed, in words a person reads', () => {
  it('CAL-2: against no calendar, every event is added and the frame is not compared', () => {
    expect(calendarChanges(undefined, lakeview2026)).toEqual({ added: lakeview2026.events, removed: [], frame: [] });
  });

  it('CAL-2: the same calendar changes nothing, and a one-day event written with its end is the same event', () => {
    const sameWithEnds: DistrictCalendar = { ...lakeview2026, events: lakeview2026.events.map((e) => ({ ...e, end: e.end ?? e.start })) };
    const changes = calendarChanges(lakeview2026, sameWithEnds);
    expect(changes).toEqual({ added: [], removed: [], frame: [] });
    expect(describeChanges(changes)).toBe('no change');
  });

  it('CAL-2: an event renamed, moved or of another kind is removed and added again', () => {
    const renamed: DistrictCalendar = {
      ...lakeview2026,
      events: lakeview2026.events.map((e) =>
        e.id === 'veterans' ? { ...e, name: 'Veterans Day (observed)' } : e.id === 'winter' ? { ...e, end: '2027-01-04' } : e.id === 'pd-oct' ? { ...e, kind: 'holiday' as const } : e,
      ),
    };
    const changes = calendarChanges(lakeview2026, renamed);
    expect(changes.added.map((e) => e.id)).toEqual(['pd-oct', 'veterans', 'winter']);
    expect(changes.removed.map((e) => e.id)).toEqual(['pd-oct', 'veterans', 'winter']);
    expect(describeChanges(changes)).toBe(
      'added holiday Professional development (2026-10-09); added holiday Veterans Day (observed) (2026-11-11); added break Winter break (2026-12-21 to 2027-01-04); ' +
        'removed staff-day Professional development (2026-10-09); removed holiday Veterans Day (2026-11-11); removed break Winter break (2026-12-21 to 2027-01-01)',
    );
  });

  it('CAL-2: a one-day event written with its end reads as one day; a longer one as a span', () => {
    const snowDays: CalendarEvent[] = [
      { id: 'snow-1', kind: 'closure', name: 'Snow day', start: '2026-12-01', end: '2026-12-01' },
      { id: 'snow-2', kind: 'closure', name: 'Ice storm', start: '2026-12-07', end: '2026-12-08' },
    ];
    expect(describeChanges(calendarChanges(lakeview2026, { ...lakeview2026, events: [...lakeview2026.events, ...snowDays] }))).toBe(
      'added closure Snow day (2026-12-01); added closure Ice storm (2026-12-07 to 2026-12-08)',
    );
  });

  it('CAL-2: an event that keeps its content but changes its id is a change too', () => {
    const reIded: DistrictCalendar = { ...lakeview2026, events: lakeview2026.events.map((e) => (e.id === 'mlk' ? { ...e, id: 'mlk-day' } : e)) };
    expect(calendarChanges(lakeview2026, reIded)).toMatchObject({ added: [{ id: 'mlk-day' }], removed: [{ id: 'mlk' }] });
  });

  it.each([
    ['timeZone', { timeZone: 'America/Denver' }, ['timeZone: America/Chicago -> America/Denver']],
    ['firstInstructionalDay', { firstInstructionalDay: '2026-08-20' }, ['firstInstructionalDay: 2026-08-19 -> 2026-08-20']],
    ['lastInstructionalDay', { lastInstructionalDay: '2027-06-02' }, ['lastInstructionalDay: 2027-06-03 -> 2027-06-02']],
    ['staffYear set', { staffYear: { firstDay: '2026-08-12', lastDay: '2027-06-10' } }, ['staffYear changed']],
    ['semesters', { semesters: [{ name: 'Whole year', start: '2026-08-19', end: '2027-06-03' }] }, ['semesters changed']],
    [
      'three at once',
      { timeZone: 'America/Denver', lastInstructionalDay: '2027-06-02', semesters: [{ name: 'Whole year', start: '2026-08-19', end: '2027-06-02' }] },
      ['timeZone: America/Chicago -> America/Denver', 'lastInstructionalDay: 2027-06-03 -> 2027-06-02', 'semesters changed'],
    ],
  ] as const)('CAL-2: a change of the frame (%s) is recorded', (_name, changes, frame) => {
    const result = calendarChanges(lakeview2026, { ...lakeview2026, ...changes });
    expect(result).toEqual({ added: [], removed: [], frame });
    expect(describeChanges(result)).toBe(frame.join('; '));
  });

  it('CAL-2: a staff year removed or changed is recorded; the same staff year is not', () => {
    const staffed: DistrictCalendar = { ...lakeview2026, staffYear: { firstDay: '2026-08-12', lastDay: '2027-06-10' } };
    expect(calendarChanges(staffed, lakeview2026).frame).toEqual(['staffYear changed']);
    expect(calendarChanges(staffed, { ...staffed, staffYear: { firstDay: '2026-08-12', lastDay: '2027-06-11' } }).frame).toEqual(['staffYear changed']);
    expect(calendarChanges(staffed, { ...staffed, staffYear: { firstDay: '2026-08-12', lastDay: '2027-06-10' } }).frame).toEqual([]);
  });
});

describe('CAL-1: the school year of a date (July 1 to June 30)', () => {
  it.each([
    ['2026-07-01', '2026-2027', ['2025-2026', '2026-2027', '2027-2028']],
    ['2026-12-31', '2026-2027', ['2025-2026', '2026-2027', '2027-2028']],
    ['2027-01-01', '2026-2027', ['2025-2026', '2026-2027', '2027-2028']],
    ['2027-06-30', '2026-2027', ['2025-2026', '2026-2027', '2027-2028']],
    ['2026-06-30', '2025-2026', ['2024-2025', '2025-2026', '2026-2027']],
  ] as const)('CAL-1: %s is in %s; a case opened then counts in %j', (date, year, around) => {
    expect(schoolYearOf(date)).toBe(year);
    expect(schoolYearsAround(date)).toEqual(around);
  });
});
