import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant, type CalendarDate, type DistrictCalendar } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { DEFAULT_GRIEVANCE_POLICY } from '../../../src/domain/grievance/grievance-policy';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { grievanceDriver, grievantSide, principal, TZ, type GrievanceHandle } from '../../helpers/grievance-driver';
import { advanceTo, bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';

/**
 * Issue 16: one grievance, the same moves on the same days, under two contracts. Every expected date below was
 * counted by hand on this calendar (October-November 2027; the test server's clock starts at today's date and
 * only moves forward), never computed by the code under test.
 */
const CALENDAR_2027: DistrictCalendar = {
  district: 'district-a',
  schoolYear: '2027-2028',
  timeZone: TZ,
  firstInstructionalDay: '2027-08-18',
  lastInstructionalDay: '2028-06-01',
  semesters: [],
  events: [
    { id: 'labor-day', kind: 'holiday', name: 'Labor Day', start: '2027-09-06' },
    // A work day without students: counts as a work day, not as a school day.
    { id: 'pd', kind: 'staff-day', name: 'Professional development', start: '2027-10-08' },
    { id: 'veterans', kind: 'holiday', name: 'Veterans Day', start: '2027-11-11' },
    { id: 'thanksgiving', kind: 'break', name: 'Thanksgiving break', start: '2027-11-24', end: '2027-11-26' },
    { id: 'winter', kind: 'break', name: 'Winter break', start: '2027-12-20', end: '2027-12-31' },
  ],
  version: 1,
};

describe('grievance contracts on the time-skipping server (issue 16)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const taskQueue = 'grievance-contracts-test';
  const g = grievanceDriver(() => env, () => [CALENDAR_2027], taskQueue);
  const on = (date: CalendarDate) => advanceTo(env, zonedInstant(date, { hour: 12, minute: 0, second: 0 }, TZ).getTime());
  const dues = (deadlines: readonly CaseDeadline[]) => deadlines.map((d) => [d.key, d.current?.state === 'running' ? d.current.due : d.current?.state, d.status]);

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('GRV-FILE-40 / GRV-DECIDE-10 / GRV-APPEAL-5 / GRV-FINAL: the same grievance gets RULES.md dates under the default procedure and the two-level contract dates under the harbor-style contract', async () => {
    // Mon 2027-10-04: both grievances, known Thu 2027-09-30, start informally and are declared formal the same day.
    await on('2027-10-04');
    const rules = await g.file({ level: 0, knewOn: '2027-09-30' }, DEFAULT_GRIEVANCE_POLICY);
    const harbor = await g.file({ level: 0, knewOn: '2027-09-30' }, TWO_LEVEL_ARBITRATION_POLICY);
    // GRV-FILE-40: 40 school days after 09-30 (skipping the 10-08 staff day, 11-11, 11-24..26) end on Thu 12-02;
    // 30 work days (10-08 counts, 11-11 does not) on Fri 11-12.
    expect((await g.deadline(rules, '0:filing')).current).toMatchObject({ due: '2027-12-02' });
    expect((await g.deadline(harbor, '0:filing')).current).toMatchObject({ due: '2027-11-12' });
    const both = async (step: (handle: GrievanceHandle) => Promise<unknown>) => Promise.all([step(rules), step(harbor)]);
    await both((h) => g.act(h, { type: 'declare-formal', conferenceRequested: false }, grievantSide));

    // GRV-DECIDE-10 at level 1, from receipt 10-04: 10 school days end Tue 10-19; 10 work days Mon 10-18.
    expect((await g.deadline(rules, '1:decision')).current).toMatchObject({ due: '2027-10-19' });
    expect((await g.deadline(harbor, '1:decision')).current).toMatchObject({ due: '2027-10-18' });

    await on('2027-10-07');
    await both((h) => g.act(h, { type: 'decide', outcome: 'denied', text: 'Level 1: no violation.' }, principal));
    // GRV-APPEAL-5 from Thu 10-07: 5 school days end Fri 10-15 (the 10-08 staff day skipped); 7 calendar days Thu 10-14.
    expect((await g.deadline(rules, '1:appeal')).current).toMatchObject({ due: '2027-10-15' });
    expect((await g.deadline(harbor, '1:appeal')).current).toMatchObject({ due: '2027-10-14' });

    await on('2027-10-12');
    await both((h) => g.act(h, { type: 'appeal', conferenceRequested: false }, grievantSide));
    // GRV-DECIDE-10 at level 2, from receipt Tue 10-12: 10 school days end Tue 10-26; the contract's 15 work days Tue 11-02.
    expect((await g.deadline(rules, '2:decision')).current).toMatchObject({ due: '2027-10-26' });
    expect((await g.deadline(harbor, '2:decision')).current).toMatchObject({ due: '2027-11-02' });

    await on('2027-10-22');
    await both((h) => g.act(h, { type: 'decide', outcome: 'denied', text: 'Level 2: upheld.' }, principal));
    // From Fri 10-22: RULES.md's appeal to level 3 within 5 school days, Fri 10-29; the contract's last level is 2, and
    // a demand for arbitration is due within 20 work days (Veterans Day 11-11 skipped), Mon 11-22.
    expect((await g.deadline(rules, '2:appeal')).current).toMatchObject({ due: '2027-10-29' });
    expect((await g.deadline(harbor, '2:arbitration')).current).toMatchObject({ rule: 'GRV-FINAL', due: '2027-11-22' });

    await on('2027-10-28');
    await g.act(rules, { type: 'appeal', conferenceRequested: false }, grievantSide);
    // GRV-FINAL: under the contract, level 2 is the last level: no appeal, a demand for arbitration ends the procedure.
    await expect(g.act(harbor, { type: 'appeal', conferenceRequested: false }, grievantSide)).rejects.toMatchObject({ cause: { type: 'CaseConflict', message: expect.stringContaining('last level') } });
    await g.act(harbor, { type: 'demand-arbitration' }, grievantSide);
    // GRV-DECIDE-10 at level 3, from receipt Thu 10-28: 10 school days (Veterans Day skipped) end Fri 11-12.
    expect((await g.deadline(rules, '3:decision')).current).toMatchObject({ due: '2027-11-12' });

    await on('2027-11-10');
    await g.act(rules, { type: 'decide', outcome: 'granted', text: 'Level 3: the observation is removed.' }, principal);

    const [ruled, arbitrated] = await Promise.all([g.closed(rules), g.closed(harbor)]);
    expect(ruled).toMatchObject({ outcome: 'final', level: 3, process: { closed: { reason: 'final', on: '2027-11-10', rule: 'GRV-FINAL' } } });
    expect(dues(ruled.clock.deadlines)).toEqual([
      ['0:filing', '2027-12-02', 'met'],
      ['1:decision', '2027-10-19', 'met'],
      ['1:appeal', '2027-10-15', 'met'],
      ['2:decision', '2027-10-26', 'met'],
      ['2:appeal', '2027-10-29', 'met'],
      ['3:decision', '2027-11-12', 'met'],
    ]);
    expect(arbitrated).toMatchObject({ outcome: 'sent-to-arbitration', level: 2, process: { closed: { reason: 'sent-to-arbitration', on: '2027-10-28', rule: 'GRV-FINAL' } } });
    expect(dues(arbitrated.clock.deadlines)).toEqual([
      ['0:filing', '2027-11-12', 'met'],
      ['1:decision', '2027-10-18', 'met'],
      ['1:appeal', '2027-10-14', 'met'],
      ['2:decision', '2027-11-02', 'met'],
      ['2:arbitration', '2027-11-22', 'met'],
    ]);
  });
});
