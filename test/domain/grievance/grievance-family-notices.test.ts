import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { openGrievance, type GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import { grievanceFamily, type GrievanceProfile, type GrievanceState } from '../../../src/domain/grievance/grievance-family';
import { FIXED_FILING } from '../../helpers/grievance-fixtures';
import { startProcess, type GrievanceEvent } from '../../../src/domain/grievance/grievance-process';
import { deadlineReminder, filingReceipt, noticesForEvent, type NoticeContext } from '../../../src/domain/grievance/grievance-notices';

/**
 * What the grievance family hands the notice builders (grievance-notices.ts, tested on its own): the case, where it
 * stands, its workflow id and today; for an event, the state before it, the notes, the actor, the action's place
 * in the log and a missed deadline with who hears of it (GRV-DECISION-LATE). The builders are stood in for here, so
 * this file checks the hand-over and nothing of the wording.
 */
vi.mock('../../../src/domain/grievance/grievance-notices', () => ({
  filingReceipt: vi.fn(() => ({ kind: 'filing-receipt' })),
  noticesForEvent: vi.fn(() => [{ kind: 'decision' }]),
  deadlineReminder: vi.fn(() => ({ kind: 'deadline-reminder' })),
}));

const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
const principal: Actor = { id: 'principal-lincoln', roles: ['decider'], district: 'lakeview', levels: [1] };
const { actions: _log, ...opened } = openGrievance(
  {
    filing: FIXED_FILING,
    filedBy: hr,
  },
  new Date('2026-10-05T15:00:00Z'),
);
const file: GrievanceCaseFile = opened;
const before: GrievanceState = { file, process: startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: false }) };
const after: GrievanceState = { file, process: { ...before.process, status: 'appeal-window', decisions: [{ level: 1, outcome: 'denied', on: '2026-10-14', by: principal }] } };
const profile: GrievanceProfile = { reminderPolicy: { rules: [], overdueTo: ['district-side', 'grievant-side'], sendAt: { hour: 7, minute: 0 } } };
const workflowId = 'grievance:lakeview:G-2026-001';
const context = (state: GrievanceState, today: string) => expect.objectContaining({ grievance: file, process: state.process, workflowId, today });

describe('grievance family: what it hands the notice builders', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('GRV-CONTENT: a new case sends its filing receipt, built from the case as filed, naming who filed it', () => {
    expect(grievanceFamily.openingNotices({ state: before, profile, workflowId, today: '2026-10-05' }, hr)).toEqual([{ kind: 'filing-receipt' }]);
    expect(filingReceipt).toHaveBeenCalledTimes(1);
    expect(vi.mocked(filingReceipt).mock.calls[0]).toEqual([context(before, '2026-10-05'), hr]);
  });

  it('GRV-APPEAL-5 / CAL-1: a notice states due dates from the case clock: its context finds a level\'s deadline by clock key, and none without a clock', () => {
    const clockDeadline = (key: string, due: string): CaseDeadline => ({
      key,
      label: key,
      spec: { rule: 'GRV-DECIDE-10', trigger: '2026-10-05', unit: 'school-day', count: 10 },
      status: 'pending',
      current: undefined,
      changes: [{ at: '2026-10-05T15:00:00.000Z', change: 'set', due, cause: 'filed' }],
    });
    const deadlines = [clockDeadline('1:decision', '2026-10-19'), clockDeadline('2:decision', '2026-11-04'), clockDeadline('1:appeal', '2026-10-21')];
    grievanceFamily.openingNotices({ state: before, profile, workflowId, today: '2026-10-22', deadlines }, hr);
    const withClock = vi.mocked(filingReceipt).mock.calls[0]![0] as NoticeContext;
    expect(withClock.deadlines).toBe(deadlines);
    expect(withClock.deadlineOf?.('decision', 2)).toBe(deadlines[1]);
    expect(withClock.deadlineOf?.('appeal', 1)).toBe(deadlines[2]);
    expect(withClock.deadlineOf?.('appeal', 2)).toBeUndefined();
    grievanceFamily.openingNotices({ state: before, profile, workflowId, today: '2026-10-22' }, hr);
    expect((vi.mocked(filingReceipt).mock.calls[1]![0] as NoticeContext).deadlineOf?.('decision', 1)).toBeUndefined();
  });

  it('GRV-DECIDE-10: an action\'s notices are built from the case after it, the state before, its notes, who acted and its place in the log', () => {
    const decide: GrievanceEvent = { type: 'decide', outcome: 'denied', text: 'No violation found.' };
    const notes = ['GRV-APPEAL-5: level 1 decided, appeal window open'];
    const notices = grievanceFamily.noticesFor({ state: after, profile, workflowId, today: '2026-10-14' }, { event: decide, before, notes, actor: principal, actions: 3 });
    expect(notices).toEqual([{ kind: 'decision' }]);
    expect(noticesForEvent).toHaveBeenCalledTimes(1);
    // The kernel counts actions including the opening; the builders number the actions after it.
    expect(vi.mocked(noticesForEvent).mock.calls[0]).toEqual([context(after, '2026-10-14'), decide, before.process, notes, principal, 2, undefined]);
  });

  it('GRV-DECISION-LATE: a missed deadline is handed over with who is told of it, from the profile fixed at opening', () => {
    const missed = { key: '1:decision', label: 'level 1 written decision due', due: '2026-10-19' };
    const event: GrievanceEvent = { type: 'deadline-passed', deadline: 'decision' };
    grievanceFamily.noticesFor({ state: after, profile, workflowId, today: '2026-10-20' }, { event, before, notes: [], actor: hr, actions: 2, missed });
    expect(vi.mocked(noticesForEvent).mock.calls[0]![6]).toEqual({ ...missed, overdueTo: ['district-side', 'grievant-side'] });
  });

  it('GRV-DECIDE-10: a reminder is built from the case, the reminder, the deadline it reminds of and that deadline\'s name', () => {
    const reminder = { id: 'r-1', deadlineKey: '1:decision' } as never;
    const deadline = { label: 'level 1 written decision due', current: { due: '2026-10-19' } } as never;
    expect(grievanceFamily.reminder({ state: before, profile, workflowId, today: '2026-10-15' }, reminder, deadline)).toEqual({ kind: 'deadline-reminder' });
    expect(deadlineReminder).toHaveBeenCalledTimes(1);
    expect(vi.mocked(deadlineReminder).mock.calls[0]).toEqual([context(before, '2026-10-15'), reminder, deadline, 'decision']);
  });
});
