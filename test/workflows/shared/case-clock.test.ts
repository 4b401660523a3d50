import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import {
  DistrictCalendars,
  addDays,
  computeDeadline,
  dateInZone,
  shiftDate,
  type DistrictCalendar,
  type RunningDeadline,
} from '../../../src/domain/calendar';
import type { CalendarAnnouncement } from '../../../src/domain/calendar/case-clock-types';
import { calendarAmendedSignal, pauseClocksUpdate, resumeClocksUpdate } from '../../../workflows/shared/case-clock-messages';
import { calendarsAround } from '../../helpers/synthetic-calendars';
import { clockStateQuery, type deadlineProbe } from '../fixtures/workflows';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';

const TZ = 'America/Chicago';
const admin: Actor = { id: 'calendar-admin', roles: ['hr'], district: 'synthetic' };

describe('case clock: live deadlines on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const taskQueue = 'case-clock-test';
  let n = 0;

  beforeAll(async () => {
    // The server first, then the bundle: bundling beside its start on a busy machine outlasts its 5 s to come up.
    env = await createTimeSkippingEnv();
    const bundle = await bundleWorkflows(path.join(__dirname, '../fixtures/workflows.ts'));
    worker = await startTestWorker(env, bundle, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  async function startProbe(count = 5, triggerShift = 0) {
    const { today, calendars } = calendarsAround(await env.currentTimeMs());
    const spec = { rule: 'GRV-DECIDE-10', trigger: addDays(today, triggerShift), unit: 'school-day' as const, count };
    n += 1;
    const handle = await env.client.workflow.start<typeof deadlineProbe>('deadlineProbe', {
      taskQueue,
      workflowId: `probe-${n}`,
      args: [{ district: 'synthetic', calendars, spec }],
    });
    // The probe sets its deadline in its first task; a signal sent before that task would reach it first.
    await handle.query(clockStateQuery);
    const expected = computeDeadline(new DistrictCalendars('synthetic', calendars), spec) as RunningDeadline;
    return { handle, today, calendars, spec, expected };
  }

  const announce = (calendar: DistrictCalendar, version: number, summary: string): CalendarAnnouncement => ({
    district: 'synthetic',
    schoolYear: calendar.schoolYear,
    version,
    calendar,
    summary,
    reason: 'weather',
    by: admin,
    at: new Date().toISOString(),
  });

  it('CAL-2: a closure added mid-wait moves the live deadline one school day, and the timer fires on the new day, not the old', async () => {
    const { handle, today, calendars, spec, expected } = await startProbe();
    const closureDay = shiftDate(new DistrictCalendars('synthetic', calendars), today, 'school-day', 2);
    const amendedYear = { ...calendars[0]!, events: [{ id: 'snow', kind: 'closure' as const, name: 'Snow day', start: closureDay }] };
    const moved = computeDeadline(new DistrictCalendars('synthetic', [amendedYear, calendars[1]!]), spec) as RunningDeadline;
    expect(moved.due).toBe(shiftDate(new DistrictCalendars('synthetic', calendars), expected.due, 'school-day', 1));

    await handle.signal(calendarAmendedSignal, announce(amendedYear, 2, `added closure Snow day (${closureDay})`));
    const result = await handle.result();

    expect(result.outcome).toBe('due');
    expect(dateInZone(new Date(result.firedAt), TZ)).toBe(moved.due);
    expect(Date.parse(result.firedAt)).toBeGreaterThanOrEqual(Date.parse(moved.dueAt));
    expect(Date.parse(result.firedAt)).toBeGreaterThan(Date.parse(expected.dueAt));
    expect(result.deadline.changes.map((c) => [c.change, c.previousDue, c.due])).toEqual([
      ['set', undefined, expected.due],
      ['moved', expected.due, moved.due],
    ]);
    expect(result.deadline.changes[1]!.cause).toContain(`added closure Snow day (${closureDay})`);
  });

  it('CAL-2: an amendment that removes a closure moves the timer earlier; an older version is ignored', async () => {
    const { today, calendars } = calendarsAround(await env.currentTimeMs());
    const closureDay = shiftDate(new DistrictCalendars('synthetic', calendars), today, 'school-day', 2);
    const closed = { ...calendars[0]!, version: 2, events: [{ id: 'snow', kind: 'closure' as const, name: 'Snow day', start: closureDay }] };
    const spec = { rule: 'GRV-DECIDE-10', trigger: today, unit: 'school-day' as const, count: 5 };
    n += 1;
    const handle = await env.client.workflow.start<typeof deadlineProbe>('deadlineProbe', {
      taskQueue,
      workflowId: `probe-${n}`,
      args: [{ district: 'synthetic', calendars: [closed, calendars[1]!], spec }],
    });
    await handle.query(clockStateQuery);
    const withClosure = computeDeadline(new DistrictCalendars('synthetic', [closed, calendars[1]!]), spec) as RunningDeadline;
    const reopened = computeDeadline(new DistrictCalendars('synthetic', calendars), spec) as RunningDeadline;

    await handle.signal(calendarAmendedSignal, announce({ ...calendars[0]!, events: [] }, 3, `removed closure Snow day (${closureDay})`));
    await handle.signal(calendarAmendedSignal, announce(closed, 2, 'stale re-delivery of version 2'));
    const result = await handle.result();

    expect(dateInZone(new Date(result.firedAt), TZ)).toBe(reopened.due);
    expect(Date.parse(result.firedAt)).toBeLessThan(Date.parse(withClosure.dueAt));
    expect(result.deadline.changes.map((c) => c.change)).toEqual(['set', 'moved']);
  });

  it('CAL-3: a deadline already past when the case is entered fires at once', async () => {
    const startedAt = await env.currentTimeMs();
    const { handle, expected } = await startProbe(5, -30);
    expect(Date.parse(expected.dueAt)).toBeLessThan(startedAt);
    const result = await handle.result();
    expect(result.outcome).toBe('due');
    expect(Date.parse(result.firedAt) - startedAt).toBeLessThan(60_000);
  });

  it('CAL-1: paused clocks stop counting and resume where they stopped, with who and why logged', async () => {
    const { handle, today, calendars, spec, expected } = await startProbe(10);
    const pause = await handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'abeyance by mutual agreement', by: admin }] });
    expect(pause).toMatchObject({ from: today, reason: 'abeyance by mutual agreement', pausedBy: admin });

    await env.sleep('7 days');
    const resumed = await handle.executeUpdate(resumeClocksUpdate, { args: [{ by: { ...admin, id: 'hr-director' } }] });
    const resumeDay = dateInZone(new Date(await env.currentTimeMs()), TZ);
    expect(resumed).toMatchObject({ from: today, to: addDays(resumeDay, -1), resumedBy: { id: 'hr-director' } });

    const result = await handle.result();
    const withPause = computeDeadline(new DistrictCalendars('synthetic', calendars), spec, [
      { from: today, to: addDays(resumeDay, -1), reason: 'abeyance by mutual agreement' },
    ]) as RunningDeadline;
    expect(withPause.due > expected.due).toBe(true);
    expect(dateInZone(new Date(result.firedAt), TZ)).toBe(withPause.due);
    expect(result.deadline.changes.map((c) => c.change)).toEqual(['set', 'paused', 'resumed']);
    expect(result.deadline.changes[2]).toMatchObject({ due: withPause.due, cause: expect.stringContaining('resumed by hr-director') });
  });

  it('CAL-1: a pause that ends the day it began stops that day: its record ends where it starts, never before, and the deadline counts it out', async () => {
    const { handle, today, calendars, spec } = await startProbe(10);
    await handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'leave, withdrawn the same day', by: admin }] });
    const resumed = await handle.executeUpdate(resumeClocksUpdate, { args: [{ by: admin }] });
    expect(dateInZone(new Date(await env.currentTimeMs()), TZ)).toBe(today);
    expect(resumed).toMatchObject({ from: today, to: today });
    const state = await handle.query(clockStateQuery);
    expect(state.pauses).toEqual([expect.objectContaining({ from: today, to: today })]);
    const withPause = computeDeadline(new DistrictCalendars('synthetic', calendars), spec, [{ from: today, to: today, reason: 'leave' }]) as RunningDeadline;
    const result = await handle.result();
    expect(dateInZone(new Date(result.firedAt), TZ)).toBe(withPause.due);
  });

  it('refuses to pause paused clocks or resume running ones: the update is rejected and the pause log is unchanged', async () => {
    const { handle } = await startProbe(10);
    await expect(handle.executeUpdate(resumeClocksUpdate, { args: [{ by: admin }] })).rejects.toThrow(WorkflowUpdateFailedError);
    await handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'leave', by: admin }] });
    const refused = handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'again', by: admin }] });
    await expect(refused).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { message: 'the clocks are already paused' } });
    const state = await handle.query(clockStateQuery);
    expect(state.pauses.map((p) => p.reason)).toEqual(['leave']);
    await handle.terminate('test over');
  });
});
