import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import type { Actor } from '../../src/domain/actor';
import { addDays, DistrictCalendars, schoolYearsAround, zonedInstant } from '../../src/domain/calendar';
import type { ParAction, ParCase, ParContext, ParDeadlineKey, ParEvent } from '../../src/domain/par/par-case';
import { DEADLINE_RULES, pendingDeadlines } from '../../src/domain/par/par-deadlines';
import { PAR_REMINDER_POLICY, parNoticesForEvent, parReceipt, parReminder, type ParNoticeContext } from '../../src/domain/par/par-notices';
import { startIntervention, transition } from '../../src/domain/par/par-process';
import { currentConsultingTeacher } from '../../src/domain/par/par-relation';
import { refreshSchedule } from '../../src/domain/par/par-schedule';
import type { ParRefusal } from '../../src/domain/par/refusal';
import { CaseDistrict, CaseKind, CaseNextDeadline, CaseSchool, CaseStatus, CaseType } from '../../src/temporal/search-attributes';
import { archiveThisRunWhenClosed } from '../audit/case-archive-workflow';
import { CaseClock, registerClockHandlers } from '../shared/case-clock';
import { calendarAmendedSignal } from '../shared/case-clock-messages';
import { registerCaseActions } from '../shared/case-actions';
import { CaseNotices } from '../shared/case-notices';
import { sendDueReminders } from '../shared/case-reminders';
import { assignSeatSignal, parProgramWorkflowId, placeOfferedSignal, releasePlaceSignal, requestPlaceSignal } from './par-program-messages';
import {
  getParCaseQuery,
  PAR_CONFLICT,
  PAR_FORBIDDEN,
  PAR_RULE_VIOLATION,
  parActionUpdate,
  type ParInterventionInput,
  type ParInterventionView,
  type ParLogEntry,
  type ProgramLink,
} from './par-intervention-messages';

export { getParCaseQuery, parActionUpdate };

const { loadDistrictCalendars } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

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
  'panel-vote': ['outcome'],
};

/** A clock key is the deadline's occurrence (`monthly-log:2027-09-20`): each month's log is its own deadline. */
const deadlineOf = (occurrence: string) => occurrence.split(':')[0] as ParDeadlineKey;

/** Semesters of the participant that have ended by `today`: a new one ending starts a new run. */
function semestersEnded(state: ParCase, today: string): number {
  return state.schedule?.semesters.filter((s) => s.end < today).length ?? 0;
}

/**
 * One PAR intervention (`par:<id>`), Referred or Volunteer, from referral or application to its close: the rules of
 * RULES.md PAR-* (src/domain/par) run on the district calendar. Every action is an Update validated by the pure
 * transition; every deadline is a durable timer keyed by its occurrence; the place in the program year is asked
 * for, offered and released by signals (par-program-messages.ts). An 18-month case keeps each run small: it
 * continues as new when a semester ends (or when Temporal suggests it), carrying the whole case.
 */
export async function parInterventionWorkflow(input: ParInterventionInput): Promise<ParInterventionView> {
  const { opening, carried } = input;
  const { workflowId } = workflowInfo();
  let state: ParCase = carried?.state ?? startIntervention(opening.start);
  const clock = new CaseClock(carried?.clock ?? { district: state.district, calendars: [] });
  registerClockHandlers(clock);
  const notices = new CaseNotices();
  const remindersDone = new Set<string>(carried?.remindersDone);
  const log: ParLogEntry[] = [...(carried?.log ?? [])];
  const program: ProgramLink[] = [...(carried?.program ?? [])];
  const signalsUnderWay = new Set<Promise<void>>();
  let placeRequested = carried?.placeRequested ?? false;
  let placedOn = carried?.placedOn;
  const run = (carried?.runs ?? 0) + 1;

  const view = (): ParInterventionView => ({
    workflowId,
    schoolYear: opening.schoolYear,
    school: opening.school,
    case: state,
    clock: clock.view(),
    notices: [...(carried?.notices ?? []), ...notices.records],
    log,
    program,
    placedOn,
    run,
  });
  const noticeContext = (): ParNoticeContext => ({ state, workflowId, today: clock.today(), contacts: opening.contacts });
  const calendars = () => new DistrictCalendars(state.district, clock.snapshot().calendars);
  const dueOf = (key: ParDeadlineKey) => {
    const spec = pendingDeadlines(state)[key];
    const deadline = spec && clock.get(spec.occurrence);
    return deadline?.status === 'pending' && deadline.current?.state === 'running' ? deadline.current.due : undefined;
  };
  const context = (actor: Actor): ParContext => ({ today: clock.today(), actor, calendars: calendars(), dueOf, programHasPlace: false });

  /** Signals the program year; a program year that does not run fails the signal, recorded on the case. */
  const signalProgram = (signal: ProgramLink['signal'], send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) => {
    const handle = getExternalWorkflowHandle(parProgramWorkflowId(state.district, opening.schoolYear));
    const at = new Date().toISOString();
    const sent = send(handle).then(
      () => void program.push({ signal, at }),
      (error: unknown) => void program.push({ signal, at, failure: error instanceof Error ? error.message : String(error) }),
    );
    signalsUnderWay.add(sent);
    void sent.finally(() => signalsUnderWay.delete(sent));
  };
  const requestPlace = () => {
    if (placeRequested) return;
    placeRequested = true;
    const group = state.participation.kind === 'referred' ? 1 : 2;
    signalProgram('requestPlace', (h) => h.signal(requestPlaceSignal, { request: { caseId: state.id, group, since: clock.today() }, workflowId }));
  };

  /** Brings the clock in line with the deadlines the case runs now, and the search attributes with the case. */
  const syncDeadlines = (cause: string, met: readonly ParDeadlineKey[] = [], missed?: string) => {
    const wanted = Object.values(pendingDeadlines(state));
    const occurrences = new Set(wanted.map((w) => w.occurrence));
    for (const deadline of clock.view().deadlines) {
      if (deadline.status !== 'pending' || occurrences.has(deadline.key)) continue;
      clock.settle(deadline.key, deadline.key === missed ? 'missed' : met.includes(deadlineOf(deadline.key)) ? 'met' : 'cancelled', cause);
    }
    for (const { label, occurrence, ...spec } of wanted) {
      const existing = clock.get(occurrence);
      if (!existing) clock.set(occurrence, label, spec);
      else if (existing.status === 'pending' && (existing.spec.trigger !== spec.trigger || existing.spec.count !== spec.count || existing.spec.unit !== spec.unit)) {
        clock.respec(occurrence, spec, cause);
      }
    }
    const next = clock.running()[0]?.current;
    upsertSearchAttributes([
      { key: CaseStatus, value: state.closed?.reason ?? state.status },
      { key: CaseNextDeadline, value: next?.state === 'running' ? new Date(next.dueAt) : null },
    ]);
    clock.touch();
  };

  const apply = (event: ParEvent, actor: Actor) => {
    const before = state;
    const missedOccurrence = event.type === 'deadline-passed' ? pendingDeadlines(state)[event.deadline]?.occurrence : undefined;
    const missedDeadline = missedOccurrence ? clock.get(missedOccurrence) : undefined;
    const result = transition(state, event, context(actor));
    if (!result.ok) throw refusal(result);
    state = result.state;
    const today = clock.today();
    log.push({ action: event.type === 'deadline-passed' ? `${event.deadline}-deadline-passed` : event.type, by: actor.id, at: new Date().toISOString(), on: today, notes: result.notes });
    const cause = result.notes.join('; ');
    syncDeadlines(cause, event.type === 'deadline-passed' || event.type === 'place-offered' ? [] : (MEETS[event.type] ?? []), missedOccurrence);
    const missed =
      missedDeadline?.current?.state === 'running'
        ? { occurrence: missedDeadline.key, label: missedDeadline.label, due: missedDeadline.current.due, rule: DEADLINE_RULES[deadlineOf(missedDeadline.key)] }
        : undefined;
    for (const notice of parNoticesForEvent(noticeContext(), event, before, result.notes, actor.id, log.length, missed)) notices.send(notice);
    // The program year: a place when the case needs one, the consulting teacher's seat, the place freed at the end.
    if (state.status === 'waiting-for-place') requestPlace();
    const consultingTeacher = currentConsultingTeacher(state);
    if (consultingTeacher && consultingTeacher !== currentConsultingTeacher(before)) {
      signalProgram('assignSeat', (h) => h.signal(assignSeatSignal, { caseId: state.id, consultingTeacher }));
    }
    if (state.closed && !before.closed && placeRequested) {
      signalProgram('releasePlace', (h) => h.signal(releasePlaceSignal, { caseId: state.id, on: state.closed!.on }));
    }
  };

  /** Sends the reminders whose time has come; returns when to look again. */
  const sendReminders = () =>
    sendDueReminders(clock, PAR_REMINDER_POLICY, remindersDone, deadlineOf, (reminder, deadline) => notices.send(parReminder(noticeContext(), reminder, deadline)));

  /** When the semester in progress (or the next one) ends: the next run starts the day after. */
  const semesterBoundaryMs = (): number | undefined => {
    const today = clock.today();
    const next = state.schedule?.semesters.find((s) => s.end >= today);
    const timeZone = clock.snapshot().calendars[0]?.timeZone;
    return next && timeZone ? zonedInstant(addDays(next.end, 1), { hour: 0, minute: 0, second: 0 }, timeZone).getTime() : undefined;
  };

  registerCaseActions(getParCaseQuery, parActionUpdate, {
    view,
    apply,
    refusalOf: (action, by) => {
      const result = transition(state, action, context(by));
      return result.ok ? undefined : refusal(result);
    },
  });
  // CAL-2: a calendar published or amended moves the deadlines and may complete the participant's semesters.
  setHandler(calendarAmendedSignal, (announcement) => {
    if (!clock.applyCalendar(announcement)) return;
    state = refreshSchedule(state, calendars());
    syncDeadlines(`calendar ${announcement.schoolYear} v${announcement.version}: ${announcement.summary}`);
  });
  // PAR-PRIORITY: the program year offers a place, at once or when one frees up.
  setHandler(placeOfferedSignal, ({ placedOn: on }) => {
    placedOn = on;
    program.push({ signal: 'placeOffered', at: new Date().toISOString() });
    if (state.status === 'waiting-for-place') apply({ type: 'place-offered' }, { id: `system:${parProgramWorkflowId(state.district, opening.schoolYear)}`, roles: [], district: state.district });
  });

  upsertSearchAttributes([
    { key: CaseType, value: 'par' },
    { key: CaseDistrict, value: state.district },
    { key: CaseKind, value: state.participation.kind },
    ...(opening.school ? [{ key: CaseSchool, value: opening.school }] : []),
  ]);
  if (!carried) {
    clock.adoptCalendars(opening.calendars ?? []);
    syncDeadlines('opened');
    // A version published between the API's read and this start reached no signal: load once more; newer wins.
    clock.adoptCalendars(await loadDistrictCalendars(state.district, [...new Set([...schoolYearsAround(state.startedOn), ...schoolYearsAround(clock.today())])]));
    state = refreshSchedule(state, calendars());
    syncDeadlines('district calendars loaded');
    log.push({ action: state.participation.kind === 'referred' ? 'referred' : 'applied', by: opening.openedBy.id, at: new Date().toISOString(), on: state.startedOn, notes: [] });
    notices.send(parReceipt(noticeContext(), opening.openedBy.id));
    // PAR-PRIORITY: a Referred participant is Group I and served at once; the roster records the place.
    if (state.participation.kind === 'referred') requestPlace();
  } else {
    syncDeadlines(`run ${run} continues the case`);
  }

  const startedInSemesters = semestersEnded(state, clock.today());
  const system: Actor = { id: 'system:deadline', roles: [], district: state.district };
  // Handlers change the case between awaits: read its status through a function, not a narrowed variable.
  const closed = () => state.status === 'closed';
  while (!closed()) {
    const reminderAt = sendReminders();
    const boundary = semesterBoundaryMs();
    const due = await clock.nextDue(boundary === undefined ? reminderAt : Math.min(reminderAt ?? Infinity, boundary));
    if (due !== undefined) apply({ type: 'deadline-passed', deadline: deadlineOf(due) }, system);
    if (closed()) break;
    if (semestersEnded(state, clock.today()) !== startedInSemesters || workflowInfo().continueAsNewSuggested) {
      // PAR-SEMESTER: a semester ended; the next run carries the whole case (the timeline follows the chain).
      await condition(allHandlersFinished);
      await Promise.all([notices.drain(), ...signalsUnderWay]);
      if (closed()) break;
      const next: ParInterventionInput = {
        opening: { ...opening, calendars: undefined },
        carried: {
          state,
          clock: clock.snapshot(),
          notices: view().notices,
          remindersDone: [...remindersDone],
          log,
          program,
          placeRequested,
          placedOn,
          runs: run,
        },
      };
      await continueAsNew<typeof parInterventionWorkflow>(next);
    }
  }
  // The closing notices and the release of the place go out, and an update that closed the case answers, first.
  await notices.drain();
  while (signalsUnderWay.size > 0) await Promise.all([...signalsUnderWay]);
  await condition(allHandlersFinished);
  if (patched('archive-on-close')) await archiveThisRunWhenClosed(state.district);
  return view();
}

function refusal(result: ParRefusal) {
  return ApplicationFailure.create({
    type: result.kind === 'conflict' ? PAR_CONFLICT : result.kind === 'forbidden' ? PAR_FORBIDDEN : PAR_RULE_VIOLATION,
    message: result.message,
    details: [{ rule: result.rule }],
    nonRetryable: true,
  });
}
