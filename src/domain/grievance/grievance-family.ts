import { addDays, schoolYearsAround } from '../calendar';
import type { CaseFacts, CaseFamily, WantedDeadline } from '../case/case-family';
import { DEFAULT_GRIEVANCE_REMINDER_POLICY, type ReminderPolicy } from '../notices/reminder-policy';
import type { GrievanceCaseFile } from './grievance-case';
import { deadlineReminder, filingReceipt, noticesForEvent, type NoticeContext } from './grievance-notices';
import { decidesAt, GRIEVANCE_ACCESS, grievanceRelation } from './grievance-parties';
import { pendingDeadlines, transition, type DeadlineKey, type GrievanceEvent, type GrievanceProcess } from './grievance-process';

/** A grievance as the case kernel runs it: the case file and where the procedure stands. */
export interface GrievanceState {
  readonly file: GrievanceCaseFile;
  readonly process: GrievanceProcess;
}

/** Fixed when the case opens: who is reminded of what, when. */
export interface GrievanceProfile {
  readonly reminderPolicy: ReminderPolicy;
}

/** Which deadline an action meets (the others it ends are cancelled). */
const MEETS: Partial<Record<GrievanceEvent['type'], DeadlineKey>> = {
  'declare-formal': 'filing',
  'schedule-conference': 'conference',
  decide: 'decision',
  appeal: 'appeal',
  'demand-arbitration': 'arbitration',
};

/** A clock key is the level and the deadline (`1:decision`): each level's deadlines are their own. */
const keyOf = (process: GrievanceProcess, deadline: DeadlineKey) => `${process.level}:${deadline}`;
const deadlineOfKey = (key: string) => key.split(':')[1] as DeadlineKey;

/** What notices are built from: the case, and the clock's deadlines with their due dates (never computed here). */
const noticeContext = (facts: CaseFacts<GrievanceState, GrievanceProfile>): NoticeContext => ({
  grievance: facts.state.file,
  process: facts.state.process,
  workflowId: facts.workflowId,
  today: facts.today,
  deadlines: facts.deadlines,
  deadlineOf: (deadline, level) => facts.deadlines?.find((d) => d.key === `${level}:${deadline}`),
});

/** The grievance procedure (RULES.md GRV-*) on the case kernel. */
export const grievanceFamily: CaseFamily<GrievanceState, GrievanceProfile, GrievanceEvent, DeadlineKey> = {
  caseType: 'grievance',

  opening: (state, _profile, openedBy) => ({
    action: 'filed',
    actor: openedBy,
    at: state.file.filedAt,
    stage: { status: state.process.status, level: state.process.level },
  }),
  transition: (state, event, ctx) => {
    const result = transition(state.process, event, {
      today: ctx.today,
      actor: ctx.actor,
      // GRV-REP: the representative's delay, in the unit the district's procedure gives it.
      shift: (date, limit) => (limit.unit === 'calendar-day' ? addDays(date, limit.count) : ctx.shift(date, limit.unit, limit.count)),
      dueOf: (deadline) => ctx.dueOfKey(keyOf(state.process, deadline)),
      parties: ctx.parties === 'legacy' ? 'legacy' : { relation: grievanceRelation(state.file, ctx.actor), decidesAt: (level) => decidesAt(state.file, ctx.actor, level) },
    });
    return result.ok ? { ...result, state: { ...state, process: result.state } } : result;
  },
  deadlinePassed: (deadline) => ({ type: 'deadline-passed', deadline }),
  passedDeadlineOf: (event) => (event.type === 'deadline-passed' ? event.deadline : undefined),
  // Passed deadlines come from the case's timers, migrations from the procedure's workflow: never from a request.
  systemEvents: ['deadline-passed', 'policy-migrated'],
  isClosed: (state) => state.process.status === 'closed',
  logEntry: (event) => {
    if (event.type === 'deadline-passed') return { action: `${event.deadline}-deadline-passed` };
    // The notes state the old and new limits; the details name the version and why, not the whole procedure again.
    if (event.type === 'policy-migrated') return { action: event.type, details: { version: event.policy.version, reason: event.reason } };
    return { action: event.type, details: event };
  },
  stage: (state) => ({ status: state.process.status, level: state.process.level }),

  pendingDeadlines: (state) =>
    (Object.entries(pendingDeadlines(state.process)) as [DeadlineKey, NonNullable<ReturnType<typeof pendingDeadlines>[DeadlineKey]>][]).map(
      ([deadline, { label, ...spec }]): WantedDeadline => ({ key: keyOf(state.process, deadline), label, spec }),
    ),
  clockKeyOf: (state, deadline) => keyOf(state.process, deadline),
  deadlineOfKey,
  meets: (event, key, before) => {
    const met = event.type === 'deadline-passed' ? undefined : MEETS[event.type];
    return met !== undefined && key === keyOf(before.process, met);
  },
  restartsSettled: true,
  calendarYears: (state) => schoolYearsAround(state.file.filedAt.slice(0, 10)),

  openingNotices: (facts, openedBy) => [filingReceipt(noticeContext(facts), openedBy)],
  noticesFor: (facts, change) =>
    noticesForEvent(
      noticeContext(facts),
      change.event,
      change.before.process,
      change.notes,
      change.actor,
      change.actions - 1,
      change.missed ? { ...change.missed, overdueTo: facts.profile.reminderPolicy.overdueTo } : undefined,
    ),
  reminderPolicy: (profile) => profile.reminderPolicy,
  reminder: (facts, reminder, deadline) => deadlineReminder(noticeContext(facts), reminder, deadline, deadlineOfKey(reminder.deadlineKey)),

  status: (state) => ({ status: state.process.closed?.reason ?? state.process.status, level: state.process.level }),

  sees: (state, actor) => GRIEVANCE_ACCESS[grievanceRelation(state.file, actor)].summary,
  seesWholeRecord: (state, actor) => GRIEVANCE_ACCESS[grievanceRelation(state.file, actor)].record,
  // The relations a role alone gives (hr, auditor) whose row holds the record: the codec endpoint's readers (issue 15).
  recordRoles: (['hr', 'auditor'] as const).filter((role) => GRIEVANCE_ACCESS[role].record),
  seesAction: (state, actor) => GRIEVANCE_ACCESS[grievanceRelation(state.file, actor)].filing,
};

export const DEFAULT_GRIEVANCE_PROFILE: GrievanceProfile = { reminderPolicy: DEFAULT_GRIEVANCE_REMINDER_POLICY };
