import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { describePeriod, destroyDueOn, isDestroyDue, KEEP_EVERYTHING, retentionPeriodOf, validateRetentionPolicy, type ClosedCase, type RetentionPolicy } from '../../../src/domain/retention/retention-policy';
import { emptyRetentionRecord, setRetentionPolicy } from '../../../src/domain/retention/retention-record';

/**
 * Issue 15, item 5: how long each district keeps a closed case, per family; a withdrawn grievance (GRV-WITHDRAW:
 * "without prejudice or record") on its own period. Every expected date below is counted by hand on the calendar.
 */
const policy: RetentionPolicy = {
  version: 2,
  title: 'Board policy 8.4, records retention',
  grievance: { withdrawn: { count: 0, unit: 'day' }, closed: { count: 6, unit: 'year' } },
  par: { count: 5, unit: 'year' },
  tap: { count: 18, unit: 'month' },
  pip: { count: 90, unit: 'day' },
  'observation-cycle': 'forever',
};

const closed = (caseType: string, closedOn: string, closedAs: string): ClosedCase => ({ caseType, closedOn, closedAs });

describe('retention: the day a closed case is destroyed (issue 15 item 5)', () => {
  it.each([
    // family, closed on, closed as, destroyed on
    ['grievance', '2027-03-15', 'final', '2033-03-15'],
    ['grievance', '2027-03-15', 'sent-to-arbitration', '2033-03-15'],
    ['grievance', '2028-02-29', 'accepted', '2034-02-28'], // no 29 February in 2034: its month's last day
    ['grievance', '2027-03-15', 'withdrawn', '2027-03-15'], // GRV-WITHDRAW: 0 days, the day it closed
    ['par', '2027-06-11', 'renewed', '2032-06-11'],
    ['tap', '2027-08-31', 'exited', '2029-02-28'], // 18 months on; February has no 31st
    ['pip', '2027-06-11', 'year-end-status-recorded', '2027-09-09'], // 19 days of June, 31 of July, 31 of August, 9 of September
    ['pip', '2027-12-15', 'withdrawn', '2028-03-14'], // across a leap February: 16 + 31 + 29 + 14
  ])('%s closed on %s as %s is destroyed on %s', (caseType, closedOn, closedAs, due) => {
    expect(destroyDueOn(closed(caseType, closedOn, closedAs), policy)).toBe(due);
  });

  it.each([
    ['observation-cycle', 'completed'], // the district keeps these forever
    ['some-future-family', 'closed'], // a family the policy does not know is never guessed at: kept
  ])('%s closed as %s is kept forever (no destroy date)', (caseType, closedAs) => {
    expect(destroyDueOn(closed(caseType, '2027-05-01', closedAs), policy)).toBeUndefined();
  });

  it('GRV-WITHDRAW: a withdrawn grievance follows its own period, the other closes theirs', () => {
    const keepWithdrawnLonger: RetentionPolicy = { ...policy, grievance: { withdrawn: { count: 1, unit: 'year' }, closed: { count: 3, unit: 'month' } } };
    expect(destroyDueOn(closed('grievance', '2027-01-31', 'withdrawn'), keepWithdrawnLonger)).toBe('2028-01-31');
    expect(destroyDueOn(closed('grievance', '2027-01-31', 'final'), keepWithdrawnLonger)).toBe('2027-04-30');
  });

  it('a district that set no policy keeps everything', () => {
    for (const caseType of ['grievance', 'par', 'tap', 'pip', 'observation-cycle']) expect(destroyDueOn(closed(caseType, '2027-01-04', 'withdrawn'), KEEP_EVERYTHING)).toBeUndefined();
  });

  it.each([
    ['2033-03-14', false],
    ['2033-03-15', true],
    ['2040-01-01', true],
  ])('a grievance closed on 2027-03-15 under 6 years is due on %s: %s', (today, due) => {
    expect(isDestroyDue(closed('grievance', '2027-03-15', 'final'), policy, today)).toBe(due);
  });
});

describe('retention policy validation: each problem names its field (issue 15 item 5)', () => {
  const valid = { version: 1, grievance: { withdrawn: { count: 30, unit: 'day' }, closed: 'forever' }, par: { count: 7, unit: 'year' }, tap: 'forever', pip: 'forever', 'observation-cycle': { count: 3, unit: 'year' } };

  it('accepts a complete policy as it was sent', () => {
    expect(validateRetentionPolicy(valid)).toEqual({ ok: true, policy: valid });
  });

  it.each([
    [{ ...valid, version: 0 }, '/version', 'must be between 1 and'],
    [{ ...valid, grievance: { withdrawn: { count: -1, unit: 'day' }, closed: 'forever' } }, '/grievance/withdrawn/count', 'must be between 0 and 36500'],
    [{ ...valid, grievance: { withdrawn: 'forever' } }, '/grievance/closed', 'must be "forever" or an object { count, unit }'],
    [{ ...valid, par: { count: 7, unit: 'decade' } }, '/par/unit', 'must be one of "day", "month", "year"'],
    [{ ...valid, par: { count: 101, unit: 'year' } }, '/par/count', 'must be between 0 and 100'],
    [{ ...valid, tap: { count: 1.5, unit: 'year' } }, '/tap/count', 'must be a whole number'],
    [{ ...valid, pip: undefined }, '/pip', 'must be "forever" or an object { count, unit }'],
    [{ ...valid, observation: 'forever' }, '/observation', 'is not a retention policy setting'],
    [{ ...valid, par: { count: 7, unit: 'year', from: 'closed' } }, '/par/from', 'is not a retention period setting'],
    [{ ...valid, title: '' }, '/title', 'must be a text of 1 to 200 characters'],
  ])('refuses %j at %s', (input, field, message) => {
    const result = validateRetentionPolicy(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});

describe('retention policy versions: the change log (issue 15 item 5)', () => {
  const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
  const v1 = { version: 1, grievance: { withdrawn: { count: 0, unit: 'day' }, closed: { count: 6, unit: 'year' } }, par: 'forever', tap: 'forever', pip: 'forever', 'observation-cycle': 'forever' };

  it('sets version 1, ignores it sent again, refuses a change without a higher version, keeps every version', () => {
    const first = setRetentionPolicy(emptyRetentionRecord('lakeview'), v1, hr, 'board vote 2027-01', '2027-01-10T10:00:00.000Z');
    expect(first).toMatchObject({ ok: true, changed: true, record: { configured: true, current: { version: 1 } } });
    if (!first.ok) return;
    expect(setRetentionPolicy(first.record, v1, hr, 'retried', '2027-01-10T10:00:01.000Z')).toEqual({ ok: true, record: first.record, changed: false });
    expect(setRetentionPolicy(first.record, { ...v1, par: { count: 5, unit: 'year' } }, hr, 'typo', '2027-02-01T10:00:00.000Z')).toEqual({
      ok: false,
      problems: [{ field: '/policy/version', message: 'must be higher than 1, the version in force, for a changed policy' }],
    });
    const second = setRetentionPolicy(first.record, { ...v1, version: 2, par: { count: 5, unit: 'year' } }, hr, 'PAR records 5 years', '2027-02-01T10:00:00.000Z');
    expect(second.ok && second.record.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, 'board vote 2027-01'],
      [2, 'PAR records 5 years'],
    ]);
  });

  it('names fields under /policy', () => {
    expect(setRetentionPolicy(emptyRetentionRecord('lakeview'), { ...v1, tap: 'always' }, hr, 'x', '2027-01-10T10:00:00.000Z')).toEqual({
      ok: false,
      problems: [{ field: '/policy/tap', message: 'must be "forever" or an object { count, unit }' }],
    });
  });
});

describe('retention: the period that applies, and how it is told (issue 15 item 5)', () => {
  it('a district that set no policy keeps every family forever, at version 0', () => {
    const forever = 'forever';
    expect(KEEP_EVERYTHING).toEqual({ version: 0, grievance: { withdrawn: forever, closed: forever }, par: forever, tap: forever, pip: forever, 'observation-cycle': forever });
  });

  it.each([
    ['grievance', 'withdrawn', { count: 0, unit: 'day' }], // GRV-WITHDRAW: its own period
    ['grievance', 'final', { count: 6, unit: 'year' }],
    ['par', 'renewed', { count: 5, unit: 'year' }],
    ['tap', 'exited', { count: 18, unit: 'month' }],
    ['pip', 'withdrawn', { count: 90, unit: 'day' }],
    ['observation-cycle', 'completed', 'forever'],
    ['some-future-family', 'withdrawn', 'forever'], // never guessed at
  ])('%s closed as %s: %j', (caseType, closedAs, period) => {
    expect(retentionPeriodOf({ caseType, closedAs }, policy)).toEqual(period);
  });

  it('a case kept forever is never due for destruction, however late the day', () => {
    expect(isDestroyDue(closed('observation-cycle', '2027-03-15', 'completed'), policy, '2099-12-31')).toBe(false);
    expect(isDestroyDue(closed('some-future-family', '2027-03-15', 'closed'), policy, '2099-12-31')).toBe(false);
    expect(isDestroyDue(closed('grievance', '2027-03-15', 'withdrawn'), KEEP_EVERYTHING, '2099-12-31')).toBe(false);
  });

  it.each([
    ['forever', 'kept forever'],
    [{ count: 6, unit: 'year' }, '6 years'],
    [{ count: 1, unit: 'year' }, '1 year'],
    [{ count: 0, unit: 'day' }, '0 days'],
    [{ count: 1, unit: 'day' }, '1 day'],
    [{ count: 18, unit: 'month' }, '18 months'],
  ] as const)('the period %j is told as "%s"', (period, words) => {
    expect(describePeriod(period)).toBe(words);
  });
});

describe('retention policy validation: the fields a policy has (issue 15 item 5)', () => {
  const valid = { version: 3, grievance: { withdrawn: 'forever', closed: { count: 6, unit: 'year' } }, par: 'forever', tap: 'forever', pip: 'forever', 'observation-cycle': 'forever' };

  it.each([null, 'forever', 42, [valid]])('refuses %j: not an object, one problem at the root', (input) => {
    expect(validateRetentionPolicy(input)).toEqual({ ok: false, problems: [{ field: '', message: 'must be an object' }] });
  });

  it('keeps a title, trimmed, and adds none when none was sent', () => {
    const titled = validateRetentionPolicy({ ...valid, title: ' Board policy 8.4 ' });
    expect(titled).toStrictEqual({ ok: true, policy: { ...valid, title: 'Board policy 8.4' } });
    const untitled = validateRetentionPolicy(valid);
    expect(untitled.ok && Object.keys(untitled.policy)).toEqual(['version', 'grievance', 'par', 'tap', 'pip', 'observation-cycle']);
  });

  it.each([
    [{ ...valid, grievance: 'forever' }, [{ field: '/grievance', message: 'must be an object (withdrawn, closed)' }]],
    [{ ...valid, grievance: { withdrawn: 'forever', closed: 'forever', appealed: 'forever' } }, [{ field: '/grievance/appealed', message: 'is not a retention policy setting' }]],
    [{ ...valid, 'observation-cycle': 'always' }, [{ field: '/observation-cycle', message: 'must be "forever" or an object { count, unit }' }]],
    [{ ...valid, version: '3' }, [{ field: '/version', message: 'must be a whole number' }]],
    [{ ...valid, tap: { unit: 'year' } }, [{ field: '/tap/count', message: 'must be a whole number' }]],
    [{ ...valid, tap: { count: 2 } }, [{ field: '/tap/unit', message: 'must be one of "day", "month", "year"' }]],
    // Without a unit, the count is held to the longest (in days).
    [{ ...valid, tap: { count: 40_000 } }, [
      { field: '/tap/unit', message: 'must be one of "day", "month", "year"' },
      { field: '/tap/count', message: 'must be between 0 and 36500' },
    ]],
  ])('refuses %j, naming exactly %j', (input, problems) => {
    expect(validateRetentionPolicy(input)).toEqual({ ok: false, problems });
  });
});
