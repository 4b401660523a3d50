import { schoolYearsAround } from '../calendar';
import type { CaseFacts, CaseFamily, WantedDeadline } from '../case/case-family';
import { currentPlan, type TapCase, type TapDeadlineKey, type TapEvent, type TapPerson } from './tap-case';
import { TAP_REMINDER_POLICY, tapNoticesForEvent, tapOpened, tapReminder, type TapNoticeContext } from './tap-notices';
import { TAP_ACCESS, TAP_ACTION_PARTS, TAP_PARTS, tapRelation, tapSees } from './tap-parties';
import { pendingDeadlines, transition } from './tap-process';

/** Fixed when a plan opens: who at HR hears of it. */
export interface TapProfile {
  readonly hr?: TapPerson | undefined;
}

/** A clock key names the plan whose review it counts (`review:2`): each plan's review is its own deadline. */
const deadlineOfKey = (key: string) => key.split(':')[0] as TapDeadlineKey;

const noticeContext = (facts: CaseFacts<TapCase, TapProfile>): TapNoticeContext => ({
  state: facts.state,
  workflowId: facts.workflowId,
  today: facts.today,
  hr: facts.profile.hr,
  deadlines: facts.deadlines,
});

/** The Teacher Assistance Plan (RULES.md TAP-*) on the case kernel. */
export const tapFamily: CaseFamily<TapCase, TapProfile, TapEvent, TapDeadlineKey> = {
  caseType: 'tap',

  opening: (state, _profile, openedBy, at) => {
    const plan = currentPlan(state);
    return {
      action: 'opened',
      actor: openedBy,
      at,
      notes: [`TAP-LEVELS: plan opened at level ${plan.level}`, `TAP-DOC: the level ${plan.level} plan documented`],
      stage: { status: state.status, level: plan.level },
    };
  },
  transition: (state, event, ctx) => transition(state, event, { today: ctx.today, actor: ctx.actor, relation: tapRelation(state, ctx.actor) }),
  deadlinePassed: (deadline) => ({ type: 'deadline-passed', deadline }),
  passedDeadlineOf: (event) => (event.type === 'deadline-passed' ? event.deadline : undefined),
  systemEvents: ['deadline-passed'],
  isClosed: (state) => state.status === 'closed',
  // What a plan documents and what a meeting said stay in the case's parts, read through the access table; the log
  // keeps the step and, for a review, its outcome.
  logEntry: (event) => {
    switch (event.type) {
      case 'deadline-passed':
        return { action: `${event.deadline}-deadline-passed` };
      case 'review':
        return { action: 'review', details: { outcome: event.outcome, ...(event.level ? { level: event.level } : {}) } };
      default:
        return { action: event.type };
    }
  },
  stage: (state) => ({ status: state.closed?.outcome ?? state.status, level: currentPlan(state).level }),

  pendingDeadlines: (state) => pendingDeadlines(state).map(({ key, label, ...spec }): WantedDeadline => ({ key, label, spec })),
  clockKeyOf: (state, deadline) => (deadline === 'review' ? `review:${currentPlan(state).n}` : undefined),
  deadlineOfKey,
  // The review meets the review date of the plan it reviews; a revision replaces it (cancelled, a new one counted).
  meets: (event, key) => event.type === 'review' && deadlineOfKey(key) === 'review',
  restartsSettled: false,
  calendarYears: (state, today) => [...new Set([...schoolYearsAround(state.openedOn), ...schoolYearsAround(today)])],

  openingNotices: (facts, openedBy) => [tapOpened(noticeContext(facts), openedBy)],
  noticesFor: (facts, change) => tapNoticesForEvent(noticeContext(facts), change.event, change.before, change.notes, change.actor, change.actions, change.missed),
  reminderPolicy: () => TAP_REMINDER_POLICY,
  reminder: (facts, reminder, deadline) => tapReminder(noticeContext(facts), reminder, deadline),

  status: (state) => ({ status: state.closed?.outcome ?? state.status, level: currentPlan(state).level }),

  sees: (state, actor) => tapSees(state, actor, 'summary'),
  seesWholeRecord: (state, actor) => TAP_PARTS.every((part) => TAP_ACCESS[tapRelation(state, actor)][part]),
  // The relations a role alone gives (hr, auditor) whose row sees every part: the codec endpoint's readers (issue 15).
  recordRoles: (['hr', 'auditor'] as const).filter((role) => TAP_PARTS.every((part) => TAP_ACCESS[role][part])),
  seesAction: (state, actor, action) => tapSees(state, actor, TAP_ACTION_PARTS[action] ?? 'summary'),
};
