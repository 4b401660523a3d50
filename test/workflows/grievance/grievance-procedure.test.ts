import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, computeDeadline, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import type { GrievanceAction } from '../../../src/domain/grievance/grievance-process';
import { CaseNextDeadline } from '../../../src/temporal/search-attributes';
import { calendarAmendedSignal, pauseClocksUpdate, resumeClocksUpdate } from '../../../workflows/shared/case-clock-messages';
import { grievantSide, hr, principal, useGrievanceCases } from '../../helpers/grievance-cases';
import { advanceTo } from '../../helpers/temporal';

describe('grievance procedure on the time-skipping server', () => {
  const { env, calendars, district, today, file, act, state, closed, deadline, finish } = useGrievanceCases('grievance-procedure-test');

  it('GRV-DECIDE-10 / GRV-APPEAL-5 / GRV-FINAL: the happy path through all three levels, every deadline met', async () => {
    const handle = await file();
    const received = await today();
    const decision1 = await deadline(handle, '1:decision');
    expect(decision1.current).toMatchObject({ state: 'running', due: (computeDeadline(district(), { rule: 'GRV-DECIDE-10', trigger: received, unit: 'school-day', count: 10 }) as RunningDeadline).due });

    await act(handle, { type: 'decide', outcome: 'denied', text: 'No violation of handbook 4.2.' }, principal);
    expect((await state(handle)).status).toBe('appeal-window');
    expect((await deadline(handle, '1:appeal')).spec).toMatchObject({ rule: 'GRV-APPEAL-5', count: 5 });
    await act(handle, { type: 'appeal', conferenceRequested: false }, grievantSide);
    await act(handle, { type: 'decide', outcome: 'partially-granted', text: 'Conference to be held.' }, principal);
    await act(handle, { type: 'appeal', conferenceRequested: false }, grievantSide);
    const final = await act(handle, { type: 'decide', outcome: 'granted', text: 'Observation removed.' }, principal);

    expect(final).toMatchObject({ status: 'closed', outcome: 'final', level: 3 });
    expect(final.process.decisions.map((d) => [d.level, d.outcome])).toEqual([[1, 'denied'], [2, 'partially-granted'], [3, 'granted']]);
    expect(final.clock.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['1:decision', 'met'],
      ['1:appeal', 'met'],
      ['2:decision', 'met'],
      ['2:appeal', 'met'],
      ['3:decision', 'met'],
    ]);
    expect((await closed(handle)).outcome).toBe('final');
  });

  it('GRV-ACCEPT: no appeal within 5 school days accepts the decision; the case closes when the window ends', async () => {
    const handle = await file();
    const decided = await act(handle, { type: 'decide', outcome: 'denied', text: 'Denied.' }, principal);
    const window = decided.clock.deadlines.find((d) => d.key === '1:appeal')!.current as RunningDeadline;
    expect(window.due).toBe(shiftDate(district(), await today(), 'school-day', 5));

    await advanceTo(env(), Date.parse(window.dueAt) + 60_000);
    const result = await closed(handle);
    expect(result).toMatchObject({ status: 'closed', outcome: 'accepted', process: { closed: { rule: 'GRV-ACCEPT', on: window.due } } });
    expect(result.clock.deadlines.find((d) => d.key === '1:appeal')!.status).toBe('missed');
  });

  it('GRV-DECISION-LATE: a missed decision opens the appeal window from the missed deadline, and the appeal goes to level 2', async () => {
    const handle = await file();
    const due = (await deadline(handle, '1:decision')).current as RunningDeadline;
    await advanceTo(env(), Date.parse(due.dueAt) + 60_000);

    const late = await state(handle);
    expect(late.status).toBe('appeal-window');
    expect(late.process.decisions).toEqual([{ level: 1, outcome: 'missed', on: due.due }]);
    expect((await deadline(handle, '1:appeal')).spec.trigger).toBe(due.due);
    expect(late.actions.at(-1)).toMatchObject({ action: 'decision-deadline-passed', notes: [expect.stringContaining('GRV-DECISION-LATE')] });

    const appealed = await act(handle, { type: 'appeal', conferenceRequested: false }, grievantSide);
    expect(appealed).toMatchObject({ level: 2, status: 'awaiting-decision' });
    await finish(handle);
  });

  it('GRV-EXTEND: a one-sided proposal moves nothing; accepted by the other side, the deadline gains the days', async () => {
    const handle = await file();
    const before = (await deadline(handle, '1:decision')).current as RunningDeadline;
    await act(handle, { type: 'propose-extension', deadline: 'decision', count: 5, party: 'district' }, principal);
    expect(((await deadline(handle, '1:decision')).current as RunningDeadline).due).toBe(before.due);
    await expect(act(handle, { type: 'accept-extension', party: 'district' }, principal)).rejects.toThrow(WorkflowUpdateFailedError);

    await act(handle, { type: 'accept-extension', party: 'grievant' }, grievantSide);
    const after = await deadline(handle, '1:decision');
    expect((after.current as RunningDeadline).due).toBe(shiftDate(district(), before.due, 'school-day', 5));
    expect(after.changes.at(-1)).toMatchObject({ change: 'moved', previousDue: before.due, cause: expect.stringContaining('GRV-EXTEND') });
    await finish(handle);
  });

  it.each([
    ['the informal step', { level: 0 as const }, []],
    ['level 1', {}, []],
    ['level 2', {}, [{ type: 'decide', outcome: 'denied', text: 'No.' }, { type: 'appeal', conferenceRequested: false }]],
  ] as const)('GRV-WITHDRAW: withdrawal at %s closes the case and marks it withdrawn for listings', async (_name, overrides, steps) => {
    const handle = await file(overrides);
    for (const step of steps) await act(handle, step as GrievanceAction, step.type === 'decide' ? principal : grievantSide);
    const withdrawn = await act(handle, { type: 'withdraw' }, grievantSide);
    expect(withdrawn).toMatchObject({ status: 'closed', outcome: 'withdrawn', process: { closed: { rule: 'GRV-WITHDRAW' } } });
    expect(withdrawn.clock.deadlines.filter((d) => d.status === 'pending')).toEqual([]);
    await closed(handle);
    const { searchAttributes } = await handle.describe();
    expect(searchAttributes.CaseStatus).toEqual(['withdrawn']);
  });

  it('GRV-CONF-5 / GRV-REP: the conference is held within 5 school days; an absent representative delays it one work day, once', async () => {
    const handle = await file({ conferenceRequested: true });
    const received = await today();
    const conferenceDue = ((await deadline(handle, '1:conference')).current as RunningDeadline).due;
    expect(conferenceDue).toBe(shiftDate(district(), received, 'school-day', 5));
    await expect(act(handle, { type: 'schedule-conference', on: addDays(conferenceDue, 1) })).rejects.toMatchObject({ cause: { type: 'CaseRuleViolation' } });

    const on = shiftDate(district(), received, 'school-day', 2);
    await act(handle, { type: 'schedule-conference', on });
    expect((await deadline(handle, '1:decision')).spec.trigger).toBe(on);
    const delayed = await act(handle, { type: 'representative-unavailable' }, grievantSide);
    const moved = shiftDate(district(), on, 'work-day', 1);
    expect(delayed.process.conference).toMatchObject({ on: moved, representativeDelayed: true, outsideAssignedDuties: true });
    expect((await deadline(handle, '1:decision')).spec.trigger).toBe(moved);
    await expect(act(handle, { type: 'representative-unavailable' }, grievantSide)).rejects.toMatchObject({
      cause: { type: 'CaseConflict', message: expect.stringContaining('goes ahead without') },
    });
    await finish(handle);
  });

  it('GRV-INFORMAL / GRV-FILE-40: an informal matter never declared formal is waived when the 40 school days end', async () => {
    const knewOn = addDays(await today(), -2);
    const handle = await file({ level: 0, knewOn });
    const limit = computeDeadline(district(), { rule: 'GRV-FILE-40', trigger: knewOn, unit: 'school-day', count: 40 }) as RunningDeadline;
    expect(((await deadline(handle, '0:filing')).current as RunningDeadline).due).toBe(limit.due);
    await advanceTo(env(), Date.parse(limit.dueAt) + 60_000);
    const result = await closed(handle);
    expect(result).toMatchObject({ outcome: 'waived', process: { closed: { rule: 'GRV-FILE-40', on: limit.due } } });
  });

  it('GRV-INFORMAL: declaring the grievance formal starts level 1 and meets the filing limit', async () => {
    const handle = await file({ level: 0 });
    const formal = await act(handle, { type: 'declare-formal', conferenceRequested: false }, grievantSide);
    expect(formal).toMatchObject({ level: 1, status: 'awaiting-decision' });
    expect(formal.clock.deadlines.find((d) => d.key === '0:filing')!.status).toBe('met');
    await finish(handle);
  });

  it('CAL-3: a case entered with its real past dates fires its past deadlines at once, in order', async () => {
    const receivedOn = shiftDate(district(), await today(), 'school-day', -20);
    const handle = await file({ knewOn: addDays(receivedOn, -1), receivedOn });
    const result = await closed(handle);
    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(result.process.decisions).toEqual([{ level: 1, outcome: 'missed', on: shiftDate(district(), receivedOn, 'school-day', 10) }]);
    expect(result.actions.map((a) => a.action)).toEqual(['filed', 'decision-deadline-passed', 'appeal-deadline-passed']);
  });

  it('CAL-2: a snow day inserted while a decision is pending moves the decision deadline one school day', async () => {
    const handle = await file();
    const before = (await deadline(handle, '1:decision')).current as RunningDeadline;
    const snowDay = shiftDate(district(), await today(), 'school-day', 3);
    const current = calendars().find((c) => c.schoolYear <= snowDay && snowDay.slice(0, 4) >= c.schoolYear.slice(0, 4) && c.firstInstructionalDay <= snowDay && snowDay <= c.lastInstructionalDay)!;
    await handle.signal(calendarAmendedSignal, {
      district: 'district-a',
      schoolYear: current.schoolYear,
      version: 99,
      calendar: { ...current, events: [{ id: 'snow', kind: 'closure', name: 'Snow day', start: snowDay }] },
      summary: `added closure Snow day (${snowDay})`,
      reason: 'snow',
      by: hr,
      at: new Date().toISOString(),
    });
    const moved = await deadline(handle, '1:decision');
    expect((moved.current as RunningDeadline).due).toBe(shiftDate(district(), before.due, 'school-day', 1));
    expect(moved.changes.at(-1)).toMatchObject({ change: 'moved', previousDue: before.due, cause: expect.stringContaining('Snow day') });
    // The case publishes its next deadline with the move, not at its next action: listings and dueBefore follow.
    expect((await handle.describe()).typedSearchAttributes.get(CaseNextDeadline)?.toISOString()).toBe((moved.current as RunningDeadline).dueAt);
    await finish(handle);
  });

  it('CAL-2: a pause takes the case out of the next-deadline listing and a resume puts it back, published at once', async () => {
    const handle = await file();
    const due = ((await deadline(handle, '1:decision')).current as RunningDeadline).dueAt;
    expect((await handle.describe()).typedSearchAttributes.get(CaseNextDeadline)?.toISOString()).toBe(due);
    await handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: 'abeyance by mutual agreement', by: hr }] });
    expect((await handle.describe()).typedSearchAttributes.get(CaseNextDeadline)).toBeUndefined();
    await handle.executeUpdate(resumeClocksUpdate, { args: [{ by: hr }] });
    const resumed = (await deadline(handle, '1:decision')).current as RunningDeadline;
    expect((await handle.describe()).typedSearchAttributes.get(CaseNextDeadline)?.toISOString()).toBe(resumed.dueAt);
    await finish(handle);
  });

  it('GRV-COLLECTIVE: a collective grievance filed at level 2 starts there', async () => {
    const handle = await file({
      level: 2,
      grievants: [
        { name: 'Dana Reyes', position: 'Grade 4 teacher' },
        { name: 'Sam Ito', position: 'Grade 5 teacher' },
      ],
    });
    expect(await state(handle)).toMatchObject({ level: 2, status: 'awaiting-decision' });
    expect((await deadline(handle, '2:decision')).spec.rule).toBe('GRV-DECIDE-10');
    await finish(handle);
  });
});
