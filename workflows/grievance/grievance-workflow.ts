import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import type { Actor } from '../../src/domain/actor';
import { schoolYearsAround } from '../../src/domain/calendar';
import { openGrievance, type GrievanceCase, type GrievanceStart } from '../../src/domain/grievance/grievance-case';
import { deadlineReminder, filingReceipt, noticesForEvent, type NoticeContext } from '../../src/domain/grievance/grievance-notices';
import { DEFAULT_GRIEVANCE_REMINDER_POLICY } from '../../src/domain/notices/reminder-policy';
import {
  pendingDeadlines,
  startProcess,
  transition,
  type DeadlineKey,
  type GrievanceAction,
  type GrievanceEvent,
  type GrievanceProcess,
  type Refusal,
  type TransitionContext,
} from '../../src/domain/grievance/grievance-process';
import { CaseLevel, CaseNextDeadline, CaseStatus } from '../../src/temporal/search-attributes';
import { archiveThisRunWhenClosed } from '../audit/case-archive-workflow';
import { CaseClock, registerClockHandlers } from '../shared/case-clock';
import { registerCaseActions } from '../shared/case-actions';
import { CaseNotices } from '../shared/case-notices';
import { sendDueReminders } from '../shared/case-reminders';
import { GRIEVANCE_CONFLICT, GRIEVANCE_FORBIDDEN, GRIEVANCE_RULE_VIOLATION, getGrievanceQuery, grievanceActionUpdate, type GrievanceView } from './grievance-messages';

export { getGrievanceQuery, grievanceActionUpdate };

const { loadDistrictCalendars } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** Which deadline an action meets (the others it ends are cancelled). */
const MEETS: Partial<Record<GrievanceAction['type'], DeadlineKey>> = {
  'declare-formal': 'filing',
  'schedule-conference': 'conference',
  decide: 'decision',
  appeal: 'appeal',
};

/**
 * One grievance case (`grievance:<id>`), from filing to its close: the procedure of RULES.md GRV-* run on the
 * district calendar. Every action is an Update validated against the procedure; every deadline is a durable timer
 * that follows calendar amendments (CAL-2) and pauses, and fires at once when already past (CAL-3).
 */
export async function grievanceWorkflow(start: GrievanceStart): Promise<GrievanceView> {
  let grievance: GrievanceCase = openGrievance(start, new Date());
  const { workflowId } = workflowInfo();
  const policy = start.reminderPolicy ?? DEFAULT_GRIEVANCE_REMINDER_POLICY;
  const clock = new CaseClock({ district: grievance.district, calendars: [] });
  registerClockHandlers(clock);
  const notices = new CaseNotices();
  /** Reminders sent or superseded, by id (a moved deadline gets new ones). */
  const remindersDone = new Set<string>();
  let process: GrievanceProcess = startProcess({
    knewOn: start.filing.knewOn,
    receivedOn: start.filing.receivedOn ?? grievance.filedAt.slice(0, 10),
    level: start.filing.level,
    conferenceRequested: start.filing.conferenceRequested,
  });
  grievance = { ...grievance, actions: grievance.actions.map((a) => ({ ...a, stage: { status: process.status, level: process.level } })) };
  const view = (): GrievanceView => ({
    ...grievance,
    status: process.status,
    level: process.level,
    outcome: process.closed?.reason,
    process,
    clock: clock.view(),
    notices: notices.records,
  });
  const noticeContext = (): NoticeContext => ({ grievance, process, workflowId, today: clock.today() });
  const keyOf = (deadline: DeadlineKey) => `${process.level}:${deadline}`;
  const context = (actor: Actor): TransitionContext => ({
    today: clock.today(),
    actor,
    addWorkDays: (date, count) => clock.shift(date, 'work-day', count),
    dueOf: (deadline) => {
      const current = clock.get(keyOf(deadline))?.current;
      return current?.state === 'running' ? current.due : undefined;
    },
  });

  /** Brings the clock in line with the deadlines the current stage runs. */
  const syncDeadlines = (cause: string, met?: DeadlineKey, missed?: DeadlineKey, previousLevel = process.level) => {
    const wanted = pendingDeadlines(process);
    for (const deadline of clock.view().deadlines) {
      if (deadline.status !== 'pending') continue;
      const [level, key] = deadline.key.split(':') as [string, DeadlineKey];
      const stillWanted = Number(level) === process.level && wanted[key];
      if (stillWanted) continue;
      const sameLevel = Number(level) === previousLevel;
      clock.settle(deadline.key, sameLevel && key === missed ? 'missed' : sameLevel && key === met ? 'met' : 'cancelled', cause);
    }
    for (const [key, spec] of Object.entries(wanted) as [DeadlineKey, NonNullable<(typeof wanted)[DeadlineKey]>][]) {
      const { label, ...deadlineSpec } = spec;
      const existing = clock.get(keyOf(key));
      if (!existing || existing.status !== 'pending') clock.set(keyOf(key), label, deadlineSpec);
      else if (existing.spec.trigger !== deadlineSpec.trigger || existing.spec.count !== deadlineSpec.count) clock.respec(keyOf(key), deadlineSpec, cause);
    }
    const next = clock.running()[0]?.current;
    upsertSearchAttributes([
      { key: CaseStatus, value: process.closed?.reason ?? process.status },
      { key: CaseLevel, value: String(process.level) },
      { key: CaseNextDeadline, value: next?.state === 'running' ? new Date(next.dueAt) : null },
    ]);
    clock.touch();
  };

  const apply = (event: GrievanceEvent, actor: Actor) => {
    const previousLevel = process.level;
    const before = process;
    const missedDeadline = event.type === 'deadline-passed' ? clock.get(keyOf(event.deadline)) : undefined;
    const result = transition(process, event, context(actor));
    if (!result.ok) throw refusal(result);
    process = result.state;
    grievance = {
      ...grievance,
      actions: [
        ...grievance.actions,
        {
          action: event.type === 'deadline-passed' ? `${event.deadline}-deadline-passed` : event.type,
          actor,
          at: new Date().toISOString(),
          notes: result.notes,
          stage: { status: process.status, level: process.level },
          ...(event.type === 'deadline-passed' ? {} : { details: event }),
        },
      ],
    };
    const cause = result.notes.join('; ');
    if (event.type === 'deadline-passed') syncDeadlines(cause, undefined, event.deadline, previousLevel);
    else syncDeadlines(cause, MEETS[event.type], undefined, previousLevel);
    const missed =
      missedDeadline?.current?.state === 'running'
        ? { key: missedDeadline.key, label: missedDeadline.label, due: missedDeadline.current.due, overdueTo: policy.overdueTo }
        : undefined;
    for (const notice of noticesForEvent(noticeContext(), event, before, result.notes, actor, grievance.actions.length - 1, missed)) notices.send(notice);
  };

  /** Sends the reminders whose time has come (policy: which deadlines, how many school days before, to whom). */
  const sendReminders = () =>
    sendDueReminders(clock, policy, remindersDone, (key) => key.split(':')[1]!, (reminder, deadline) => notices.send(deadlineReminder(noticeContext(), reminder, deadline)));

  registerCaseActions(getGrievanceQuery, grievanceActionUpdate, {
    view,
    apply,
    refusalOf: (action, by) => {
      const result = transition(process, action, context(by));
      return result.ok ? undefined : refusal(result);
    },
  });

  clock.adoptCalendars(start.calendars ?? []);
  syncDeadlines('filed');
  // A version published between the API's read and this start reached no signal: load once more; newer wins.
  clock.adoptCalendars(await loadDistrictCalendars(grievance.district, schoolYearsAround(grievance.filedAt.slice(0, 10))));
  syncDeadlines('district calendars loaded');

  notices.send(filingReceipt(noticeContext()));

  const system: Actor = { id: 'system:deadline', roles: [], district: grievance.district };
  while (process.status !== 'closed') {
    const due = await clock.nextDue(sendReminders());
    if (due === undefined) continue;
    const deadline = due.split(':')[1] as DeadlineKey;
    apply({ type: 'deadline-passed', deadline }, system);
  }
  // The closing notices go out, and an update that closed the case answers, before the workflow completes.
  await notices.drain();
  await condition(allHandlersFinished);
  // Records outlive Temporal's retention: once this run has closed, its history and timeline are archived.
  if (patched('archive-on-close')) await archiveThisRunWhenClosed(grievance.district);
  return view();
}

function refusal(result: Refusal) {
  return ApplicationFailure.create({
    type: result.kind === 'conflict' ? GRIEVANCE_CONFLICT : result.kind === 'forbidden' ? GRIEVANCE_FORBIDDEN : GRIEVANCE_RULE_VIOLATION,
    message: result.message,
    details: [{ rule: result.rule }],
    nonRetryable: true,
  });
}
