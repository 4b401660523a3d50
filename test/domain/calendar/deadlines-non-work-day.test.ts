import { describe, expect, it } from 'vitest';
import { DistrictCalendars, computeDeadline } from '../../../src/domain/calendar';
import { lakeview2026 } from '../../helpers/calendars';

/**
 * CAL-1 / PAR-MONTHLY [design]: a due date counted in calendar units (a month) that falls on a day the district does
 * not work moves to the last work day before it, and the explanation says from where and why. It never moves back
 * past the first day after the trigger. Dates on the Lakeview calendar, counted by hand.
 */
const lakeview = new DistrictCalendars('lakeview', [lakeview2026]);
const monthly = (trigger: string) => ({ rule: 'PAR-MONTHLY', trigger, unit: 'month', count: 1, onNonWorkDay: 'previous-work-day' }) as const;

describe('CAL-1: a monthly due date on a day not worked', () => {
  it('PAR-MONTHLY: a month after 2026-10-11 is Veterans Day (a holiday): due Tuesday 2026-11-10 instead', () => {
    expect(computeDeadline(lakeview, monthly('2026-10-11'))).toStrictEqual({
      rule: 'PAR-MONTHLY',
      trigger: '2026-10-11',
      unit: 'month',
      count: 1,
      state: 'running',
      due: '2026-11-10',
      dueAt: '2026-11-11T05:59:59.000Z',
      timeZone: 'America/Chicago',
      skipped: [],
      onNonWorkDay: 'previous-work-day',
      movedFrom: { due: '2026-11-11', reason: 'holiday: Veterans Day' },
    });
  });

  it('PAR-MONTHLY: a month after 2026-09-10 is Saturday 2026-10-10: due Friday 2026-10-09, a staff day, which is worked', () => {
    expect(computeDeadline(lakeview, monthly('2026-09-10'))).toMatchObject({ due: '2026-10-09', movedFrom: { due: '2026-10-10', reason: 'weekend' } });
  });

  it('PAR-MONTHLY: a due date on a work day stays, with nothing moved', () => {
    const deadline = computeDeadline(lakeview, monthly('2026-09-09'));
    expect(deadline).toMatchObject({ state: 'running', due: '2026-10-09', onNonWorkDay: 'previous-work-day' });
    expect(deadline).not.toHaveProperty('movedFrom');
  });

  it('CAL-1: without the option a due date on a holiday stays where it was counted', () => {
    const deadline = computeDeadline(lakeview, { rule: 'PAR-MAX-18', trigger: '2026-10-11', unit: 'month', count: 1 });
    expect(deadline).toMatchObject({ due: '2026-11-11' });
    expect(deadline).not.toHaveProperty('movedFrom');
    expect(deadline).not.toHaveProperty('onNonWorkDay');
  });

  it('CAL-1: the due date moves back no further than the first day after the trigger, worked or not', () => {
    // Winter break 2026-12-21 .. 2027-01-01: 3 days after Monday 2026-12-21 is Thursday 2026-12-24, inside it.
    expect(computeDeadline(lakeview, { rule: 'CAL-1', trigger: '2026-12-21', unit: 'calendar-day', count: 3, onNonWorkDay: 'previous-work-day' })).toMatchObject({
      due: '2026-12-22',
      movedFrom: { due: '2026-12-24', reason: 'break: Winter break' },
    });
  });

  it('CAL-1: a clock paused before the month ends keeps the option for when it resumes', () => {
    expect(computeDeadline(lakeview, monthly('2026-10-11'), [{ from: '2026-10-20', reason: 'leave' }])).toStrictEqual({
      rule: 'PAR-MONTHLY',
      trigger: '2026-10-11',
      unit: 'month',
      count: 1,
      onNonWorkDay: 'previous-work-day',
      state: 'paused',
      pausedSince: '2026-10-20',
      // 31 days from 2026-10-11 to 2026-11-11; 8 of them (10-12 .. 10-19) counted before the leave.
      remaining: 23,
      skipped: [],
    });
  });
});
