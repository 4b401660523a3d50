import { schoolYearsAround } from '../calendar';
import type { CaseFacts, CaseFamily, WantedDeadline } from '../case/case-family';
import type { Actor } from '../actor';
import type { ParAction, ParCase, ParDeadlineKey, ParEvent } from './par-case';
import { DEADLINE_RULES, pendingDeadlines } from './par-deadlines';
import { PAR_REMINDER_POLICY, parNoticesForEvent, parReceipt, parReminder, type ParNoticeContext } from './par-notices';
import { transition } from './par-process';
import { refreshSchedule } from './par-schedule';
import { ACTION_PARTS, canSee, partsOf, viewerOf } from './par-visibility';

/** Fixed when an intervention opens: its program year, school and the panel's and HR's addresses. */
export interface ParProfile {
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly contacts?: ParNoticeContext['contacts'];
  readonly people?: ParNoticeContext['people'];
  readonly openedBy: Actor;
}

/** The deadlines an action meets (others it ends are cancelled). */
const MEETS: Partial<Record<ParAction['type'], readonly ParDeadlineKey[]>> = {
  'send-acceptance-notice': ['acceptance-notice'],
  'request-consulting-teacher': ['consulting-teacher-request'],
  'assign-consulting-teacher': ['consulting-teacher-assignment'],
  'hold-ipg-conference': ['ipg-conference'],
  'file-monthly-log': ['monthly-log'],
  'review-semester': ['semester-review'],
  'hold-final-conference': ['final-conference'],
  'file-final-report': ['final-report'],
  'respond-to-report': ['final-response'],
  // The outcome vote is also the review of the plan's last semester (PAR-SEMESTER).
  'panel-vote': ['outcome', 'semester-review'],
};

/** A clock key is the deadline's occurrence (`monthly-log:2027-09-20`): each month's log is its own deadline. */
const deadlineOf = (occurrence: string) => occurrence.split(':')[0] as ParDeadlineKey;

/** What notices are built from: the case, its contacts, and the clock's deadlines with their due dates. */
const noticeContext = (facts: CaseFacts<ParCase, ParProfile>): ParNoticeContext => ({
  state: facts.state,
  workflowId: facts.workflowId,
  today: facts.today,
  contacts: facts.profile.contacts,
  people: facts.profile.people,
  deadlines: facts.deadlines,
  deadlineOf: (key) => {
    const occurrence = pendingDeadlines(facts.state)[key]?.occurrence;
    return occurrence === undefined ? undefined : facts.deadlines?.find((d) => d.key === occurrence);
  },
});

/** Peer Assistance and Review (RULES.md PAR-*) on the case kernel: one intervention, Referred or Volunteer. */
export const parFamily: CaseFamily<ParCase, ParProfile, ParEvent, ParDeadlineKey> = {
  caseType: 'par',

  opening: (state, _profile, openedBy, at) => ({
    action: state.participation.kind === 'referred' ? 'referred' : 'applied',
    actor: openedBy,
    at,
    notes: [state.participation.kind === 'referred' ? 'PAR-REF-ELIG: referred on the final evaluation' : 'PAR-VOL-ELIG: applied as a Volunteer; the panel votes on it'],
    stage: { status: state.status, level: 0 },
  }),
  transition: (state, event, ctx) =>
    transition(state, event, {
      today: ctx.today,
      actor: ctx.actor,
      calendars: ctx.calendars,
      dueOf: (key) => {
        const spec = pendingDeadlines(state)[key];
        return spec ? ctx.dueOfKey(spec.occurrence) : undefined;
      },
      programHasPlace: false,
    }),
  deadlinePassed: (deadline) => ({ type: 'deadline-passed', deadline }),
  passedDeadlineOf: (event) => (event.type === 'deadline-passed' ? event.deadline : undefined),
  systemEvents: ['deadline-passed', 'place-offered'],
  isClosed: (state) => state.status === 'closed',
  // PAR-PANEL-CONF, PAR-VOL-CONF: what was written (goals, reports, deliberations) stays in the case's parts, which
  // each reader sees through the access table; the log names the step only.
  logEntry: (event) => ({ action: event.type === 'deadline-passed' ? `${event.deadline}-deadline-passed` : event.type }),
  stage: (state) => ({ status: state.status, level: 0 }),

  pendingDeadlines: (state) =>
    Object.values(pendingDeadlines(state)).map(({ label, occurrence, ...spec }): WantedDeadline => ({ key: occurrence, label, spec })),
  clockKeyOf: (state, deadline) => pendingDeadlines(state)[deadline]?.occurrence,
  deadlineOfKey: deadlineOf,
  meets: (event, key) => event.type !== 'deadline-passed' && event.type !== 'place-offered' && (MEETS[event.type]?.includes(deadlineOf(key)) ?? false),
  restartsSettled: false,
  calendarYears: (state, today) => [...new Set([...schoolYearsAround(state.startedOn), ...schoolYearsAround(today)])],
  onCalendar: (state, calendars) => refreshSchedule(state, calendars),

  openingNotices: (facts, openedBy) => [parReceipt(noticeContext(facts), openedBy)],
  noticesFor: (facts, change) =>
    parNoticesForEvent(
      noticeContext(facts),
      change.event,
      change.before,
      change.notes,
      change.actor,
      change.actions,
      change.missed ? { occurrence: change.missed.key, label: change.missed.label, due: change.missed.due, rule: DEADLINE_RULES[deadlineOf(change.missed.key)] } : undefined,
    ),
  reminderPolicy: () => PAR_REMINDER_POLICY,
  reminder: (facts, reminder, deadline) => parReminder(noticeContext(facts), reminder, deadline),

  status: (state) => ({ status: state.closed?.reason ?? state.status }),

  // PAR-VOL-CONF, PAR-PANEL-CONF: the access table (par-visibility.ts), relation to the case x part of it.
  sees: (state, actor) => actor.district === state.district && canSee(state, viewerOf(state, actor).relation, 'summary'),
  seesWholeRecord: (state, actor) => actor.district === state.district && partsOf(state).every((part) => canSee(state, viewerOf(state, actor).relation, part)),
  seesAction: (state, actor, action) => actor.district === state.district && canSee(state, viewerOf(state, actor).relation, ACTION_PARTS[action] ?? 'summary'),
};
