import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Actor } from '../../src/domain/actor';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { ParProgramView } from '../../src/domain/par/program-year';
import { readParProgram, startParProgram } from '../../src/temporal/par-programs';
import type { ProgramSetup } from '../../workflows/par/par-program-messages';
import { publishCalendarsAround } from './publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from './temporal';

export const HR_OFFICE = { name: 'PAR office', email: 'par-office@district.example.org' };

export const programHr = (district: string): Actor => ({ id: 'hr-par-1', roles: ['hr'], district });

/**
 * One time-skipping environment for a PAR program test file: a worker on the test-only workflows entry (the
 * production workflows and a recorder of offered places), and synthetic calendars published for each district.
 */
export function useParPrograms(taskQueue: string, districts: readonly string[]) {
  const ctx = {} as { env: TestWorkflowEnvironment; worker: Awaited<ReturnType<typeof startTestWorker>>; calendars: Record<string, DistrictCalendar[]>; today: string };
  beforeAll(async () => {
    const [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(path.join(__dirname, '../workflows/fixtures/par-program-workflows.ts'))]);
    ctx.env = env;
    ctx.worker = await startTestWorker(env, bundle, taskQueue);
    ctx.calendars = {};
    for (const district of districts) {
      const published = await publishCalendarsAround(env.client, taskQueue, district, await env.currentTimeMs());
      ctx.calendars[district] = published.calendars;
      ctx.today = published.today;
    }
  });
  afterAll(async () => {
    await ctx.worker?.stop();
    await ctx.env?.teardown();
  });

  return {
    ctx,
    /** Configures (and starts) a program year. */
    configure: async (district: string, schoolYear: string, setup: Omit<ProgramSetup, 'by'>) =>
      startParProgram(ctx.env.client, taskQueue, district, schoolYear, { notify: [HR_OFFICE], ...setup, by: programHr(district) }),
    read: async (district: string, schoolYear: string): Promise<ParProgramView> => (await readParProgram(ctx.env.client, district, schoolYear))!,
    /** Waits until the program has recorded a delivery of the notice on every channel. */
    delivered: (district: string, schoolYear: string, occasion: string) =>
      expect
        .poll(
          async () => {
            const view = await readParProgram(ctx.env.client, district, schoolYear);
            return (view?.notices ?? []).filter((n) => n.deliveryId.endsWith(`:${occasion}:${n.channel}`)).map((n) => n.channel).sort();
          },
          { timeout: 15_000 },
        )
        .toEqual(['email', 'webhook']),
    emailOf: async (district: string, schoolYear: string, occasion: string): Promise<NoticeRecord | undefined> =>
      (await readParProgram(ctx.env.client, district, schoolYear))?.notices.find((n) => n.channel === 'email' && n.deliveryId.endsWith(`:${occasion}:email`)),
  };
}
