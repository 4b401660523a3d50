import { describe, expect, it } from 'vitest';
import { deadlinePicture, reasonCode, type CalendarDay } from '../../../../activities/notices/pdf/deadline-calendar';

/** A week of a picture as the marks a reader sees: X, the ordinal of a counted day (due ones starred), a letter, or the day. */
const week = (days: readonly (CalendarDay | null)[]) =>
  days.map((d) => {
    if (!d) return '';
    const m = d.mark;
    return m.kind === 'trigger' ? 'X' : m.kind === 'counted' ? `${m.ordinal}${m.due ? '*' : ''}` : m.kind === 'skipped' ? m.code : String(d.day);
  });

describe('picture of a deadline (month calendars of its count)', () => {
  it('GRV-APPEAL-5: day X, the school days counted in order, the days skipped with their letter, the due day', () => {
    const picture = deadlinePicture({
      trigger: '2026-11-10',
      due: '2026-11-18',
      skipped: [
        { from: '2026-11-11', to: '2026-11-11', reason: 'holiday: Veterans Day' },
        { from: '2026-11-14', to: '2026-11-15', reason: 'weekend' },
      ],
    });
    expect(picture.months.map((m) => m.title)).toEqual(['November 2026']);
    const [november] = picture.months;
    // November 2026 starts on a Sunday.
    expect(november!.weeks.map(week)).toEqual([
      ['1', '2', '3', '4', '5', '6', '7'],
      ['8', '9', 'X', 'H', '1', '2', 'W'],
      ['W', '3', '4', '5*', '19', '20', '21'],
      ['22', '23', '24', '25', '26', '27', '28'],
      ['29', '30', '', '', '', '', ''],
    ]);
    expect(picture.counted).toBe(5);
    expect(picture.legend).toEqual([
      { code: 'H', reasons: ['holiday: Veterans Day'] },
      { code: 'W', reasons: ['weekend'] },
    ]);
  });

  it('draws every month a count spans, and for a count of many months the first and the last only', () => {
    const acrossBreak = deadlinePicture({ trigger: '2026-12-17', due: '2027-01-06', skipped: [{ from: '2026-12-19', to: '2027-01-03', reason: 'break: Winter break' }] });
    expect(acrossBreak.months.map((m) => m.title)).toEqual(['December 2026', 'January 2027']);
    expect(acrossBreak.monthsLeftOut).toBe(0);
    expect(acrossBreak.counted).toBe(4);

    const eighteenMonths = deadlinePicture({ trigger: '2026-09-01', due: '2028-03-01', skipped: [] });
    expect(eighteenMonths.months.map((m) => m.title)).toEqual(['September 2026', 'March 2028']);
    expect(eighteenMonths.monthsLeftOut).toBe(17);
  });

  it('a count of nothing ("by the end of the semester") is due on day X itself', () => {
    const picture = deadlinePicture({ trigger: '2027-01-15', due: '2027-01-15', skipped: [] });
    const day = picture.months[0]!.weeks.flat().find((d) => d?.date === '2027-01-15');
    expect(day?.mark).toEqual({ kind: 'counted', ordinal: 0, due: true });
  });

  it.each([
    ['weekend', 'W'],
    ['holiday: Labor Day', 'H'],
    ['break: Thanksgiving break', 'B'],
    ['closure: Snow day', 'C'],
    ['staff day without students: In-service', 'S'],
    ['paused: abeyance by mutual agreement', 'P'],
    ['summer (after the last instructional day)', 'O'],
  ])('marks a day skipped for "%s" with %s', (reason, code) => {
    expect(reasonCode(reason)).toBe(code);
  });
});
