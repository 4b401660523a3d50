import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { referralRefusal, referralWindow, refusalOutsideWindow, volunteerApplicationRefusal, volunteerWindows } from '../../../src/domain/par/program-windows';
import { calendars, riverside2026 } from './par-fixtures';

const mayNotice = { ...DEFAULT_PAR_POLICY, referralWindow: { kind: 'notice-after-may-1' as const, workDays: 3 } };

describe('PAR-SPRING-WINDOW / PAR-VOL-WINDOW: program windows on the district calendar', () => {
  it.each([
    // Counting back from Friday June 4 2027: Memorial Day (May 31) is skipped, so the 20th-last school day is May 7.
    ['the last 20 school days', DEFAULT_PAR_POLICY.referralWindow, '2027-05-07', '2027-06-04', 'the last 20 school days of the 2026-2027 school year'],
    ['the last 5 school days', { kind: 'last-school-days', schoolDays: 5 }, '2027-05-28', '2027-06-04', 'the last 5 school days of the 2026-2027 school year'],
    // May 1 2027 is a Saturday: the 3 work days after it are May 3, 4 and 5.
    ['the notice within 3 work days after May 1', mayNotice.referralWindow, '2027-05-01', '2027-05-05', 'the notice of referral, mailed within 3 work days after May 1'],
  ] as const)('PAR-SPRING-WINDOW: %s of 2026-2027 run %s to %s', (_name, policy, opens, closes, label) => {
    expect(referralWindow(calendars, '2026-2027', policy)).toEqual({ rule: 'PAR-SPRING-WINDOW', label, opens, closes });
  });

  it.each([
    ['2027-05-06', DEFAULT_PAR_POLICY, false],
    ['2027-05-07', DEFAULT_PAR_POLICY, true],
    ['2027-06-04', DEFAULT_PAR_POLICY, true],
    ['2027-06-07', DEFAULT_PAR_POLICY, false],
    ['2027-05-05', mayNotice, true],
    ['2027-05-06', mayNotice, false],
  ] as const)('PAR-SPRING-WINDOW: a referral on %s is inside: %s', (date, policy, inside) => {
    expect(referralRefusal(calendars, date, policy) === undefined).toBe(inside);
  });

  it('PAR-SPRING-WINDOW: a referral outside the window is refused with the window\'s dates', () => {
    expect(referralRefusal(calendars, '2027-03-10', DEFAULT_PAR_POLICY)).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-SPRING-WINDOW',
      message: '2027-03-10 is outside the window: referrals are made in the last 20 school days of the 2026-2027 school year, from 2027-05-07 to 2027-06-04',
    });
  });

  it('PAR-VOL-WINDOW: the first two weeks of January start after the winter break; May on its first school day', () => {
    // The winter break runs to Friday January 1: the January window opens Monday January 4.
    expect(volunteerWindows(calendars, '2026-2027', ['january', 'may'])).toEqual([
      { rule: 'PAR-VOL-WINDOW', label: 'the first two weeks of January 2027', opens: '2027-01-04', closes: '2027-01-17' },
      { rule: 'PAR-VOL-WINDOW', label: 'the first two weeks of May 2027', opens: '2027-05-03', closes: '2027-05-16' },
    ]);
  });

  it.each([
    ['2027-01-06', ['january', 'may'], undefined],
    ['2027-05-14', ['january', 'may'], undefined],
    ['2027-01-06', ['may'], '2027-01-06 is outside the window: volunteers apply in the first two weeks of May 2027, from 2027-05-03 to 2027-05-16'],
    [
      '2027-02-01',
      ['january', 'may'],
      '2027-02-01 is outside the window: volunteers apply in the first two weeks of January 2027, from 2027-01-04 to 2027-01-17; or the first two weeks of May 2027, from 2027-05-03 to 2027-05-16',
    ],
  ] as const)('PAR-VOL-WINDOW: an application on %s under windows %j', (date, months, message) => {
    const refusal = volunteerApplicationRefusal(calendars, date, { ...DEFAULT_PAR_POLICY, volunteerWindows: months });
    expect(refusal?.message).toBe(message);
    if (refusal) expect(refusal).toMatchObject({ kind: 'rule', rule: 'PAR-VOL-WINDOW' });
  });

  it('refusalOutsideWindow takes one window or several and needs at least one', () => {
    const window = { rule: 'PAR-VOL-WINDOW' as const, label: 'a test window', opens: '2027-01-04', closes: '2027-01-17' };
    expect(refusalOutsideWindow('2027-01-17', window)).toBeUndefined();
    expect(refusalOutsideWindow('2027-01-18', window)?.message).toBe('2027-01-18 is outside the window: volunteers apply in a test window, from 2027-01-04 to 2027-01-17');
    expect(() => refusalOutsideWindow('2027-01-18', [])).toThrow(new RangeError('a request needs at least one window to be checked against'));
  });

  it('PAR-SPRING-WINDOW: a window is never guessed: a school year without a published calendar is an error', () => {
    expect(() => referralWindow(new DistrictCalendars('riverside', [riverside2026]), '2027-2028', DEFAULT_PAR_POLICY.referralWindow)).toThrow(/No calendar of district riverside/);
  });
});
