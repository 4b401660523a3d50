import { schoolYearsAround } from '../calendar';
import type { CaseFacts, CaseFamily, KernelContext } from '../case/case-family';
import type { ObservationCycle, ObservationDeadline, ObservationEvent } from './observation-cycle';
import { cycleNoticesForEvent, cycleReceipt, cycleReminder, OBSERVATION_REMINDER_POLICY, type ObservationNoticeContext } from './observation-notices';
import { ACTION_PARTS, OBS_ACCESS, OBS_PARTS, observationRelation } from './observation-parties';
import { cycleDone, feedbackKey, nextFeedbackDue, pendingDeadlines, transition } from './observation-process';

/** Nothing is fixed beside the cycle itself: its track, evaluators and contacts are in its state. */
export type ObservationProfile = Record<string, never>;

/** A clock key is `feedback:<observation>` or `year-end`. */
const deadlineOfKey = (key: string) => key.split(':')[0] as ObservationDeadline;

const noticeContext = (facts: CaseFacts<ObservationCycle, ObservationProfile>): ObservationNoticeContext => ({ cycle: facts.state, workflowId: facts.workflowId, today: facts.today, deadlines: facts.deadlines });

const access = (state: ObservationCycle, actor: KernelContext['actor']) => OBS_ACCESS[observationRelation(state, actor)];

/** The observation cycle (RULES.md OBS-*) on the case kernel: one educator, one school year. */
export const observationFamily: CaseFamily<ObservationCycle, ObservationProfile, ObservationEvent, ObservationDeadline> = {
  caseType: 'observation-cycle',

  opening: (state, _profile, openedBy, at) => ({
    action: 'opened',
    actor: openedBy,
    at,
    notes: [`OBS-TRACK: track ${state.track.id} (policy v${state.track.policyVersion}): ${state.track.observations} formal observation(s), ${state.track.walkthroughs} walkthrough(s)`],
    stage: { status: state.status, level: 0 },
  }),
  transition: (state, event, ctx) => transition(state, event, { today: ctx.today, actor: ctx.actor, dueOfKey: ctx.dueOfKey }),
  deadlinePassed: (deadline) => ({ type: 'deadline-passed', deadline }),
  passedDeadlineOf: (event) => (event.type === 'deadline-passed' ? event.deadline : undefined),
  systemEvents: ['deadline-passed'],
  isClosed: (state) => cycleDone(state),
  // What a step wrote (feedback, self-scores) stays in the cycle's parts, which each reader sees through the access
  // table; the log keeps the step's own fields for the readers of its part (the timeline's details).
  logEntry: (event) => (event.type === 'deadline-passed' ? { action: `${event.deadline}-deadline-passed` } : { action: event.type, details: event }),
  stage: (state) => ({ status: state.status, level: 0 }),

  pendingDeadlines: (state) => pendingDeadlines(state),
  clockKeyOf: (state, deadline) => {
    // The year's end is no missed deadline: the cycle closes on it with its report (settled as met).
    if (deadline === 'year-end' || deadline === 'grievance-window') return undefined;
    const next = nextFeedbackDue(state);
    return next ? feedbackKey(next.number) : undefined;
  },
  deadlineOfKey,
  meets: (event, key) =>
    (event.type === 'give-written-feedback' && key === feedbackKey(event.observation)) || (event.type === 'deadline-passed' && event.deadline === key),
  restartsSettled: false,
  calendarYears: (state, today) => [...new Set([state.schoolYear, ...schoolYearsAround(today)])],
  // The cycle ends with the last instructional day of its year, as the district calendar has it (CAL-2: amended too).
  onCalendar: (state, calendars) => {
    if (state.closed) return state;
    const start = Number(state.schoolYear.slice(0, 4));
    try {
      const calendar = calendars.forDate(`${start}-12-31`).source;
      return calendar.schoolYear === state.schoolYear && calendar.lastInstructionalDay !== state.endsOn ? { ...state, endsOn: calendar.lastInstructionalDay } : state;
    } catch {
      return state;
    }
  },

  openingNotices: (facts, openedBy) => [cycleReceipt(noticeContext(facts), openedBy)],
  noticesFor: (facts, change) => cycleNoticesForEvent(noticeContext(facts), change.event, change.before, change.notes, change.actor, change.actions),
  reminderPolicy: () => OBSERVATION_REMINDER_POLICY,
  reminder: (facts, reminder, deadline) => cycleReminder(noticeContext(facts), reminder, deadline),

  status: (state) => ({ status: state.status }),

  sees: (state, actor) => access(state, actor).summary,
  seesWholeRecord: (state, actor) => OBS_PARTS.every((part) => access(state, actor)[part]),
  // The relations a role alone gives (hr, auditor) whose row sees every part: the codec endpoint's readers (issue 15).
  recordRoles: (['hr', 'auditor'] as const).filter((role) => OBS_PARTS.every((part) => OBS_ACCESS[role][part])),
  seesAction: (state, actor, action) => access(state, actor)[ACTION_PARTS[action] ?? 'summary'],
};
