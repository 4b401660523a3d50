// The moves of a Teacher Assistance Plan test or scenario (open, act, read, finish), without vitest: scripts use it too.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '../../src/domain/actor';
import { dateInZone, DistrictCalendars, type DistrictCalendar } from '../../src/domain/calendar';
import type { TapAction, TapLevel, TapOpening } from '../../src/domain/tap/tap-case';
import { tapWorkflowId } from '../../workflows/tap/tap-messages';
import { getTapQuery, tapActionUpdate, tapWorkflow } from '../../workflows/tap/tap-workflow';
import { anOpening, hr } from './tap-fixtures';
import { closedState } from './temporal-env';

export type TapHandle = WorkflowHandle<typeof tapWorkflow>;

const TZ = 'America/Chicago';

/** The moves every TAP workflow test makes on a time-skipping environment with district-a's calendars. */
export function tapDriver(env: () => TestWorkflowEnvironment, calendars: () => DistrictCalendar[], taskQueue: string) {
  const state = (handle: TapHandle) => handle.query(getTapQuery);
  const today = async () => dateInZone(new Date(await env().currentTimeMs()), TZ);
  return {
    env,
    district: () => new DistrictCalendars('district-a', calendars()),
    today,
    state,
    act: (handle: TapHandle, action: TapAction, by: Actor = hr) => handle.executeUpdate(tapActionUpdate, { args: [{ action, by }] }),
    closed: (handle: TapHandle) => closedState(handle, getTapQuery),
    /** Opens plan `id` at `level` today (unless said), as HR, with the calendars the API would pass. */
    async open(id: string, level: TapLevel, over: Partial<TapOpening> = {}) {
      const opening = anOpening(level, await today(), { id, ...over });
      return env().client.workflow.start(tapWorkflow, { taskQueue, workflowId: tapWorkflowId(opening.district, id), args: [{ opening, hr: { name: 'HR office', email: 'hr@example.org' }, calendars: calendars() }] });
    },
    async deadline(handle: TapHandle, key: string) {
      return (await state(handle)).clock.deadlines.find((d) => d.key === key)!;
    },
  };
}
