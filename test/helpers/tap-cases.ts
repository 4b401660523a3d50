import { useCasesEnv } from './grievance-cases';
import { tapDriver } from './tap-driver';

/** One time-skipping environment for a TAP test file: a worker, district-a's calendars around now, and the driver. */
export function useTapCases(taskQueue: string) {
  const ctx = useCasesEnv(taskQueue);
  return { ...tapDriver(ctx.env, ctx.calendars, taskQueue), outboxDir: ctx.outboxDir };
}
