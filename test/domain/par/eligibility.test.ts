import { describe, expect, it } from 'vitest';
import { referralAdmission, volunteerAdmission } from '../../../src/domain/par/admission';
import {
  newTeacherEligibility,
  referralEligibility,
  volunteerEligibility,
  type FinalEvaluation,
  type StandardRating,
  type Teacher,
} from '../../../src/domain/par/eligibility';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { calendars } from './par-fixtures';

const permanent: Teacher = { id: 'dana', status: 'permanent' };
const U: StandardRating = 'unsatisfactory';
const M: StandardRating = 'meets-standard';
const rated = (...ratings: StandardRating[]): FinalEvaluation => ({
  completedOn: '2027-04-30',
  standards: ratings.map((rating, i) => ({ standard: i + 1, rating })),
});

describe('PAR-REF-ELIG: a Referred participant is a permanent teacher with an unsatisfactory final evaluation', () => {
  it.each([
    ['3 of 6 unsatisfactory (50%)', permanent, rated(U, U, U, M, M, M), true, '3 of the 6 standards unsatisfactory (1, 2, 3)'],
    ['6 of 6 unsatisfactory', permanent, rated(U, U, U, U, U, U), true, '6 of the 6 standards unsatisfactory (1, 2, 3, 4, 5, 6)'],
    ['2 of 6 unsatisfactory', permanent, rated(U, 'needs-improvement', U, M, M, 'needs-improvement'), false, '2 of the 6 standards are unsatisfactory; a referral needs at least 3 (50%)'],
    ['only 5 standards rated', permanent, rated(U, U, U, M, M), false, 'the final evaluation must rate all six standards; missing: 6'],
    ['a standard rated twice', permanent, { ...rated(U, U, U, M, M, M), standards: [...rated(U, U, U, M, M, M).standards, { standard: 1, rating: M }] }, false, 'standard 1 is rated twice'],
    ['a probationary teacher', { ...permanent, status: 'probationary' }, rated(U, U, U, U, M, M), false, 'a Referred participant has permanent status; this teacher is probationary'],
  ] as const)('PAR-REF-ELIG (a, standards): %s', (_name, teacher, evaluation, eligible, why) => {
    const result = referralEligibility(teacher, evaluation, 'standards');
    expect(result.eligible).toBe(eligible);
    expect(result.eligible ? result.basis : result.reasons).toEqual(eligible ? why : [why]);
    expect(result.rule).toBe('PAR-REF-ELIG');
  });

  const overall = (observations: string[], rating: 'satisfactory' | 'unsatisfactory' = 'unsatisfactory'): FinalEvaluation => ({
    ...rated(M, M, M, M, M, M),
    overall: rating,
    followUpObservations: observations,
  });

  it.each([
    ['two follow-up observations before the summary', overall(['2027-03-02', '2027-04-06']), true],
    ['three observations', overall(['2027-02-02', '2027-03-02', '2027-04-06']), true],
    ['one observation', overall(['2027-03-02']), false],
    ['the same day twice', overall(['2027-03-02', '2027-03-02']), false],
    ['one of two after the summary', overall(['2027-03-02', '2027-05-04']), false],
    ['a satisfactory overall rating', overall(['2027-03-02', '2027-04-06'], 'satisfactory'), false],
  ] as const)('PAR-REF-ELIG (b, overall): %s', (_name, evaluation, eligible) => {
    expect(referralEligibility(permanent, evaluation, 'overall').eligible).toBe(eligible);
  });

  it.each([
    ['a standard numbered 7', { completedOn: '2027-04-30', standards: [{ standard: 7, rating: U }] }, 'standard 7 is not one of the six standards (1 to 6)'],
    ['a standard numbered 0', { completedOn: '2027-04-30', standards: [{ standard: 0, rating: U }] }, 'standard 0 is not one of the six standards (1 to 6)'],
    ['nothing rated', { completedOn: '2027-04-30', standards: [] }, 'the final evaluation must rate all six standards; missing: 1, 2, 3, 4, 5, 6'],
  ] as const)('PAR-REF-ELIG (a, standards): an evaluation with %s is refused, naming why', (_name, evaluation, why) => {
    expect(referralEligibility(permanent, evaluation, 'standards')).toEqual({ eligible: false, rule: 'PAR-REF-ELIG', reasons: [why] });
  });

  it('PAR-REF-ELIG: a temporary teacher with too few unsatisfactory standards is refused for both reasons', () => {
    expect(referralEligibility({ id: 't', status: 'temporary' }, rated(U, M, M, M, M, M), 'standards')).toEqual({
      eligible: false,
      rule: 'PAR-REF-ELIG',
      reasons: ['a Referred participant has permanent status; this teacher is temporary', '1 of the 6 standards are unsatisfactory; a referral needs at least 3 (50%)'],
    });
  });

  it.each([
    ['two observations before the summary', overall(['2027-03-02', '2027-04-06']), { eligible: true, rule: 'PAR-REF-ELIG', basis: 'overall unsatisfactory summary evaluation after 2 follow-up observations' }],
    [
      'one observation on the day of the summary, one before',
      overall(['2027-04-30', '2027-04-06']),
      { eligible: false, rule: 'PAR-REF-ELIG', reasons: ['at least two formal follow-up observations must precede the unsatisfactory summary evaluation of 2027-04-30; found 1'] },
    ],
    [
      'observations that are not dates',
      overall(['March 2', 'April 6']),
      { eligible: false, rule: 'PAR-REF-ELIG', reasons: ['at least two formal follow-up observations must precede the unsatisfactory summary evaluation of 2027-04-30; found 0'] },
    ],
    [
      'no observations listed',
      { ...rated(M, M, M, M, M, M), overall: 'unsatisfactory' as const },
      { eligible: false, rule: 'PAR-REF-ELIG', reasons: ['at least two formal follow-up observations must precede the unsatisfactory summary evaluation of 2027-04-30; found 0'] },
    ],
    ['no overall rating', rated(U, U, U, U, U, U), { eligible: false, rule: 'PAR-REF-ELIG', reasons: ['the summary evaluation does not rate the teacher unsatisfactory overall'] }],
  ] as const)('PAR-REF-ELIG (b, overall): %s', (_name, evaluation, expected) => {
    expect(referralEligibility(permanent, evaluation, 'overall')).toEqual(expected);
  });

  it('PAR-REF-ELIG: admission refuses with every reason, in one message', () => {
    expect(referralAdmission({ id: 't', status: 'temporary' }, rated(U, M, M, M, M, M), '2027-05-10', calendars, DEFAULT_PAR_POLICY)).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-REF-ELIG',
      message: 'a Referred participant has permanent status; this teacher is temporary; 1 of the 6 standards are unsatisfactory; a referral needs at least 3 (50%)',
    });
    expect(volunteerAdmission(permanent, '2027-01-06', calendars, DEFAULT_PAR_POLICY, true)).toEqual({ ok: false, kind: 'rule', rule: 'PAR-VOL-ELIG', message: 'the teacher already has an open PAR case' });
  });

  it('PAR-REF-ELIG: the policy decides the test: the same evaluation refers under (a) and not under (b)', () => {
    const evaluation = rated(U, U, U, M, M, M);
    expect(referralEligibility(permanent, evaluation, 'standards').eligible).toBe(true);
    expect(referralEligibility(permanent, evaluation, 'overall').eligible).toBe(false);
  });

  it('PAR-REF-ELIG / PAR-SPRING-WINDOW: admission checks eligibility first, then the spring window', () => {
    expect(referralAdmission(permanent, rated(U, U, U, M, M, M), '2027-05-10', calendars, DEFAULT_PAR_POLICY)).toBeUndefined();
    expect(referralAdmission(permanent, rated(U, M, M, M, M, M), '2027-05-10', calendars, DEFAULT_PAR_POLICY)).toMatchObject({ kind: 'rule', rule: 'PAR-REF-ELIG' });
    expect(referralAdmission(permanent, rated(U, U, U, M, M, M), '2027-03-10', calendars, DEFAULT_PAR_POLICY)).toMatchObject({ kind: 'rule', rule: 'PAR-SPRING-WINDOW' });
  });
});

describe('PAR-VOL-ELIG / PAR-PRIORITY: who may volunteer, and Group III', () => {
  it.each([
    ['a permanent teacher', permanent, false, true],
    ['a probationary teacher', { ...permanent, status: 'probationary' }, false, false],
    ['a permanent teacher already in PAR [design]', permanent, true, false],
  ] as const)('PAR-VOL-ELIG: %s', (_name, teacher, open, eligible) => {
    expect(volunteerEligibility(teacher, open)).toMatchObject({ eligible, rule: 'PAR-VOL-ELIG' });
  });

  it('PAR-VOL-ELIG: the result names its basis, or every reason it fails', () => {
    expect(volunteerEligibility(permanent)).toEqual({ eligible: true, rule: 'PAR-VOL-ELIG', basis: 'permanent teacher asking for assistance' });
    expect(volunteerEligibility({ id: 'i', status: 'intern' }, true)).toEqual({
      eligible: false,
      rule: 'PAR-VOL-ELIG',
      reasons: ['a Volunteer participant has permanent status; this teacher is intern', 'the teacher already has an open PAR case'],
    });
  });

  it('PAR-PRIORITY: Group III names its basis, or every reason it fails; years of service unknown count as a first year', () => {
    expect(newTeacherEligibility({ id: 'n', status: 'temporary' })).toEqual({ eligible: true, rule: 'PAR-PRIORITY', basis: 'new teacher without induction support (Group III)' });
    expect(newTeacherEligibility({ id: 'n', status: 'permanent', yearsOfService: 4, inInduction: true })).toEqual({
      eligible: false,
      rule: 'PAR-PRIORITY',
      reasons: ['Group III is for teachers without permanent status', 'Group III is for first- and second-year teachers; this is year 4', 'the teacher is served by the induction program (BTSA)'],
    });
  });

  it('PAR-VOL-ELIG / PAR-VOL-WINDOW: admission refuses a non-permanent teacher, then an application outside the windows', () => {
    expect(volunteerAdmission(permanent, '2027-01-06', calendars, DEFAULT_PAR_POLICY)).toBeUndefined();
    expect(volunteerAdmission({ ...permanent, status: 'temporary' }, '2027-01-06', calendars, DEFAULT_PAR_POLICY)).toMatchObject({ rule: 'PAR-VOL-ELIG' });
    expect(volunteerAdmission(permanent, '2027-02-01', calendars, DEFAULT_PAR_POLICY)).toMatchObject({ rule: 'PAR-VOL-WINDOW' });
  });

  it.each([
    ['a first-year probationary teacher', true, { id: 'n', status: 'probationary', yearsOfService: 1 }],
    ['a second-year intern', true, { id: 'n', status: 'intern', yearsOfService: 2 }],
    ['a third-year teacher', false, { id: 'n', status: 'probationary', yearsOfService: 3 }],
    ['a new teacher in induction (BTSA)', false, { id: 'n', status: 'probationary', yearsOfService: 1, inInduction: true }],
    ['a permanent teacher', false, { id: 'n', status: 'permanent', yearsOfService: 1 }],
  ] as const)('PAR-PRIORITY: Group III takes %s: %s', (_name, eligible, teacher) => {
    expect(newTeacherEligibility(teacher)).toMatchObject({ eligible, rule: 'PAR-PRIORITY' });
  });
});
