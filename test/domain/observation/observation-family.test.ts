import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import type { KernelContext } from '../../../src/domain/case/case-family';
import { observationFamily } from '../../../src/domain/observation/observation-family';
import { startCycle } from '../../../src/domain/observation/observation-process';
import { calendars, riverside2026, riverside2027, riverside2028 } from '../par/par-fixtures';
import { certified, cycleStart, DISTRICT, hr, lee, run } from './observation-fixtures';

const open = () => startCycle(cycleStart());
const observed = () => run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
const kernel = (actor: KernelContext['actor'], today: string, due?: string): KernelContext => ({
  today,
  actor,
  calendars,
  shift: () => {
    throw new Error('the cycle counts no school days in its transition');
  },
  dueOfKey: (key) => (key === 'feedback:1' ? due : undefined),
  parties: 'checked',
});

describe('the observation cycle on the case kernel (observation-family.ts)', () => {
  it('OBS-TRACK: the opening entry names the track, its policy version and what it requires', () => {
    expect(observationFamily.opening(open(), {}, hr, '2027-08-20T15:00:00.000Z')).toEqual({
      action: 'opened',
      actor: hr,
      at: '2027-08-20T15:00:00.000Z',
      notes: ['OBS-TRACK: track professional (policy v1): 2 formal observation(s), 0 walkthrough(s)'],
      stage: { status: 'in-progress', level: 0 },
    });
  });

  it('OBS-FEEDBACK-7: the kernel\'s transition takes the missed date from the clock', () => {
    const result = observationFamily.transition(observed(), { type: 'deadline-passed', deadline: 'feedback' }, kernel(hr, '2027-09-23', '2027-09-22'));
    expect(result.ok && result.state.violations[0]!.missedOn).toBe('2027-09-22');
  });

  it('OBS-FEEDBACK-7: passed deadlines are system events; the log keeps a step\'s fields, a passed deadline its name', () => {
    expect(observationFamily.deadlinePassed('feedback')).toEqual({ type: 'deadline-passed', deadline: 'feedback' });
    expect(observationFamily.passedDeadlineOf({ type: 'deadline-passed', deadline: 'year-end' })).toBe('year-end');
    expect(observationFamily.passedDeadlineOf({ type: 'end-cycle', reason: 'r' })).toBeUndefined();
    expect(observationFamily.systemEvents).toEqual(['deadline-passed']);
    expect(observationFamily.logEntry({ type: 'deadline-passed', deadline: 'feedback' })).toEqual({ action: 'feedback-deadline-passed' });
    expect(observationFamily.logEntry({ type: 'end-cycle', reason: 'moved' })).toEqual({ action: 'end-cycle', details: { type: 'end-cycle', reason: 'moved' } });
  });

  it('OBS-FEEDBACK-7: the feedback week the clock runs is the next one due; the year end and the grievance window are never missed', () => {
    expect(observationFamily.clockKeyOf(open(), 'feedback')).toBeUndefined();
    expect(observationFamily.clockKeyOf(observed(), 'feedback')).toBe('feedback:1');
    expect(observationFamily.clockKeyOf(observed(), 'year-end')).toBeUndefined();
    expect(observationFamily.clockKeyOf(observed(), 'grievance-window')).toBeUndefined();
    expect(observationFamily.deadlineOfKey('feedback:3')).toBe('feedback');
    expect(observationFamily.deadlineOfKey('year-end')).toBe('year-end');
    expect(observationFamily.pendingDeadlines(observed()).map((d) => d.key)).toEqual(['feedback:1']);
    expect(observationFamily.restartsSettled).toBe(false);
  });

  it('OBS-FEEDBACK-7: feedback meets the week of its own observation; a passed deadline meets its own key', () => {
    const c = observed();
    expect(observationFamily.meets({ type: 'give-written-feedback', observation: 1, text: 'x' }, 'feedback:1', c)).toBe(true);
    expect(observationFamily.meets({ type: 'give-written-feedback', observation: 2, text: 'x' }, 'feedback:1', c)).toBe(false);
    expect(observationFamily.meets({ type: 'submit-self-score', observation: 1, scores: [] }, 'feedback:1', c)).toBe(false);
    expect(observationFamily.meets({ type: 'deadline-passed', deadline: 'year-end' }, 'year-end', c)).toBe(true);
    expect(observationFamily.meets({ type: 'deadline-passed', deadline: 'grievance-window' }, 'year-end', c)).toBe(false);
  });

  it('OBS-TRACK: the cycle\'s own year and the years around today are loaded, once each', () => {
    expect(observationFamily.calendarYears(open(), '2027-08-20')).toEqual(['2027-2028', '2026-2027', '2028-2029']);
    expect(observationFamily.calendarYears(open(), '2029-09-01')).toEqual(['2027-2028', '2028-2029', '2029-2030', '2030-2031']);
  });

  it('OBS-TRACK: the cycle ends with the last instructional day of its year, as the calendar has it, until it closes', () => {
    const cycle = open();
    const withEnd = observationFamily.onCalendar!(cycle, calendars);
    expect(withEnd.endsOn).toBe('2028-06-02');
    expect(observationFamily.onCalendar!(withEnd, calendars)).toBe(withEnd);
    expect(observationFamily.onCalendar!(cycle, new DistrictCalendars(DISTRICT, []))).toBe(cycle);
    const closed = run(cycle, [['2027-09-01', { type: 'end-cycle', reason: 'r' }, hr]]);
    expect(observationFamily.onCalendar!(closed, calendars)).toBe(closed);
    const amended = new DistrictCalendars(DISTRICT, [riverside2026, riverside2027, riverside2028].map((c) => (c.schoolYear === '2027-2028' ? { ...c, lastInstructionalDay: '2028-06-06', semesters: c.semesters.map((s, i) => (i === 1 ? { ...s, end: '2028-06-06' } : s)), version: 2 } : c)));
    expect(observationFamily.onCalendar!(withEnd, amended).endsOn).toBe('2028-06-06');
  });

  it('OBS-TRACK: the listing status is the cycle\'s; closed only once no violation can still be grieved', () => {
    expect(observationFamily.status(observed())).toEqual({ status: 'in-progress' });
    expect(observationFamily.stage(observed())).toEqual({ status: 'in-progress', level: 0 });
    expect(observationFamily.isClosed(observed())).toBe(false);
    const ended = run(open(), [['2027-09-01', { type: 'end-cycle', reason: 'r' }, hr]]);
    expect(observationFamily.isClosed(ended)).toBe(false);
    expect(observationFamily.isClosed({ ...ended, violations: [] })).toBe(true);
  });

  it('OBS-FEEDBACK-7: of the roles alone, only the auditor reads the whole record (the codec endpoint\'s readers, README)', () => {
    expect(observationFamily.recordRoles).toEqual(['auditor']);
  });

  it('OBS-FEEDBACK-7 / OBS-TRACK: feedback reminded to the evaluator 2 school days before and on the day; the year end 20 before', () => {
    expect(observationFamily.reminderPolicy({})).toEqual({
      rules: [
        { deadline: 'feedback', schoolDaysBefore: [2, 0], to: ['district-side'] },
        { deadline: 'year-end', schoolDaysBefore: [20], to: ['district-side'] },
      ],
      overdueTo: ['grievant-side', 'district-side'],
      sendAt: { hour: 7, minute: 0 },
    });
  });
});
