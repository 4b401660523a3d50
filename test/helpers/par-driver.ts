// Drives PAR interventions on the time-skipping server (tests and the golden-history recorder alike: no vitest here).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fetchCaseHistories } from '../../src/audit/case-history';
import type { Actor } from '../../src/domain/actor';
import { zonedInstant, type CalendarDate } from '../../src/domain/calendar';
import type { ParAction } from '../../src/domain/par/par-case';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../src/domain/par/par-policy';
import type { InterventionStart } from '../../src/domain/par/par-process';
import { getParCaseQuery, parActionUpdate, parWorkflowId, type ParInterventionView } from '../../workflows/par/par-intervention-messages';
import { parInterventionWorkflow } from '../../workflows/par/par-intervention-workflow';
import { ctKim, dana, evaluator, finalReport, GOALS, hr, LEGACY_PAR_POLICY, monthlyLog, panel, principal, riverside2026, riverside2027, riverside2028, votes } from '../domain/par/par-fixtures';
import { advanceTo, closedState } from './temporal-env';

export { auditor, ctKim, ctOrtiz, dana, evaluator, finalReport, GOALS, hr, monthlyLog, panel, principal, votes } from '../domain/par/par-fixtures';

/** A district policy under the full-semester rules whose panel assigns within 30 work days (over the summer). */
export const FULL_SEMESTERS_POLICY: ParPolicy = { ...DEFAULT_PAR_POLICY, version: 2, timing: { ...DEFAULT_PAR_POLICY.timing, assignmentWorkDays: 30 } };

export const RIVERSIDE = 'riverside';
export const RIVERSIDE_CALENDARS = [riverside2026, riverside2027, riverside2028];
export const PRESENT = { participant: true, consultingTeacher: true, evaluator: true };

/** The Riverside start of a Referred (spring 2027) or Volunteer case for Dana, as the API would build it. */
export function parStart(kind: 'referred' | 'volunteer', id: string, on: CalendarDate, policy: ParPolicy = DEFAULT_PAR_POLICY): InterventionStart {
  const common = {
    id,
    district: RIVERSIDE,
    policy,
    participant: { id: dana.id, name: 'Dana Reyes', email: 'dana@example.org' },
    evaluator: { id: evaluator.id, name: 'Sam Park' },
    principal: { id: principal.id, name: 'Lin Ng' },
  };
  return kind === 'referred' ? { ...common, kind, referredOn: on } : { ...common, kind, appliedOn: on };
}

export function parDriver(env: TestWorkflowEnvironment, taskQueue: string) {
  const client = env.client;
  return {
    client,
    /** Moves the server clock to noon (Riverside time) of `date`, firing every timer before it. */
    at: (date: CalendarDate) => advanceTo(env, zonedInstant(date, { hour: 12, minute: 0, second: 0 }, riverside2026.timeZone).getTime()),
    async open(start: InterventionStart, by: Actor, schoolYear = '2026-2027') {
      const workflowId = parWorkflowId(start.district, start.id);
      await client.workflow.start(parInterventionWorkflow, {
        taskQueue,
        workflowId,
        args: [{ opening: { start, openedBy: by, schoolYear, school: 'lincoln-elementary', contacts: { panel: { name: 'PAR panel', email: 'par-panel@example.org' } }, calendars: RIVERSIDE_CALENDARS } }],
      });
      return workflowId;
    },
    act: (workflowId: string, action: ParAction, by: Actor) => client.workflow.getHandle(workflowId).executeUpdate(parActionUpdate, { args: [{ action, by }] }),
    view: (workflowId: string): Promise<ParInterventionView> => client.workflow.getHandle(workflowId).query(getParCaseQuery),
    closed: (workflowId: string) => closedState(client.workflow.getHandle(workflowId), getParCaseQuery),
    /** Events per run of the case's continue-as-new chain, oldest run first. */
    async eventsPerRun(workflowId: string): Promise<number[]> {
      return (await fetchCaseHistories(client, workflowId)).map((run) => run.history.events?.length ?? 0);
    },
  };
}

export type ParDriver = ReturnType<typeof parDriver>;

/**
 * The full Referred case of RULES.md PAR-*: two semesters, extended to a third, the district decides. `rules`:
 * 'before-full-semesters' runs it as a case opened before the full-semester rules (its policy copy has none: the
 * golden histories of par-referred-18-months); 'full-semesters' under them, the consulting teacher assigned on the
 * first day of the school year (within the policy's 30 work days), so that three full semesters fit in 18 months.
 */
export async function fullReferredCase(
  par: ParDriver,
  id: string,
  steps: { readonly afterEach?: (date: CalendarDate) => Promise<void>; readonly rules?: 'before-full-semesters' | 'full-semesters' } = {},
) {
  const fullSemesters = steps.rules === 'full-semesters';
  const policy = fullSemesters ? FULL_SEMESTERS_POLICY : LEGACY_PAR_POLICY;
  const wf = await par.open(parStart('referred', id, '2027-05-10', policy), hr);
  const plan: [CalendarDate, ParAction, Actor][] = [
    ['2027-05-12', { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-1' }, panel],
    ['2027-05-20', { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, dana],
    [fullSemesters ? '2027-08-18' : '2027-05-27', { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, panel],
    ['2027-08-25', { type: 'hold-ipg-conference', present: PRESENT, goals: GOALS }, ctKim],
    ...(['2027-09-20', '2027-10-19', '2027-11-18', '2027-12-17', '2028-01-14'] as const).map((d) => [d, { type: 'file-monthly-log', log: monthlyLog(d) }, ctKim] as [CalendarDate, ParAction, Actor]),
    ['2028-01-18', { type: 'sign-report', reportId: 'monthly-log-1' }, dana],
    ['2028-01-20', { type: 'review-semester', ordinal: 1 }, panel],
    ...(['2028-02-15', '2028-03-14', '2028-04-13', '2028-05-12'] as const).map((d) => [d, { type: 'file-monthly-log', log: monthlyLog(d) }, ctKim] as [CalendarDate, ParAction, Actor]),
    ['2028-05-25', { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctKim],
    ['2028-05-30', { type: 'file-final-report', report: finalReport('2028-05-25') }, ctKim],
    ['2028-06-01', { type: 'sign-report', reportId: 'final-report-2' }, dana],
    ['2028-06-05', { type: 'respond-to-report', reportId: 'final-report-2', text: 'I have met goal 1; goal 2 needs the fall.' }, dana],
    ['2028-06-07', { type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, panel],
    ...(['2028-09-14', '2028-10-12', '2028-11-09', '2028-12-07', '2029-01-05'] as const).map((d) => [d, { type: 'file-monthly-log', log: monthlyLog(d) }, ctKim] as [CalendarDate, ParAction, Actor]),
    ['2029-01-08', { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctKim],
    ['2029-01-09', { type: 'file-final-report', report: finalReport('2029-01-08') }, ctKim],
    ['2029-01-19', { type: 'record-deliberation', text: 'Members doubt further assistance would help.' }, panel],
    [
      '2029-01-19',
      { type: 'panel-vote', motion: { kind: 'insufficient-progress', documentedReasons: ['Goal 2 unmet in 9 of 11 observations', 'No change after two specialists'] }, votes: votes(3, 1, 1) },
      panel,
    ],
    ['2029-01-25', { type: 'record-district-decision', decision: 'continue-employment' }, hr],
  ];
  for (const [date, action, by] of plan) {
    await par.at(date);
    await par.act(wf, action, by);
    await steps.afterEach?.(date);
  }
  return wf;
}
