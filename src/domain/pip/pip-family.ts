import { CalendarNotLoadedError, schoolYearsAround, type DistrictCalendars } from '../calendar';
import type { CaseFacts, CaseFamily } from '../case/case-family';
import { PIP_ACCESS, PIP_ACTION_PARTS, pipRelation } from './pip-access';
import type { PipEvent, PipState } from './pip-case';
import { deadlineKindOf, meets, pendingDeadlines } from './pip-deadlines';
import { PIP_REMINDER_POLICY, pipNoticesForEvent, pipReceipt, pipReminder, type PipNoticeContext } from './pip-notices';
import { transition } from './pip-process';

/** Fixed when a case opens: nothing beyond the state yet (reminders follow PIP_REMINDER_POLICY). */
export type PipProfile = Readonly<Record<string, never>>;

const noticeContext = (facts: CaseFacts<PipState, PipProfile>): PipNoticeContext => ({ state: facts.state, workflowId: facts.workflowId, today: facts.today, deadlines: facts.deadlines });

/** The last instructional day of the case's school year, once its calendar is loaded (PIP-STATUS). */
export function yearEndOf(state: PipState, calendars: DistrictCalendars): PipState {
  try {
    const yearEndsOn = calendars.forDate(`${state.schoolYear.slice(0, 4)}-07-01`).source.lastInstructionalDay;
    return yearEndsOn === state.yearEndsOn ? state : { ...state, yearEndsOn };
  } catch (error) {
    if (error instanceof CalendarNotLoadedError) return state;
    throw error;
  }
}

/**
 * Performance Improvement Plans for support professionals (RULES.md PIP-*) on the case kernel. Each deadline is
 * its own clock key (several steps' check-ins run at once): the deadline a key counts is the key itself, and the
 * reminder policy names its kind (`check-in`, `completion`, `year-end-status`).
 */
export const pipFamily: CaseFamily<PipState, PipProfile, PipEvent, string> = {
  caseType: 'pip',

  opening: (state, _profile, openedBy, at) => ({
    action: 'plan-opened',
    actor: openedBy,
    at,
    notes: ['PIP-TEAM: primary evaluator named', 'PIP-GOAL: plan P1 assigned'],
    stage: { status: state.status, level: 0 },
  }),
  transition: (state, event, ctx) => transition(state, event, { today: ctx.today, actor: ctx.actor, shiftSchoolDays: (date, count) => ctx.shift(date, 'school-day', count) }),
  deadlinePassed: (deadline) => ({ type: 'deadline-passed', deadline }),
  passedDeadlineOf: (event) => (event.type === 'deadline-passed' ? event.deadline : undefined),
  systemEvents: ['deadline-passed'],
  isClosed: (state) => state.status === 'closed',
  // What a plan, comment or evidence says stays in the case's parts, which each reader sees through the access table.
  logEntry: (event) => ({ action: event.type === 'deadline-passed' ? `${deadlineKindOf(event.deadline)}-deadline-passed` : event.type }),
  stage: (state) => ({ status: state.status, level: 0 }),

  pendingDeadlines,
  clockKeyOf: (state, key) => (pendingDeadlines(state).some((d) => d.key === key) ? key : undefined),
  deadlineOfKey: (key) => key,
  reminderDeadlineOf: deadlineKindOf,
  meets: (event, key) => event.type !== 'deadline-passed' && meets(event as { type: string; plan?: string; step?: string }, key),
  restartsSettled: false,
  calendarYears: (state, today) => [...new Set([...schoolYearsAround(state.openedOn), ...schoolYearsAround(today), state.schoolYear])],
  onCalendar: yearEndOf,

  openingNotices: (facts, openedBy) => [pipReceipt(noticeContext(facts), openedBy)],
  noticesFor: (facts, change) => pipNoticesForEvent(noticeContext(facts), change.event, change.before, change.notes, change.actor, change.actions, change.missed),
  reminderPolicy: () => PIP_REMINDER_POLICY,
  reminder: (facts, reminder, deadline) => pipReminder(noticeContext(facts), reminder, deadline),

  status: (state) => ({ status: state.closed?.reason ?? state.status }),

  sees: (state, actor) => PIP_ACCESS[pipRelation(state, actor)].summary,
  seesWholeRecord: (state, actor) => PIP_ACCESS[pipRelation(state, actor)].record,
  // The relations a role alone gives (hr, auditor) whose row holds the record: the codec endpoint's readers (issue 15).
  recordRoles: (['hr', 'auditor'] as const).filter((role) => PIP_ACCESS[role].record),
  seesAction: (state, actor, action) => PIP_ACCESS[pipRelation(state, actor)][PIP_ACTION_PARTS[action] ?? 'summary'],
};
