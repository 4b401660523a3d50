import { describe, expect, it } from 'vitest';
import { DEFAULT_PAR_POLICY, DEFAULT_PAR_TIMING, validateParPolicy, withAssistanceRules } from '../../../src/domain/par/par-policy';

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

  // Every bound of the policy, just inside and just outside (the limits are the district's [design] ranges).
  it.each([
    ['a quorum of 1', { panelQuorum: 1 }, { panelQuorum: 1 }],
    ['a quorum of 25', { panelQuorum: 25 }, { panelQuorum: 25 }],
    ['a window of 60 school days', { referralWindow: { kind: 'last-school-days', schoolDays: 60 } }, { referralWindow: { kind: 'last-school-days', schoolDays: 60 } }],
    ['a notice within 1 work day', { referralWindow: { kind: 'notice-after-may-1', workDays: 1 } }, { referralWindow: { kind: 'notice-after-may-1', workDays: 1 } }],
    ['a notice within 20 work days', { referralWindow: { kind: 'notice-after-may-1', workDays: 20 } }, { referralWindow: { kind: 'notice-after-may-1', workDays: 20 } }],
    ['both volunteer windows', { volunteerWindows: ['january', 'may'] }, { volunteerWindows: ['january', 'may'] }],
    ['a minimum term of 24 months, no maximum', { volunteerTerm: { minimumMonths: 24 } }, { volunteerTerm: { minimumMonths: 24 } }],
    ['a maximum equal to the minimum', { volunteerTerm: { minimumMonths: 6, maximumMonths: 6 } }, { volunteerTerm: { minimumMonths: 6, maximumMonths: 6 } }],
    ['a maximum of 36 months', { volunteerTerm: { minimumMonths: 0, maximumMonths: 36 } }, { volunteerTerm: { minimumMonths: 0, maximumMonths: 36 } }],
    ['a maximum of 1 month', { volunteerTerm: { minimumMonths: 0, maximumMonths: 1 } }, { volunteerTerm: { minimumMonths: 0, maximumMonths: 1 } }],
    ['timing of 1 and 60 days', { timing: { assignmentWorkDays: 1, outcomeWorkDays: 60 } }, { timing: { ...DEFAULT_PAR_TIMING, assignmentWorkDays: 1, outcomeWorkDays: 60 } }],
    ['every timing setting', { timing: { assignmentWorkDays: 2, ipgSchoolDays: 3, semesterReviewWorkDays: 4, finalResponseWorkDays: 6, outcomeWorkDays: 7 } }, { timing: { assignmentWorkDays: 2, ipgSchoolDays: 3, semesterReviewWorkDays: 4, finalResponseWorkDays: 6, outcomeWorkDays: 7 } }],
    ['10 weeks to start a semester and a window of 60 days', { assistance: { semesterStartWeeks: 10, finalWindowSchoolDays: 60 } }, { assistance: { semesterStartWeeks: 10, finalWindowSchoolDays: 60, dueOnNonWorkDay: 'previous-work-day' } }],
    ['a final window of 1 day', { assistance: { finalWindowSchoolDays: 1 } }, { assistance: { semesterStartWeeks: 3, finalWindowSchoolDays: 1, dueOnNonWorkDay: 'previous-work-day' } }],
    ['due dates kept as counted', { assistance: { dueOnNonWorkDay: 'as-counted' } }, { assistance: { semesterStartWeeks: 3, finalWindowSchoolDays: 20, dueOnNonWorkDay: 'as-counted' } }],
  ] as const)('PAR-SPRING-WINDOW / PAR-VOL-WINDOW / PAR-VOL-TERM / PAR-VOL-ELIG / PAR-OUTCOME: accepts %s', (_name, change, expected) => {
    const result = validateParPolicy({ ...variant, ...change });
    expect(result.ok).toBe(true);
    expect(result.ok && result.policy).toMatchObject(expected);
  });

  it.each([
    ['a quorum of 0', { panelQuorum: 0 }, [{ field: '/panelQuorum', message: 'must be between 1 and 25' }]],
    ['a quorum of 26', { panelQuorum: 26 }, [{ field: '/panelQuorum', message: 'must be between 1 and 25' }]],
    ['a window that is not an object', { referralWindow: 'spring' }, [{ field: '/referralWindow', message: 'must be an object with a "kind"' }]],
    ['a window of 61 school days', { referralWindow: { kind: 'last-school-days', schoolDays: 61 } }, [{ field: '/referralWindow/schoolDays', message: 'must be between 1 and 60' }]],
    ['a last-school-days window with a stray field', { referralWindow: { kind: 'last-school-days', schoolDays: 20, workDays: 3 } }, [{ field: '/referralWindow/workDays', message: 'is not a policy setting' }]],
    ['a notice within 0 work days', { referralWindow: { kind: 'notice-after-may-1', workDays: 0 } }, [{ field: '/referralWindow/workDays', message: 'must be between 1 and 20' }]],
    ['a notice within 21 work days', { referralWindow: { kind: 'notice-after-may-1', workDays: 21 } }, [{ field: '/referralWindow/workDays', message: 'must be between 1 and 20' }]],
    ['volunteer windows that are not a list', { volunteerWindows: 'may' }, [{ field: '/volunteerWindows', message: 'must list "january", "may" or both' }]],
    ['an unknown month', { volunteerWindows: ['may', 'june'] }, [{ field: '/volunteerWindows/1', message: 'must be one of "january", "may"' }]],
    ['a term that is not an object', { volunteerTerm: 3 }, [{ field: '/volunteerTerm', message: 'must be an object with "minimumMonths" (0: none) and an optional "maximumMonths"' }]],
    ['a term with a stray field', { volunteerTerm: { minimumMonths: 3, months: 3 } }, [{ field: '/volunteerTerm/months', message: 'is not a policy setting' }]],
    ['a minimum of 25 months', { volunteerTerm: { minimumMonths: 25 } }, [{ field: '/volunteerTerm/minimumMonths', message: 'must be between 0 and 24' }]],
    ['a minimum of -1', { volunteerTerm: { minimumMonths: -1, maximumMonths: 12 } }, [{ field: '/volunteerTerm/minimumMonths', message: 'must be between 0 and 24' }]],
    ['a maximum of 0', { volunteerTerm: { minimumMonths: 0, maximumMonths: 0 } }, [{ field: '/volunteerTerm/maximumMonths', message: 'must be between 1 and 36' }]],
    ['a maximum of 37', { volunteerTerm: { minimumMonths: 0, maximumMonths: 37 } }, [{ field: '/volunteerTerm/maximumMonths', message: 'must be between 1 and 36' }]],
    ['a maximum one month under the minimum', { volunteerTerm: { minimumMonths: 4, maximumMonths: 3 } }, [{ field: '/volunteerTerm/maximumMonths', message: 'must not be shorter than the minimum (4 months)' }]],
    ['timing that is not an object', { timing: 10 }, [{ field: '/timing', message: 'must be an object' }]],
    ['timing with a stray field', { timing: { panelDays: 3 } }, [{ field: '/timing/panelDays', message: 'is not a policy setting' }]],
    ['a timing of 0 days', { timing: { assignmentWorkDays: 0 } }, [{ field: '/timing/assignmentWorkDays', message: 'must be between 1 and 60' }]],
    ['a timing of 61 days', { timing: { semesterReviewWorkDays: 61 } }, [{ field: '/timing/semesterReviewWorkDays', message: 'must be between 1 and 60' }]],
    ['semester rules that are not an object', { assistance: [] }, [{ field: '/assistance', message: 'must be an object' }]],
    ['a semester start of -1 weeks', { assistance: { semesterStartWeeks: -1 } }, [{ field: '/assistance/semesterStartWeeks', message: 'must be between 0 and 10' }]],
    ['a final window of 61 days', { assistance: { finalWindowSchoolDays: 61 } }, [{ field: '/assistance/finalWindowSchoolDays', message: 'must be between 1 and 60' }]],
  ] as const)('PAR-SPRING-WINDOW / PAR-VOL-WINDOW / PAR-VOL-TERM / PAR-VOL-ELIG / PAR-OUTCOME: refuses %s, naming the field (bounds)', (_name, change, problems) => {
    expect(validateParPolicy({ ...variant, ...change })).toEqual({ ok: false, problems });
  });

  it('PAR-OUTCOME / PAR-FINAL-CONF / PAR-MONTHLY: a policy configured before the full-semester rules gets their defaults; one that has them keeps its own', () => {
    const { assistance: _none, ...legacy } = DEFAULT_PAR_POLICY;
    expect(withAssistanceRules(legacy).assistance).toEqual({ semesterStartWeeks: 3, finalWindowSchoolDays: 20, dueOnNonWorkDay: 'previous-work-day' });
    const own = { ...DEFAULT_PAR_POLICY, assistance: { semesterStartWeeks: 0, finalWindowSchoolDays: 5, dueOnNonWorkDay: 'as-counted' as const } };
    expect(withAssistanceRules(own)).toBe(own);
  });

  it('PAR-SPRING-WINDOW / PAR-VOL-WINDOW / PAR-VOL-TERM / PAR-VOL-CONF: the defaults of what a district may leave out, written out', () => {
    // The variant choices are checked in the first test; here what falls back when a district leaves it out.
    expect([DEFAULT_PAR_POLICY.version, DEFAULT_PAR_POLICY.panelQuorum, DEFAULT_PAR_POLICY.timing, DEFAULT_PAR_POLICY.assistance]).toEqual([
      1,
      3,
      { assignmentWorkDays: 10, ipgSchoolDays: 15, semesterReviewWorkDays: 10, finalResponseWorkDays: 5, outcomeWorkDays: 15 },
      { semesterStartWeeks: 3, finalWindowSchoolDays: 20, dueOnNonWorkDay: 'previous-work-day' },
    ]);
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
