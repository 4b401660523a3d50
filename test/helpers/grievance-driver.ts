// The moves of a grievance test or scenario (file, act, read, finish), without vitest: scripts use it too.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '../../src/domain/actor';
import { DistrictCalendars, addDays, dateInZone, type DistrictCalendar } from '../../src/domain/calendar';
import { grievanceWorkflowId, type GrievanceFiling } from '../../src/domain/grievance/grievance-case';
import type { GrievancePolicy } from '../../src/domain/grievance/grievance-policy';
import type { GrievanceAction } from '../../src/domain/grievance/grievance-process';
import { getGrievanceQuery, grievanceActionUpdate, grievanceWorkflow } from '../../workflows/grievance/grievance-workflow';
import { aFiling } from './grievance-fixtures';
import { closedState } from './temporal-env';

export type GrievanceHandle = WorkflowHandle<typeof grievanceWorkflow>;

export const TZ = 'America/Chicago';
export const hr: Actor = { id: 'hr-clerk', roles: ['hr'], district: 'district-a' };
export const principal: Actor = { id: 'principal', roles: ['decider'], district: 'district-a', levels: [1, 2, 3] };
/** The grievant herself: the fixture filing records her subject (grievance-fixtures.ts). */
export const grievantSide: Actor = { id: 'dana.reyes', roles: ['participant'], district: 'district-a' };

/** The moves every grievance workflow test makes on a time-skipping environment with district-a's calendars. */
export function grievanceDriver(env: () => TestWorkflowEnvironment, calendars: () => DistrictCalendar[], taskQueue: string) {
  const state = (handle: GrievanceHandle) => handle.query(getGrievanceQuery);
  const act = (handle: GrievanceHandle, action: GrievanceAction, by: Actor = hr) => handle.executeUpdate(grievanceActionUpdate, { args: [{ action, by }] });
  const closed = (handle: GrievanceHandle) => closedState(handle, getGrievanceQuery);
  const today = async () => dateInZone(new Date(await env().currentTimeMs()), TZ);

  return {
    env,
    calendars,
    district: () => new DistrictCalendars('district-a', calendars()),
    today,
    state,
    act,
    closed,
    /**
     * Files a grievance (known two days ago unless overridden) as HR, with the calendars the API would pass, pinned
     * to `policy` as the API pins the district's procedure (none: as cases filed before procedures were data).
     */
    async file(overrides: Partial<GrievanceFiling> = {}, policy?: GrievancePolicy) {
      const filing = aFiling({ knewOn: addDays(await today(), -2), ...overrides });
      return env().client.workflow.start(grievanceWorkflow, {
        taskQueue,
        workflowId: grievanceWorkflowId(hr.district, filing.id),
        args: [{ filing, filedBy: hr, calendars: calendars(), ...(policy ? { policy } : {}) }],
      });
    },
    async deadline(handle: GrievanceHandle, key: string) {
      return (await state(handle)).clock.deadlines.find((d) => d.key === key)!;
    },
    /**
     * Ends a test's case by withdrawing it (HR records it for the grievants). Not by termination: the Java test server leaks
     * its time-skipping hold when a case that refused an update is terminated, and every later sleep runs in real time.
     */
    async finish(handle: GrievanceHandle) {
      if ((await state(handle)).status !== 'closed') await act(handle, { type: 'withdraw' }, hr);
      await closed(handle);
    },
  };
}
