import { describe, expect, it } from 'vitest';
import { DEFAULT_PAR_POLICY, DEFAULT_PAR_TIMING, validateParPolicy } from '../../../src/domain/par/par-policy';

const variant = {
  version: 7,
  referralEligibility: 'overall',
  referralWindow: { kind: 'notice-after-may-1', workDays: 3 },
  volunteerWindows: ['may'],
  volunteerTerm: { minimumMonths: 3, maximumMonths: 12 },
  volunteerRecords: 'none',
};

describe('PAR program policy (validated by hand)', () => {
  it('PAR-REF-ELIG / PAR-SPRING-WINDOW / PAR-VOL-WINDOW / PAR-VOL-TERM / PAR-VOL-CONF: the default policy is the base rules and validates as itself', () => {
    expect(validateParPolicy(DEFAULT_PAR_POLICY)).toEqual({ ok: true, policy: DEFAULT_PAR_POLICY });
    expect(DEFAULT_PAR_POLICY).toMatchObject({
      referralEligibility: 'standards',
      referralWindow: { kind: 'last-school-days', schoolDays: 20 },
      volunteerWindows: ['january', 'may'],
      volunteerTerm: { minimumMonths: 0 },
      volunteerRecords: 'kept-confidential',
    });
  });

  it('PAR-REF-ELIG / PAR-SPRING-WINDOW / PAR-VOL-WINDOW / PAR-VOL-TERM / PAR-VOL-CONF: every source variant can be chosen; quorum, timing and the semester rules default', () => {
    const result = validateParPolicy(variant);
    expect(result).toEqual({ ok: true, policy: { ...variant, panelQuorum: 3, timing: DEFAULT_PAR_TIMING, assistance: { semesterStartWeeks: 3, finalWindowSchoolDays: 20, dueOnNonWorkDay: 'previous-work-day' } } });
  });

  it('PAR-OUTCOME / PAR-FINAL-CONF / PAR-MONTHLY: the semester rules are the district\'s to set, each checked', () => {
    const chosen = validateParPolicy({ ...variant, assistance: { semesterStartWeeks: 0, finalWindowSchoolDays: 10, dueOnNonWorkDay: 'as-counted' } });
    expect(chosen.ok && chosen.policy.assistance).toEqual({ semesterStartWeeks: 0, finalWindowSchoolDays: 10, dueOnNonWorkDay: 'as-counted' });
    expect(validateParPolicy({ ...variant, assistance: { semesterStartWeeks: 11, finalWindowSchoolDays: 0, dueOnNonWorkDay: 'next-day', weeks: 1 } })).toEqual({
      ok: false,
      problems: [
        { field: '/assistance/weeks', message: 'is not a policy setting' },
        { field: '/assistance/semesterStartWeeks', message: 'must be between 0 and 10' },
        { field: '/assistance/finalWindowSchoolDays', message: 'must be between 1 and 60' },
        { field: '/assistance/dueOnNonWorkDay', message: 'must be one of "previous-work-day", "as-counted"' },
      ],
    });
  });

  it('a district may change one timing setting; the others keep their defaults', () => {
    const result = validateParPolicy({ ...variant, timing: { ipgSchoolDays: 10 } });
    expect(result.ok && result.policy.timing).toEqual({ ...DEFAULT_PAR_TIMING, ipgSchoolDays: 10 });
  });

  it.each([
    ['not an object', 'standards', [{ field: '', message: 'must be an object' }]],
    ['no version', { ...variant, version: undefined }, [{ field: '/version', message: 'must be a whole number' }]],
    ['version 0', { ...variant, version: 0 }, [{ field: '/version', message: `must be between 1 and ${Number.MAX_SAFE_INTEGER}` }]],
    ['an unknown eligibility test', { ...variant, referralEligibility: 'c' }, [{ field: '/referralEligibility', message: 'must be one of "standards", "overall"' }]],
    ['an unknown window kind', { ...variant, referralWindow: { kind: 'fall' } }, [{ field: '/referralWindow/kind', message: 'must be one of "last-school-days", "notice-after-may-1"' }]],
    ['a window of 0 school days', { ...variant, referralWindow: { kind: 'last-school-days', schoolDays: 0 } }, [{ field: '/referralWindow/schoolDays', message: 'must be between 1 and 60' }]],
    ['a window with a stray field', { ...variant, referralWindow: { kind: 'notice-after-may-1', workDays: 3, schoolDays: 20 } }, [{ field: '/referralWindow/schoolDays', message: 'is not a policy setting' }]],
    ['no volunteer window', { ...variant, volunteerWindows: [] }, [{ field: '/volunteerWindows', message: 'must list "january", "may" or both' }]],
    ['a month twice', { ...variant, volunteerWindows: ['may', 'may'] }, [{ field: '/volunteerWindows/1', message: '"may" is listed twice' }]],
    ['a maximum under the minimum', { ...variant, volunteerTerm: { minimumMonths: 6, maximumMonths: 3 } }, [{ field: '/volunteerTerm/maximumMonths', message: 'must not be shorter than the minimum (6 months)' }]],
    ['an unknown records choice', { ...variant, volunteerRecords: 'some' }, [{ field: '/volunteerRecords', message: 'must be one of "kept-confidential", "none"' }]],
    ['a misspelt setting', { ...variant, volunterWindows: ['may'] }, [{ field: '/volunterWindows', message: 'is not a policy setting' }]],
    ['a fractional timing', { ...variant, timing: { outcomeWorkDays: 1.5 } }, [{ field: '/timing/outcomeWorkDays', message: 'must be a whole number' }]],
  ] as const)('refuses %s, naming the field', (_name, input, problems) => {
    expect(validateParPolicy(input)).toEqual({ ok: false, problems });
  });

  it('reports every problem at once', () => {
    const result = validateParPolicy({ version: 'x', referralEligibility: 'b', volunteerTerm: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.field)).toEqual([
        '/version',
        '/referralEligibility',
        '/referralWindow',
        '/volunteerWindows',
        '/volunteerTerm/minimumMonths',
        '/volunteerRecords',
      ]);
    }
  });
});
