import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { QueryDefinition, SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import type { CaseActivities } from '../../activities';
import type { Actor } from '../../src/domain/actor';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { CaseAction } from '../../src/domain/case/case-action';
import type { CaseFacts, CaseFamily, CaseRecordOf, KernelContext } from '../../src/domain/case/case-family';
import { KERNEL_FAILURE_TYPES, REFUSAL_FAILURE_TYPES, type Refusal } from '../../src/domain/case/refusal';
import type { Notice, NoticeRecord } from '../../src/domain/notices/notice';
import { CaseLevel, CaseNextDeadline, CaseStatus } from '../../src/temporal/search-attributes';
import { archiveThisRunWhenClosed } from '../audit/case-archive-workflow';
import { HISTORY_BUDGET_BYTES, HistoryBudget } from './history-budget';
import { CaseClock, registerClockHandlers, type CaseClockState } from '../shared/case-clock';
import { registerCaseActions, type CaseActionRequest } from '../shared/case-actions';
import { registerCaseOpened } from '../shared/case-opened';
import { CaseNotices } from '../shared/case-notices';
import { CaseDocuments } from '../shared/case-documents';
import { sendDueReminders } from '../shared/case-reminders';

const { loadDistrictCalendars } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/**
 * Patches of the runner (RULES.md CAL-2; the case-kernel issue). A case that recorded actions before a patch
 * replays them as they were decided; every new action and change takes the patched path.
 * - `status-on-clock-change`: the case publishes its status and next deadline (CaseNextDeadline) when a calendar
 *   amendment, a pause or a resume moves its deadlines, not only when an action is applied.
 * - `case-parties`: who acts, and on which side, follows from the actor's relation to the case (GRV-EXTEND).
 * - `calendars-once`: a new case loads only the calendars newer than those its start carried, so its history holds
 *   each calendar once (issue 11: a new case's history held them twice, in the start input and in this result).
 */
export const STATUS_ON_CLOCK_CHANGE = 'status-on-clock-change';
export const CASE_PARTIES = 'case-parties';
export const CALENDARS_ONCE = 'calendars-once';

/** What a case carries from one run to the next (continue-as-new). */
export interface CaseCarried<S> {
  readonly state: S;
  readonly clock: CaseClockState;
  readonly notices: readonly NoticeRecord[];
  readonly remindersDone: readonly string[];
  readonly actions: readonly CaseAction[];
}

/** How a run starts: a new case from its opening, or a continuing one from what the last run carried. */
export interface CaseStart<S, P> {
  readonly state: S;
  readonly profile: P;
  readonly district: string;
  readonly openedBy: Actor;
  /** The calendars the API read before starting the case; the workflow loads them again and keeps the newer. */
  readonly calendars?: readonly DistrictCalendar[] | undefined;
  readonly carried?: CaseCarried<S> | undefined;
  /** The cause the deadlines are first set with (`filed`, `opened`, `run 2 continues the case`). */
  readonly openingCause: string;
}

/** The runner's handle on a running case, for a family's workflow hooks. */
export interface RunningCase<S, P, E> {
  readonly workflowId: string;
  state(): S;
  record(): CaseRecordOf<S, P>;
  today(): string;
  clock: CaseClock;
  apply(event: E, actor: Actor): void;
  carried(): CaseCarried<S>;
}

/** What a family's workflow adds to the runner: its messages and view, and, where it needs them, Temporal hooks. */
export interface CaseWorkflowSpec<S, P, E extends { readonly type: string }, DK extends string, V> {
  readonly family: CaseFamily<S, P, E, DK>;
  readonly query: QueryDefinition<V>;
  readonly update: UpdateDefinition<V, [CaseActionRequest<E>]>;
  view(record: CaseRecordOf<S, P>, running: RunningCase<S, P, E>): V;
  /** Search attributes the case upserts first in each run (cases started before the API set them). */
  initialSearchAttributes?(state: S, profile: P): SearchAttributeUpdatePair[];
  /** The family recomputed its deadlines on calendar announcements before the `status-on-clock-change` patch. */
  readonly syncedOnCalendarBeforePatch?: boolean;
  /** More handlers (PAR: the program year's place offered). */
  register?(running: RunningCase<S, P, E>): void;
  /** After the case opened (not on continuing runs): PAR asks its program year for a place. */
  opened?(running: RunningCase<S, P, E>): void;
  /** After each accepted event: PAR's signals to its program year. */
  applied?(before: S, running: RunningCase<S, P, E>): void;
  /** Work under way that must finish before the run ends (signals to other workflows). */
  underWay?(): readonly Promise<unknown>[];
  /** A wake-up besides deadlines and reminders (PAR: the semester's end). */
  wakeAtMs?(running: RunningCase<S, P, E>): number | undefined;
  /** Continue-as-new: whether this run should end here, and the next run's start (PAR: at semester ends). */
  continueAsNew?: {
    startOfRun(running: RunningCase<S, P, E>): number;
    due(running: RunningCase<S, P, E>, startOfRun: number): boolean;
    next(running: RunningCase<S, P, E>): Promise<never>;
  };
}

/**
 * The one case runner: every family's workflow is `runCase(spec, start)`. It owns the case clock (deadlines as
 * durable timers on the district calendar, CAL-1/2/3), keeps it in line with the deadlines the family's state runs
 * and publishes the case's status with every change, validates and applies actions (a refused action never reaches
 * the history), keeps the common action log, sends notices and reminders, drains them before the run ends, and
 * archives the closed run.
 */
export async function runCase<S, P, E extends { readonly type: string }, DK extends string, V>(
  spec: CaseWorkflowSpec<S, P, E, DK, V>,
  start: CaseStart<S, P>,
): Promise<V> {
  const { family } = spec;
  const { workflowId } = workflowInfo();
  const { profile, carried } = start;
  let state: S = carried?.state ?? start.state;
  const clock = new CaseClock(carried?.clock ?? { district: start.district, calendars: [] });
  const notices = new CaseNotices();
  // Issue 15 item 5: the documents an accepted opening or action names become the case's, durably.
  const documents = new CaseDocuments(start.district, workflowId);
  const budget = new HistoryBudget(start);
  const send = (notice: Notice) => {
    budget.notice(notice);
    notices.send(notice);
  };
  const priorNotices = carried?.notices ?? [];
  const remindersDone = new Set<string>(carried?.remindersDone);
  const actions: CaseAction[] = [...(carried?.actions ?? [family.opening(state, profile, start.openedBy, new Date().toISOString())])];

  const record = (): CaseRecordOf<S, P> => ({ workflowId, state, profile, actions, clock: clock.view(), notices: [...priorNotices, ...notices.records] });
  // Notice facts carry the clock's deadlines: activity inputs only, so adding them changes no command on replay.
  const facts = (): CaseFacts<S, P> => ({ state, profile, workflowId, today: clock.today(), deadlines: clock.view().deadlines });
  const context = (actor: Actor, parties: KernelContext['parties']): KernelContext => ({
    today: clock.today(),
    actor,
    calendars: clock.districtCalendars,
    shift: (date, unit, count) => clock.shift(date, unit, count),
    dueOfKey: (key) => {
      const deadline = clock.get(key);
      return deadline?.status === 'pending' && deadline.current?.state === 'running' ? deadline.current.due : undefined;
    },
    parties,
  });

  /** The one status publication: CaseStatus (and CaseLevel), CaseNextDeadline; called on every state change. */
  const publishStatus = () => {
    const line = family.status(state);
    const next = clock.running()[0]?.current;
    upsertSearchAttributes([
      { key: CaseStatus, value: line.status },
      ...(line.level === undefined ? [] : [{ key: CaseLevel, value: String(line.level) }]),
      { key: CaseNextDeadline, value: next?.state === 'running' ? new Date(next.dueAt) : null },
    ]);
  };

  /** Brings the clock in line with the deadlines the case runs now, then publishes the status. */
  const syncDeadlines = (cause: string, change?: { readonly event: E; readonly before: S; readonly missedKey?: string | undefined }) => {
    const wanted = family.pendingDeadlines(state);
    const keys = new Set(wanted.map((w) => w.key));
    for (const deadline of clock.view().deadlines) {
      if (deadline.status !== 'pending' || keys.has(deadline.key)) continue;
      const settled = deadline.key === change?.missedKey ? 'missed' : change && family.meets(change.event, deadline.key, change.before) ? 'met' : 'cancelled';
      clock.settle(deadline.key, settled, cause);
    }
    for (const { key, label, spec: deadlineSpec } of wanted) {
      const existing = clock.get(key);
      if (!existing || (family.restartsSettled && existing.status !== 'pending')) clock.set(key, label, deadlineSpec);
      else if (
        existing.status === 'pending' &&
        (existing.spec.trigger !== deadlineSpec.trigger || existing.spec.count !== deadlineSpec.count || existing.spec.unit !== deadlineSpec.unit)
      ) {
        clock.respec(key, deadlineSpec, cause);
      }
    }
    publishStatus();
    clock.touch();
  };

  const apply = (event: E, actor: Actor, parties: KernelContext['parties'] = 'checked') => {
    const before = state;
    const passed = family.passedDeadlineOf(event);
    const missedKey = passed === undefined ? undefined : family.clockKeyOf(state, passed);
    const missedDeadline = missedKey === undefined ? undefined : clock.get(missedKey);
    const result = family.transition(state, event, context(actor, parties));
    if (!result.ok) throw refusalFailure(result);
    state = result.state;
    const entry = family.logEntry(event);
    actions.push({ action: entry.action, actor, at: new Date().toISOString(), notes: result.notes, stage: family.stage(state), ...(entry.details ? { details: entry.details } : {}) });
    syncDeadlines(result.notes.join('; '), { event, before, missedKey });
    const missed = missedDeadline?.current?.state === 'running' ? { key: missedDeadline.key, label: missedDeadline.label, due: missedDeadline.current.due } : undefined;
    for (const notice of family.noticesFor(facts(), { event, before, notes: result.notes, actor, actions: actions.length, missed })) send(notice);
    spec.applied?.(before, running);
  };

  const running: RunningCase<S, P, E> = {
    workflowId,
    state: () => state,
    record,
    today: () => clock.today(),
    clock,
    apply: (event, actor) => apply(event, actor),
    carried: () => ({ state, clock: clock.snapshot(), notices: record().notices, remindersDone: [...remindersDone], actions }),
  };

  const sendReminders = () =>
    sendDueReminders(clock, family.reminderPolicy(profile), remindersDone, (key) => family.reminderDeadlineOf?.(key) ?? family.deadlineOfKey(key), (reminder, deadline) => send(family.reminder(facts(), reminder, deadline)));

  registerClockHandlers(clock, {
    // CAL-2: a calendar published or amended moves the deadlines (and may change the case, PAR's semesters).
    calendarApplied: (announcement) => {
      if (family.onCalendar) state = family.onCalendar(state, clock.districtCalendars);
      if (spec.syncedOnCalendarBeforePatch || patched(STATUS_ON_CLOCK_CHANGE)) {
        syncDeadlines(`calendar ${announcement.schoolYear} v${announcement.version}: ${announcement.summary}`);
      }
    },
    pausedOrResumed: () => {
      if (patched(STATUS_ON_CLOCK_CHANGE)) publishStatus();
    },
  });
  /** Idempotency-Keys of the accepted actions and their requests' digests (this run's; Temporal dedupes the rest). */
  const idempotencyKeys = new Map<string, string>();
  registerCaseActions(spec.query, spec.update, {
    view: () => spec.view(record(), running),
    apply: ({ action, by, idempotency }) => {
      apply(action, by, patched(CASE_PARTIES) ? 'checked' : 'legacy');
      if (idempotency) idempotencyKeys.set(idempotency.key, idempotency.digest);
      // Issue 15 item 5: started here, not awaited: the Update answers at once, the keep follows with retries.
      documents.keep(action);
    },
    answered: (request, view) => budget.action(request, view),
    refusalOf: ({ action, by, idempotency }) => {
      // Someone with no relation to the case learns nothing of it: it does not exist for them (404).
      if (!family.sees(state, by)) return ApplicationFailure.create({ type: KERNEL_FAILURE_TYPES.notFound, message: 'no such case', nonRetryable: true });
      const earlier = idempotency && idempotencyKeys.get(idempotency.key);
      if (earlier !== undefined && earlier !== idempotency?.digest) {
        return ApplicationFailure.create({ type: KERNEL_FAILURE_TYPES.idempotencyConflict, message: 'this Idempotency-Key was used for another request: a key names one request', nonRetryable: true });
      }
      // Passed deadlines and places offered come from the case's own timers and signals, never from a request.
      if (family.systemEvents.includes(action.type)) return ApplicationFailure.create({ type: REFUSAL_FAILURE_TYPES.forbidden, message: `${action.type} is not an action`, nonRetryable: true });
      const result = family.transition(state, action, context(by, 'checked'));
      if (!result.ok) return refusalFailure(result);
      // Issue 11: an action the history cannot carry is refused now, not accepted and then wedged.
      const over = budget.refuses({ action, by, idempotency }, spec.view(record(), running), workflowInfo().historySize);
      return over === undefined
        ? undefined
        : ApplicationFailure.create({
            type: KERNEL_FAILURE_TYPES.historyBudget,
            message: `this case's history holds about ${Math.round(over.used / 1024)} KB and this action would add about ${Math.round(over.growth / 1024)} KB, past its budget of ${HISTORY_BUDGET_BYTES / 1024 / 1024} MB: shorten the texts (or attach them as documents)`,
            nonRetryable: true,
          });
    },
  });
  spec.register?.(running);

  const initial = spec.initialSearchAttributes?.(state, profile);
  if (initial) upsertSearchAttributes(initial);
  // CAL-3: until the opening has loaded its calendars, and while a deadline already past waits its turn to fire.
  let opening = !carried;
  let continuing = false;
  const pastDue = () => clock.running().some((d) => d.current?.state === 'running' && Date.parse(d.current.dueAt) <= Date.now());
  const waitsForCalendar = () => clock.view().deadlines.some((d) => d.status === 'pending' && d.current === undefined);
  // Handlers change the case between awaits: read its state through a function, not a narrowed variable.
  const closed = () => family.isClosed(state);
  if (!carried) {
    clock.adoptCalendars(start.calendars ?? []);
    syncDeadlines(start.openingCause);
    // The create's answer (update-with-start) shows the deadlines computed on the calendars the API read; a case
    // entered with past dates (CAL-3) answers once those deadlines fired (or the case closed, or continues as new).
    registerCaseOpened(() => spec.view(record(), running), {
      firing: () => pastDue() || waitsForCalendar(),
      settled: () => closed() || continuing || (!opening && !pastDue()),
    });
    // Issue 15 item 5: what the case opened with (its statement, its plan) is the case's, whether or not the API lived
    // to keep it.
    documents.keep(state);
    // A version published between the API's read and this start reached no signal: load once more; newer wins.
    const years = [...family.calendarYears(state, clock.today())];
    const known = Object.fromEntries((start.calendars ?? []).map((c) => [c.schoolYear, c.version ?? 0]));
    clock.adoptCalendars(await (patched(CALENDARS_ONCE) ? loadDistrictCalendars(start.district, years, known) : loadDistrictCalendars(start.district, years)));
    if (family.onCalendar) state = family.onCalendar(state, clock.districtCalendars);
    syncDeadlines('district calendars loaded');
    for (const notice of family.openingNotices(facts(), start.openedBy)) send(notice);
    spec.opened?.(running);
    opening = false;
  } else {
    syncDeadlines(start.openingCause);
    registerCaseOpened(() => spec.view(record(), running));
  }

  /** Work that must finish before the run ends: the family's (signals to other workflows) and the documents' keeps. */
  const underWay = () => [...(spec.underWay?.() ?? []), ...documents.pending()];
  const startOfRun = spec.continueAsNew?.startOfRun(running);
  const system: Actor = { id: 'system:deadline', roles: [], district: start.district };
  while (!closed()) {
    const reminderAt = sendReminders();
    const wakeAt = spec.wakeAtMs?.(running);
    const due = await clock.nextDue(wakeAt === undefined ? reminderAt : Math.min(reminderAt ?? Infinity, wakeAt));
    if (due !== undefined) apply(family.deadlinePassed(family.deadlineOfKey(due)), system);
    if (closed()) break;
    if (spec.continueAsNew && startOfRun !== undefined && spec.continueAsNew.due(running, startOfRun)) {
      // The create's answer, if it still waits, answers now: the next run fires what remains.
      continuing = true;
      await condition(allHandlersFinished);
      await Promise.all([notices.drain(), ...underWay()]);
      if (closed()) break;
      await spec.continueAsNew.next(running);
    }
  }
  // The closing notices (and the family's signals) go out, and an update that closed the case answers, first.
  await notices.drain();
  for (let busy = underWay(); busy.length > 0; busy = underWay()) await Promise.all(busy);
  await condition(allHandlersFinished);
  // Records outlive Temporal's retention: once this run has closed, its history and timeline are archived.
  if (patched('archive-on-close')) await archiveThisRunWhenClosed(start.district);
  return spec.view(record(), running);
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL_FAILURE_TYPES[refusal.kind], message: refusal.message, details: [{ rule: refusal.rule }], nonRetryable: true });
}
