// Drives improvement plan cases on the time-skipping server (tests and the golden-history recorder alike: no vitest here).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fetchCaseHistories } from '../../src/audit/case-history';
import type { Actor } from '../../src/domain/actor';
import { zonedInstant, type CalendarDate } from '../../src/domain/calendar';
import type { PipEvent, PipStart } from '../../src/domain/pip/pip-case';
import { getPipCaseQuery, pipActionUpdate, pipWorkflowId, type PipWorkflowView } from '../../workflows/pip/pip-messages';
import { pipWorkflow } from '../../workflows/pip/pip-workflow';
import { riverside2026, riverside2027, riverside2028 } from '../domain/par/par-fixtures';
import { advanceTo, closedState } from './temporal-env';

import { coach, employee, evaluator, hr, PLAN, START } from '../domain/pip/pip-fixtures';

export { auditor, coach, employee, evaluator, hr, PLAN, START, stranger } from '../domain/pip/pip-fixtures';

/** The start of the fixtures a school year later (2027-2028): the test server's clock starts at today's date. */
export const START_2027: PipStart = {
  ...START,
  schoolYear: '2027-2028',
  openedOn: '2027-09-14',
  plan: { ...PLAN, steps: PLAN.steps.map((s) => ({ ...s, completeBy: nextYear(s.completeBy), checkInOn: nextYear(s.checkInOn) })) },
};

function nextYear(date: CalendarDate): CalendarDate {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

export const PIP_CALENDARS = [riverside2026, riverside2027, riverside2028];

export function pipDriver(env: TestWorkflowEnvironment, taskQueue: string) {
  const client = env.client;
  return {
    /** Moves the server clock to noon (Riverside time) of `date`, firing every timer before it. */
    at: (date: CalendarDate) => advanceTo(env, zonedInstant(date, { hour: 12, minute: 0, second: 0 }, riverside2026.timeZone).getTime()),
    async open(start: PipStart, by: Actor) {
      const workflowId = pipWorkflowId(start.district, start.id);
      await client.workflow.start(pipWorkflow, { taskQueue, workflowId, args: [{ start, openedBy: by, calendars: PIP_CALENDARS }] });
      return workflowId;
    },
    act: (workflowId: string, action: PipEvent, by: Actor) => client.workflow.getHandle(workflowId).executeUpdate(pipActionUpdate, { args: [{ action, by }] }),
    view: (workflowId: string): Promise<PipWorkflowView> => client.workflow.getHandle(workflowId).query(getPipCaseQuery),
    closed: (workflowId: string) => closedState(client.workflow.getHandle(workflowId), getPipCaseQuery),
    async events(workflowId: string): Promise<number> {
      return (await fetchCaseHistories(client, workflowId)).reduce((n, run) => n + (run.history.events?.length ?? 0), 0);
    },
  };
}

export type PipDriver = ReturnType<typeof pipDriver>;

/**
 * A full school year (2027-2028) of two plans, the moves of RULES.md PIP-*: check-ins met and one missed, a step
 * rescheduled, support, an artifact by claim check, comments, both statuses recorded and the case closed.
 */
export const FULL_YEAR: readonly [CalendarDate, PipEvent, Actor][] = [
  ['2027-09-21', { type: 'assign-plan', goal: { statement: 'Keep service logs current', measure: 'logs entered within 2 days, 95% of sessions' }, alignment: ['PR2', 'PR5'], steps: [{ description: 'Weekly log review', completeBy: '2028-03-05', checkInOn: '2027-11-06' }] }, evaluator],
  ['2027-10-14', { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Protocol drafted', nextCheckInOn: '2027-10-23' }, evaluator],
  ['2027-10-15', { type: 'record-support', plan: 'P1', description: 'Coaching on family conferences' }, coach],
  ['2027-10-22', { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol', document: { sha256: 'c'.repeat(64), size: 48_213, contentType: 'application/pdf' } }, employee],
  ['2027-10-23', { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Protocol approved' }, evaluator],
  ['2027-10-28', { type: 'complete-step', plan: 'P1', step: 'S1' }, employee],
  // P2's check-in of 2027-11-06 passes unmet: missed, both told.
  ['2027-11-20', { type: 'comment', plan: 'P2', text: 'Check-in missed; reset.' }, evaluator],
  ['2027-11-20', { type: 'reschedule-step', plan: 'P2', step: 'S1', checkInOn: '2027-12-04', reason: 'missed check-in' }, evaluator],
  ['2027-12-03', { type: 'check-in', plan: 'P2', step: 'S1', progress: 'Logs current for 3 weeks' }, evaluator],
  ['2028-01-20', { type: 'check-in', plan: 'P1', step: 'S2', progress: '18 of 40 conferences held' }, evaluator],
  ['2028-03-04', { type: 'complete-step', plan: 'P2', step: 'S1' }, employee],
  ['2028-03-05', { type: 'record-status', plan: 'P2', status: 'achieved' }, evaluator],
  ['2028-04-14', { type: 'complete-step', plan: 'P1', step: 'S2' }, employee],
  ['2028-04-15', { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Conference logs for 40 students' }, employee],
  ['2028-05-20', { type: 'comment', plan: 'P1', text: 'All conferences logged.' }, evaluator],
  ['2028-05-21', { type: 'record-status', plan: 'P1', status: 'achieved', comments: 'Goal met.' }, evaluator],
];

/** Opens START_2027 (as HR) under `id` on 2027-09-14 and makes the FULL_YEAR moves; the case closes. */
export async function fullPipYear(pip: PipDriver, id: string): Promise<string> {
  await pip.at('2027-09-14');
  const workflowId = await pip.open({ ...START_2027, id }, hr);
  for (const [date, action, by] of FULL_YEAR) {
    await pip.at(date);
    await pip.act(workflowId, action, by);
  }
  return workflowId;
}
