// Drives observation cycles on the time-skipping server (tests and the golden-history recorder alike: no vitest here).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fetchCaseHistories } from '../../src/audit/case-history';
import type { Actor } from '../../src/domain/actor';
import { zonedInstant, type CalendarDate } from '../../src/domain/calendar';
import type { CycleStart, ObservationEvent } from '../../src/domain/observation/observation-cycle';
import { getObservationCycleQuery, observationActionUpdate, observationCycleWorkflowId, type ObservationCycleView } from '../../workflows/observation/observation-messages';
import { observationCycleWorkflow } from '../../workflows/observation/observation-cycle-workflow';
import { certified, cycleStart, educator, lee, ng } from '../domain/observation/observation-fixtures';
import { riverside2026, riverside2027, riverside2028 } from '../domain/par/par-fixtures';
import { advanceTo, closedState } from './temporal-env';

export { certified, cycleStart, educator, hr, lee, ng } from '../domain/observation/observation-fixtures';

export const RIVERSIDE_CALENDARS = [riverside2026, riverside2027, riverside2028];

export function observationDriver(env: TestWorkflowEnvironment, taskQueue: string) {
  const client = env.client;
  return {
    /** Moves the server clock to noon (Riverside time) of `date`, firing every timer before it. */
    at: (date: CalendarDate) => advanceTo(env, zonedInstant(date, { hour: 12, minute: 0, second: 0 }, riverside2027.timeZone).getTime()),
    async open(start: CycleStart) {
      const workflowId = observationCycleWorkflowId(start.district, start.schoolYear, start.educator);
      await client.workflow.start(observationCycleWorkflow, { taskQueue, workflowId, args: [{ start, calendars: RIVERSIDE_CALENDARS }] });
      return workflowId;
    },
    act: (workflowId: string, action: ObservationEvent, by: Actor) => client.workflow.getHandle(workflowId).executeUpdate(observationActionUpdate, { args: [{ action, by }] }),
    view: (workflowId: string): Promise<ObservationCycleView> => client.workflow.getHandle(workflowId).query(getObservationCycleQuery),
    closed: (workflowId: string) => closedState(client.workflow.getHandle(workflowId), getObservationCycleQuery),
    /** Updates the history accepted: a refused one (validator) leaves none. */
    async updatesAccepted(workflowId: string): Promise<number> {
      const runs = await fetchCaseHistories(client, workflowId);
      return runs.flatMap((run) => run.history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    },
    async events(workflowId: string): Promise<number> {
      return (await fetchCaseHistories(client, workflowId)).reduce((sum, run) => sum + (run.history.events?.length ?? 0), 0);
    },
  };
}

export type ObservationDriver = ReturnType<typeof observationDriver>;

/**
 * A whole school year of a professional teacher's cycle on the Riverside 2027-2028 calendar: four observations (two
 * more than the minimum), the second announced with its pre-conference but its written feedback a week late (a
 * process violation by the feedback timer, OBS-FEEDBACK-7), the third's post-conference held by another evaluator
 * (OBS-POSTCONF), the fourth left without feedback, self-score or post-conference; the year ends with the last
 * instructional day (2028-06-02) and its report, and the record stays open for grievances 40 school days more
 * (GRV-FILE-40), into the fall of 2028.
 */
export async function fullObservationYear(driver: ObservationDriver, educatorId = educator.id): Promise<string> {
  const id = educatorId;
  const start = { ...cycleStart(undefined, '2027-08-20'), educator: id };
  await driver.at('2027-08-20');
  const workflowId = await driver.open(start);
  const me: Actor = { ...educator, id };
  const plan: [CalendarDate, ObservationEvent, Actor][] = [
    ['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
    ['2027-09-15', { type: 'submit-self-score', observation: 1, scores: [{ indicator: 'questioning', score: 3 }] }, me],
    ['2027-09-16', { type: 'hold-post-conference', observation: 1, reinforcement: 'Pacing', refinement: 'Questioning', ratingsShared: true, certification: certified }, lee],
    ['2027-09-17', { type: 'give-written-feedback', observation: 1, text: 'Strong pacing; ask more open questions.' }, lee],
    ['2027-11-01', { type: 'hold-pre-conference', plannedFor: '2027-11-04', lessonPlanReviewed: true, certification: certified }, lee],
    ['2027-11-04', { type: 'observe', observation: 2, kind: 'formal', announced: true, certification: certified }, lee],
    ['2027-11-05', { type: 'submit-self-score', observation: 2, scores: [{ indicator: 'questioning', score: 4 }] }, me],
    ['2027-11-08', { type: 'hold-post-conference', observation: 2, reinforcement: 'Questions', refinement: 'Closure', ratingsShared: true, certification: certified }, lee],
    // The feedback week of observation 2 ended on 2027-11-11: the timer recorded the violation; feedback comes late.
    ['2027-11-15', { type: 'give-written-feedback', observation: 2, text: 'Good questions; plan the close.' }, lee],
    ['2028-02-08', { type: 'observe', kind: 'formal', announced: false, certification: certified }, ng],
    ['2028-02-09', { type: 'submit-self-score', observation: 3, scores: [{ indicator: 'questioning', score: 4 }] }, me],
    ['2028-02-10', { type: 'give-written-feedback', observation: 3, text: 'Closure planned and held.' }, ng],
    ['2028-02-11', { type: 'hold-post-conference', observation: 3, reinforcement: 'Closure', refinement: 'Grouping', ratingsShared: true, certification: certified }, lee],
    // Observation 4 gets neither feedback (its week ends 2028-05-08) nor a post-conference (missed by the year's end).
    ['2028-05-01', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
  ];
  for (const [date, action, by] of plan) {
    await driver.at(date);
    await driver.act(workflowId, action, by);
  }
  return workflowId;
}
