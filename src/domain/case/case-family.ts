import type { Actor, Role } from '../actor';
import type { CalendarDate, DeadlineSpec, DistrictCalendars, RunningDeadline } from '../calendar';
import type { CaseClockView, CaseDeadline } from '../calendar/case-clock-types';
import type { Notice, NoticeRecord } from '../notices/notice';
import type { ReminderPolicy, ScheduledReminder } from '../notices/reminder-policy';
import type { CaseAction } from './case-action';
import type { Transition } from './refusal';

/**
 * The contract every case family implements (pure: no I/O, no Temporal): how a case starts, moves, which deadlines
 * it runs, which notices it sends, how it shows its status, who its parties are and what each may do and see.
 * One workflow runner (workflows/case/run-case.ts) and one route factory (api/routes/case-family-routes.ts) drive
 * any family that implements it; a family is its domain module, this contract, its schemas, its templates and one
 * registry line (api/families.ts).
 */

/** A deadline the case runs now, under its clock key (a key names one occurrence: `1:decision`, `monthly-log:2027-09-20`). */
export interface WantedDeadline {
  readonly key: string;
  readonly label: string;
  readonly spec: DeadlineSpec;
}

/** What a transition learns from the kernel: today on the district calendar, who acts, the calendars and the clock. */
export interface KernelContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  readonly calendars: DistrictCalendars;
  /** `date` shifted by school or work days on the case's calendars. */
  readonly shift: (date: CalendarDate, unit: 'school-day' | 'work-day', count: number) => CalendarDate;
  /** The due date of a deadline now pending and running, by clock key. */
  readonly dueOfKey: (key: string) => CalendarDate | undefined;
  /**
   * 'checked': the actor's relation to the case decides what they may do and on which side they stand.
   * 'legacy': an action recorded before cases knew their parties, replayed as it was decided then (patch
   * `case-parties`); never used for a new action.
   */
  readonly parties: 'checked' | 'legacy';
}

/** The facts a notice is built from: the case, what was fixed when it opened, its workflow id and today. */
export interface CaseFacts<S, P> {
  readonly state: S;
  readonly profile: P;
  readonly workflowId: string;
  readonly today: CalendarDate;
  /**
   * The case clock's deadlines as they stand after the change (due dates counted on the district calendar, with
   * their explanations): a notice states a date from here, never from its own arithmetic.
   */
  readonly deadlines?: readonly CaseDeadline[] | undefined;
}

/** A deadline that passed unmet, as the clock had it before the transition. */
export interface MissedDeadline {
  readonly key: string;
  readonly label: string;
  readonly due: CalendarDate;
}

/** What a case publishes for listings (search attributes CaseStatus and, for families with levels, CaseLevel). */
export interface CaseStatusLine {
  readonly status: string;
  readonly level?: number | undefined;
}

export interface CaseFamily<S, P, E extends { readonly type: string }, DK extends string> {
  /** The business prefix of the workflow ids (`grievance`, `par`) and the CaseType search attribute. */
  readonly caseType: string;

  // --- start and transition ---
  /** The action log's first entry: the filing, referral or application. */
  opening(state: S, profile: P, openedBy: Actor, at: string): CaseAction;
  transition(state: S, event: E, ctx: KernelContext): Transition<S>;
  /** The event a passed deadline feeds the transition, and back. */
  deadlinePassed(deadline: DK): E;
  passedDeadlineOf(event: E): DK | undefined;
  /** Event types the case feeds itself (passed deadlines, a place offered): refused as actions. */
  readonly systemEvents: readonly string[];
  isClosed(state: S): boolean;
  /** The action log's entry for an accepted event. */
  logEntry(event: E): { readonly action: string; readonly details?: Readonly<Record<string, unknown>> | undefined };
  /** Where the case stands, for the action log and the timeline. */
  stage(state: S): { readonly status: string; readonly level: number };

  // --- deadlines ---
  pendingDeadlines(state: S): readonly WantedDeadline[];
  /** The clock key of a deadline the case runs now, if it runs it. */
  clockKeyOf(state: S, deadline: DK): string | undefined;
  /** The deadline a clock key counts. */
  deadlineOfKey(key: string): DK;
  /**
   * The reminder policy's name of the deadline a clock key counts (its `ReminderRule.deadline`), for a family whose
   * deadlines are their own keys because several of a kind run at once (PIP-STEPS: one check-in per action step).
   * Absent: `deadlineOfKey`.
   */
  reminderDeadlineOf?(key: string): string;
  /** Whether an accepted event meets the pending deadline under `key` (others it ends are cancelled). */
  meets(event: E, key: string, before: S): boolean;
  /** Whether a deadline settled earlier is counted anew when the case wants it again under the same key. */
  readonly restartsSettled: boolean;
  /** The school years whose calendars the case loads when it opens. */
  calendarYears(state: S, today: CalendarDate): readonly string[];
  /** A newly published or amended calendar may change the case itself (PAR: the participant's semesters). */
  onCalendar?(state: S, calendars: DistrictCalendars): S;

  // --- notices ---
  openingNotices(facts: CaseFacts<S, P>, openedBy: Actor): readonly Notice[];
  noticesFor(facts: CaseFacts<S, P>, change: { readonly event: E; readonly before: S; readonly notes: readonly string[]; readonly actor: Actor; readonly actions: number; readonly missed?: MissedDeadline | undefined }): readonly Notice[];
  reminderPolicy(profile: P): ReminderPolicy;
  reminder(facts: CaseFacts<S, P>, reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Notice;

  // --- status ---
  status(state: S): CaseStatusLine;

  // --- parties and access (who may act is checked by `transition`; who may see what, here) ---
  /** Whether the reader stands in any relation to the case: without one, it does not exist for them (404). */
  sees(state: S, actor: Actor): boolean;
  /** Whether the reader may have the raw history, which holds everything ever written to the case. */
  seesWholeRecord(state: S, actor: Actor): boolean;
  /**
   * Roles whose holders, by the role alone, see the whole record of every case of the family in their district (the
   * rows of its access table that hold `record`). The codec endpoint decrypts the family's payloads for them only
   * (issue 15); a family that leaves it out is decrypted there for nobody.
   */
  readonly recordRoles?: readonly Role[] | undefined;
  /** Whether the reader may see what an action of this type wrote (its notes and details in the timeline). */
  seesAction(state: S, actor: Actor, action: string): boolean;
}

/** Everything the runner holds of a case: the family's state and the kernel's common record. */
export interface CaseRecordOf<S, P> {
  readonly workflowId: string;
  readonly state: S;
  readonly profile: P;
  readonly actions: readonly CaseAction[];
  readonly clock: CaseClockView;
  readonly notices: readonly NoticeRecord[];
}
