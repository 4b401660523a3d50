import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { districtCalendarWorkflowId } from '../../src/domain/calendar';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../src/domain/grievance/sample-grievance-policies';
import { readGrievanceProcedure, setGrievanceProcedure } from '../../src/temporal/grievance-procedures';
import { grievanceProcedureWorkflowId } from '../../workflows/grievance/grievance-procedure-messages';
import { publishDistrictCalendar, readDistrictCalendar } from '../../src/temporal/district-calendars';
import { testDataConverter } from '../helpers/key-ring';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../helpers/temporal';

const hr = { id: 'hr-1', roles: ['hr'] as const, district: 'district-cache' };

describe('reading a district calendar or procedure (issue 11: read again only when its history grew)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let client: Client;
  let queries = 0;
  let describes = 0;
  /** When set, the next description read is held back (its answer given only once `release` is called). */
  let holdNext: { described: () => void; released: Promise<void> } | undefined;
  const taskQueue = 'calendar-reads';

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    // A client of its own that counts the queries it sends (each one a workflow task on a worker).
    const counting: WorkflowClientInterceptor = {
      async query(input, next) {
        queries += 1;
        return next(input);
      },
      async describe(input, next) {
        describes += 1;
        const hold = holdNext;
        holdNext = undefined;
        const answer = await next(input);
        if (hold) {
          hold.described();
          await hold.released;
        }
        return answer;
      },
    };
    client = new Client({ connection: env.connection, dataConverter: testDataConverter(), interceptors: { workflow: [counting] } });
  }, 120_000);

  /** Until the workflow has nothing under way (its history stops growing). */
  const settled = (workflowId: string) =>
    vi.waitFor(
      async () => {
        const { raw } = await env.client.workflow.getHandle(workflowId).describe();
        expect(raw.pendingActivities ?? []).toHaveLength(0);
        expect(raw.pendingWorkflowTask ?? undefined).toBeUndefined();
      },
      { timeout: 30_000, interval: 50 },
    );

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('CAL-1 / CAL-2: read twice, queried once; amended, the next read has the new version', async () => {
    const { calendars } = calendarsAround(await env.currentTimeMs(), hr.district);
    const calendar = calendars[0]!;
    await publishDistrictCalendar(env.client, taskQueue, calendar, { ...hr, roles: ['hr'] }, 'board approved');
    // The calendar announces its new version to the open cases (an activity): its history grows until that is done.
    await settled(districtCalendarWorkflowId(hr.district, calendar.schoolYear));

    queries = 0;
    const first = await readDistrictCalendar(client, hr.district, calendar.schoolYear);
    const second = await readDistrictCalendar(client, hr.district, calendar.schoolYear);
    expect(first?.version).toBe(1);
    expect(second).toEqual(first);
    expect(queries).toBe(1);
    // One record answers every reader: none of them can change it for the next.
    expect(Object.isFrozen(second?.calendar)).toBe(true);

    // A snow day published by another client: this client's next read sees it (read again, since the history grew).
    const snowDay = { kind: 'closure' as const, name: 'Snow day', start: `${calendar.schoolYear.slice(0, 4)}-12-01` };
    await publishDistrictCalendar(env.client, taskQueue, { ...calendar, events: [snowDay] }, { ...hr, roles: ['hr'] }, 'snow day');
    const amended = await readDistrictCalendar(client, hr.district, calendar.schoolYear);
    expect(amended?.version).toBe(2);
    expect(amended?.calendar?.events).toEqual([expect.objectContaining({ name: 'Snow day' })]);
    expect(queries).toBe(2);
  });

  it('a school year without a calendar reads as none, also once one is published for it', async () => {
    const { calendars } = calendarsAround(await env.currentTimeMs(), hr.district);
    const next = calendars[1]!;
    expect(await readDistrictCalendar(client, hr.district, next.schoolYear)).toBeUndefined();
    await publishDistrictCalendar(env.client, taskQueue, next, { ...hr, roles: ['hr'] }, 'board approved');
    expect((await readDistrictCalendar(client, hr.district, next.schoolYear))?.version).toBe(1);
  });

  it('GRV-FILE-40 / issue 16: a procedure read twice is queried once; a new version set, the next read has it', async () => {
    const district = 'district-procedure-cache';
    const by = { id: 'hr-1', roles: ['hr' as const], district };
    await setGrievanceProcedure(env.client, taskQueue, district, 'teachers', { policy: { ...TWO_LEVEL_ARBITRATION_POLICY, version: 2 }, by, reason: 'contract' });
    await settled(grievanceProcedureWorkflowId(district, 'teachers'));
    queries = 0;
    expect((await readGrievanceProcedure(client, district, 'teachers'))?.current.version).toBe(2);
    expect((await readGrievanceProcedure(client, district, 'teachers'))?.current.version).toBe(2);
    expect(queries).toBe(1);
    await setGrievanceProcedure(env.client, taskQueue, district, 'teachers', { policy: { ...TWO_LEVEL_ARBITRATION_POLICY, version: 3 }, by, reason: 'new contract' });
    expect((await readGrievanceProcedure(client, district, 'teachers'))?.current.version).toBe(3);
    expect(queries).toBe(2);
  });

  it('CAL-1: readers at once share one read (one description, one query); a change made through the client ends that sharing', async () => {
    const district = 'district-shared-reads';
    const by = { id: 'hr-1', roles: ['hr' as const], district };
    const { calendars } = calendarsAround(await env.currentTimeMs(), district);
    const calendar = calendars[0]!;
    await publishDistrictCalendar(env.client, taskQueue, calendar, by, 'board approved');
    await settled(districtCalendarWorkflowId(district, calendar.schoolYear));

    queries = 0;
    describes = 0;
    const together = await Promise.all(Array.from({ length: 12 }, () => readDistrictCalendar(client, district, calendar.schoolYear)));
    expect(together.map((r) => r?.version)).toEqual(Array(12).fill(1));
    expect(describes).toBe(1);
    expect(queries).toBe(1);
    // A school year without a calendar: the readers at once share its one "not found" too.
    describes = 0;
    expect(await Promise.all(Array.from({ length: 5 }, () => readDistrictCalendar(client, district, '2090-2091')))).toEqual(Array(5).fill(undefined));
    expect(describes).toBe(1);

    // A read under way (its description taken before the change, its answer not yet given) when this client
    // publishes a change: a read after the change reads again rather than take that answer.
    let release = () => {};
    let described = () => {};
    const wasDescribed = new Promise<void>((resolve) => (described = resolve));
    holdNext = { described, released: new Promise<void>((resolve) => (release = resolve)) };
    const before = readDistrictCalendar(client, district, calendar.schoolYear);
    await wasDescribed;
    const snowDay = { kind: 'closure' as const, name: 'Snow day', start: `${calendar.schoolYear.slice(0, 4)}-12-01` };
    await publishDistrictCalendar(client, taskQueue, { ...calendar, events: [snowDay] }, by, 'snow day');
    const after = readDistrictCalendar(client, district, calendar.schoolYear);
    release();
    expect((await after)?.version).toBe(2);
    // The read begun before the change answers either version: it ran alongside the change.
    expect([1, 2]).toContain((await before)?.version);
  });
});
