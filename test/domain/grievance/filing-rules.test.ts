import { describe, expect, it } from 'vitest';
import { DistrictCalendars, InvalidDateError } from '../../../src/domain/calendar';
import type { GrievanceFiling } from '../../../src/domain/grievance/grievance-case';
import { filingRefusal } from '../../../src/domain/grievance/filing-rules';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { lakeview2026, lakeview2027 } from '../../helpers/calendars';

const lakeview = new DistrictCalendars('lakeview', [lakeview2026, lakeview2027]);

const dana = { name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' };
const kim = { name: 'Kim Lo', position: 'Grade 5 teacher', subject: 'kim.lo' };

/**
 * A complete written grievance (GRV-CONTENT). The teacher knew on Thursday 2026-10-01; counted by hand on the Lakeview
 * calendar (PD day Oct 9, Veterans Day Nov 11, Thanksgiving break Nov 25-27), the 40th school day after it is
 * Thursday 2026-12-03 (GRV-FILE-40).
 */
const filing = (changes: Partial<GrievanceFiling> = {}): GrievanceFiling => ({
  id: 'G-2026-001',
  grievants: [dana],
  statement: 'No post-observation conference was held after the 2026-09-30 observation.',
  policyProvisions: ['Evaluation handbook 4.2'],
  correctiveAction: 'Hold the conference.',
  knewOn: '2026-10-01',
  signedBy: 'Dana Reyes',
  level: 1,
  conferenceRequested: false,
  disputes: ['evaluation-procedure'],
  ...changes,
});

const GRV_DEF_MESSAGE = 'evaluation scores (observation ratings, growth scores, other metrics) are not grievable; the evaluation process and procedures are';

describe('filing rules (pure): what a filing must meet before a case opens', () => {
  it.each([
    ['a policy', ['policy'], true],
    ['the evaluation procedure', ['evaluation-procedure'], true],
    ['a score and the procedure that produced it', ['evaluation-score', 'evaluation-procedure'], true],
    ['a score only', ['evaluation-score'], false],
    ['two scores only', ['evaluation-score', 'evaluation-score'], false],
  ] as const)('GRV-DEF: a grievance disputing %s is grievable: %s', (_name, disputes, grievable) => {
    const refusal = filingRefusal(filing({ disputes: [...disputes] }), lakeview, '2026-10-05');
    if (grievable) expect(refusal).toBeUndefined();
    else expect(refusal).toStrictEqual({ rule: 'GRV-DEF', field: '/disputes', message: GRV_DEF_MESSAGE });
  });

  it.each([
    [0, [dana], true],
    [1, [dana], true],
    [2, [dana], false],
    [3, [dana], false],
    [2, [dana, kim], true],
    [3, [dana, kim], true],
  ] as const)('GRV-COLLECTIVE: a filing at level %i by %j grievant(s) is accepted: %s', (level, grievants, accepted) => {
    const refusal = filingRefusal(filing({ level, grievants: [...grievants] }), lakeview, '2026-10-05');
    if (accepted) expect(refusal).toBeUndefined();
    else expect(refusal).toStrictEqual({ rule: 'GRV-COLLECTIVE', field: '/level', message: 'only a collective grievance (several grievants) may be filed above level 1' });
  });

  it('GRV-DEF comes first: a collective score-only filing above level 1 is refused as not grievable', () => {
    expect(filingRefusal(filing({ level: 2, disputes: ['evaluation-score'] }), lakeview, '2026-10-05')).toMatchObject({ rule: 'GRV-DEF' });
  });

  it('CAL-3: a case entered from another system keeps its real receipt date; a receipt in the future is refused', () => {
    expect(filingRefusal(filing({ receivedOn: '2026-10-05' }), lakeview, '2026-10-20')).toBeUndefined();
    expect(filingRefusal(filing({ receivedOn: '2026-10-20' }), lakeview, '2026-10-20')).toBeUndefined();
    expect(filingRefusal(filing({ receivedOn: '2026-10-21' }), lakeview, '2026-10-20')).toStrictEqual({ rule: 'CAL-3', field: '/receivedOn', message: '2026-10-21 is in the future' });
  });

  it('GRV-FILE-40: a grievance cannot be received before the teacher knew; on the same day it can', () => {
    expect(filingRefusal(filing({ receivedOn: '2026-09-30' }), lakeview, '2026-10-05')).toStrictEqual({
      rule: 'GRV-FILE-40',
      field: '/receivedOn',
      message: 'a grievance cannot be received before the act was known',
    });
    expect(filingRefusal(filing({ receivedOn: '2026-10-01' }), lakeview, '2026-10-05')).toBeUndefined();
  });

  it('GRV-FILE-40: a filing received on the 40th school day after the teacher knew is in time', () => {
    expect(filingRefusal(filing(), lakeview, '2026-12-03')).toBeUndefined();
    expect(filingRefusal(filing({ receivedOn: '2026-12-03' }), lakeview, '2026-12-10')).toBeUndefined();
  });

  it('GRV-FILE-40: a filing received the day after is waived, with the computed limit and its explanation', () => {
    const refusal = filingRefusal(filing(), lakeview, '2026-12-04');
    expect(refusal).toMatchObject({
      rule: 'GRV-FILE-40',
      field: '/knewOn',
      message: 'a grievance must be presented in writing within 40 school days after 2026-10-01, by 2026-12-03; received 2026-12-04, it is waived',
      limit: { rule: 'GRV-FILE-40', trigger: '2026-10-01', unit: 'school-day', count: 40, state: 'running', due: '2026-12-03', timeZone: 'America/Chicago' },
    });
    expect(refusal?.limit?.skipped).toEqual([
      { from: '2026-10-03', to: '2026-10-04', reason: 'weekend' },
      { from: '2026-10-09', to: '2026-10-09', reason: 'staff day without students: Professional development' },
      { from: '2026-10-10', to: '2026-10-11', reason: 'weekend' },
      { from: '2026-10-17', to: '2026-10-18', reason: 'weekend' },
      { from: '2026-10-24', to: '2026-10-25', reason: 'weekend' },
      { from: '2026-10-31', to: '2026-11-01', reason: 'weekend' },
      { from: '2026-11-07', to: '2026-11-08', reason: 'weekend' },
      { from: '2026-11-11', to: '2026-11-11', reason: 'holiday: Veterans Day' },
      { from: '2026-11-14', to: '2026-11-15', reason: 'weekend' },
      { from: '2026-11-21', to: '2026-11-22', reason: 'weekend' },
      { from: '2026-11-25', to: '2026-11-27', reason: 'break: Thanksgiving break' },
      { from: '2026-11-28', to: '2026-11-29', reason: 'weekend' },
    ]);
    // Entered later with its real receipt date, the same late filing is refused the same way.
    expect(filingRefusal(filing({ receivedOn: '2026-12-04' }), lakeview, '2027-01-20')).toMatchObject({ rule: 'GRV-FILE-40', field: '/knewOn' });
  });

  it('GRV-FILE-40 / GRV-INFORMAL: the informal step does not stop the clock: an informal step opened after the limit is waived too', () => {
    expect(filingRefusal(filing({ level: 0 }), lakeview, '2026-12-03')).toBeUndefined();
    expect(filingRefusal(filing({ level: 0 }), lakeview, '2026-12-04')).toMatchObject({
      rule: 'GRV-FILE-40',
      field: '/knewOn',
      message: 'the 40-school-day limit ended on 2026-12-03: the informal step does not stop it, and the grievance is waived',
      limit: { due: '2026-12-03' },
    });
  });

  it('CAL-1: a limit that runs into a school year whose calendar is not loaded is refused naming the missing calendar, never guessed', () => {
    const firstYearOnly = new DistrictCalendars('lakeview', [lakeview2026]);
    expect(filingRefusal(filing({ knewOn: '2027-06-01' }), firstYearOnly, '2027-06-02')).toStrictEqual({
      rule: 'CAL-1',
      field: '/knewOn',
      message:
        'No calendar of district lakeview covers 2027-07-01: load the calendar of that school year before counting deadlines into it (a deadline is never guessed).',
    });
  });

  it('CAL-1: any other error while counting is not a refusal: it is raised', () => {
    expect(() => filingRefusal(filing({ knewOn: '2026-02-30', receivedOn: '2026-10-05' }), lakeview, '2026-10-05')).toThrow(InvalidDateError);
  });
});

describe("filing rules under a district's own procedure (issue 16)", () => {
  const collective = { grievants: [dana, kim] };
  it('GRV-COLLECTIVE: a filing above the last level of the procedure names the version and its number of levels', () => {
    expect(filingRefusal(filing({ ...collective, level: 3, receivedOn: '2026-10-05' }), lakeview, '2026-10-05', TWO_LEVEL_ARBITRATION_POLICY)).toStrictEqual({
      rule: 'GRV-COLLECTIVE',
      field: '/level',
      message: "the district's procedure (v1) has 2 levels",
    });
  });

  it('GRV-CONF-5: a conference asked for at a level without one is refused; not asking for one, the filing is taken', () => {
    expect(filingRefusal(filing({ ...collective, level: 2, conferenceRequested: true, receivedOn: '2026-10-05' }), lakeview, '2026-10-05', TWO_LEVEL_ARBITRATION_POLICY)).toStrictEqual({
      rule: 'GRV-CONF-5',
      field: '/conferenceRequested',
      message: "the district's procedure has no conference at level 2",
    });
    expect(filingRefusal(filing({ ...collective, level: 2, receivedOn: '2026-10-05' }), lakeview, '2026-10-05', TWO_LEVEL_ARBITRATION_POLICY)).toBeUndefined();
  });
});
