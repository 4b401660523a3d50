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

import { PLAN, START } from '../domain/pip/pip-fixtures';

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
