import { addMonths, type CalendarDate, type DeadlineSpec } from '../calendar';
import type { RuleId } from '../case/rule-ids';
import type { ParCase, ParDeadlineKey, ParReport, ParticipantSemester } from './par-case';

/**
 * A deadline the case runs now: what the engine counts (DeadlineSpec, CAL-1), a label for people, and an
 * occurrence id that changes when the deadline is a new one (the next month's log, the third semester's final
 * report), so the case clock settles the old one and sets the new one instead of moving it.
 */
export interface PendingDeadline extends DeadlineSpec {
  readonly label: string;
  readonly occurrence: string;
}

export type PendingDeadlines = Partial<Record<ParDeadlineKey, PendingDeadline>>;

/** PAR-ACCEPT-NOTICE: within two weeks. PAR-CT-SELECT-10: 10 work days. PAR-MAX-18: 18 months. */
export const ACCEPT_NOTICE_WEEKS = 2;
export const CT_REQUEST_WORK_DAYS = 10;
export const MAX_MONTHS = 18;

/** The rule each deadline enforces (refusals about a deadline name it). */
export const DEADLINE_RULES: Record<ParDeadlineKey, RuleId> = {
  'acceptance-notice': 'PAR-ACCEPT-NOTICE',
  'consulting-teacher-request': 'PAR-CT-SELECT-10',
  'consulting-teacher-assignment': 'PAR-CT-SELECT-10',
  'ipg-conference': 'PAR-IPG',
  'monthly-log': 'PAR-MONTHLY',
  'semester-review': 'PAR-SEMESTER',
  'final-conference': 'PAR-FINAL-CONF',
  'final-report': 'PAR-FINAL-CONF',
  'final-response': 'PAR-FINAL-CONF',
  outcome: 'PAR-OUTCOME',
  'max-duration': 'PAR-MAX-18',
  'volunteer-term': 'PAR-VOL-TERM',
  'volunteer-notice': 'PAR-VOL-TERM',
};

type Spec = Omit<PendingDeadline, 'rule'>;

/** The deadlines the case's stage runs, each with its rule. Deadlines that passed unmet are not run again. */
export function pendingDeadlines(state: ParCase): PendingDeadlines {
  const wanted: PendingDeadlines = {};
  const add = (key: ParDeadlineKey, spec: Spec | undefined) => {
    if (spec && state.passed[key] === undefined) wanted[key] = { rule: DEADLINE_RULES[key], ...spec };
  };
  switch (state.status) {
    case 'awaiting-panel-vote':
    case 'waiting-for-place':
    case 'awaiting-district-decision':
    case 'closed':
      break;
    case 'awaiting-acceptance-notice':
      add('acceptance-notice', {
        trigger: state.acceptedOn!,
        unit: 'week',
        count: ACCEPT_NOTICE_WEEKS,
        label: 'acceptance notice by registered mail, with the list of available consulting teachers',
        occurrence: 'acceptance-notice',
      });
      break;
    case 'selecting-consulting-teacher': {
      const windowClosed = state.passed['consulting-teacher-request'];
      if (!state.request && windowClosed === undefined) {
        add('consulting-teacher-request', {
          trigger: state.acceptanceNotice!.sentOn,
          unit: 'work-day',
          count: CT_REQUEST_WORK_DAYS,
          label: 'participant requests a consulting teacher from the list (else the panel designates one)',
          occurrence: 'consulting-teacher-request',
        });
      } else {
        // [design] The panel assigns within its own limit after the request, or after the window closed unused.
        add('consulting-teacher-assignment', {
          trigger: state.request?.on ?? windowClosed!,
          unit: 'work-day',
          count: state.policy.timing.assignmentWorkDays,
          label: state.request ? 'panel approves the requested consulting teacher or assigns another' : 'panel designates a consulting teacher',
          occurrence: 'consulting-teacher-assignment',
        });
      }
      break;
    }
    case 'in-assistance':
      if (state.participation.kind === 'volunteer') addVolunteerTerm(state, add);
      else addAssistance(state, add);
      break;
    case 'awaiting-outcome': {
      const report = finalReportOf(state);
      if (report && !report.responses.length) {
        add('final-response', {
          trigger: report.filedOn,
          unit: 'work-day',
          count: state.policy.timing.finalResponseWorkDays,
          label: 'participant may respond in writing to the final report or appear before the panel',
          occurrence: `final-response:${state.plannedSemesters}`,
        });
      }
      // PAR-SEMESTER [design]: under the full-semester rules the plan's last semester is reviewed too (by the outcome
      // vote, or by a review of its own once it has ended).
      if (state.policy.assistance && state.participation.kind === 'referred') addReview(state, add);
      if (report) {
        add('outcome', {
          trigger: report.filedOn,
          unit: 'work-day',
          count: state.policy.timing.outcomeWorkDays,
          label: 'panel reports the outcome to the participant, the superintendent and the board',
          occurrence: `outcome:${state.plannedSemesters}`,
        });
      }
      addCap(state, add);
      break;
    }
    default: {
      const unknown: never = state.status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
  return wanted;
}

type Add = (key: ParDeadlineKey, spec: Spec | undefined) => void;

/**
 * PAR-SEMESTER: the next semester the panel reviews at its end. The plan's last semester is reviewed by the
 * outcome itself (PAR-OUTCOME), so only the ones before it have a review deadline.
 */
export function semesterToReview(state: ParCase): ParticipantSemester | undefined {
  // Under the full-semester rules every semester of the plan is reviewed (RULES.md PAR-OUTCOME [design]).
  const reviewed = (s: ParticipantSemester) => (state.policy.assistance ? s.ordinal <= state.plannedSemesters : s.ordinal < state.plannedSemesters);
  return state.schedule?.semesters.find((s) => reviewed(s) && !state.reviews.some((r) => r.ordinal === s.ordinal));
}

function addReview(state: ParCase, add: Add): void {
  const review = semesterToReview(state);
  if (!review) return;
  add('semester-review', {
    trigger: review.end,
    unit: 'work-day',
    count: state.policy.timing.semesterReviewWorkDays,
    label: `panel reviews progress at the end of semester ${review.ordinal} (${review.name})`,
    occurrence: `semester-review:${review.ordinal}`,
  });
}

/** The final report of the current semester plan, once filed. */
export function finalReportOf(state: ParCase): ParReport | undefined {
  return state.reports.find((r) => r.kind === 'final-report' && r.round === state.plannedSemesters);
}

/** The last semester of the current plan (the second, or the third once extended), if its calendar is published. */
export function finalSemester(state: ParCase): ParticipantSemester | undefined {
  return state.schedule?.semesters.find((s) => s.ordinal === state.plannedSemesters);
}

function addAssistance(state: ParCase, add: Add): void {
  const schedule = state.schedule!;
  if (state.goals.length === 0) {
    add('ipg-conference', {
      trigger: schedule.startsOn,
      unit: 'school-day',
      count: state.policy.timing.ipgSchoolDays,
      label: 'IPG conference of participant, consulting teacher and evaluator sets the goals',
      occurrence: 'ipg-conference',
    });
  } else {
    add('monthly-log', monthlyLog(state));
  }
  addReview(state, add);
  const last = finalSemester(state);
  if (last) {
    // "By the end of the participant's second semester": due on its last day (0 days after it).
    const byEnd = (what: string) => ({ trigger: last.end, unit: 'school-day' as const, count: 0, label: `${what} by the end of semester ${last.ordinal} (${last.name})` });
    if (!state.finalConferences.some((c) => c.round === state.plannedSemesters)) {
      add('final-conference', { ...byEnd('final conference of consulting teacher, participant and evaluating administrator'), occurrence: `final-conference:${state.plannedSemesters}` });
    }
    add('final-report', { ...byEnd('final report to the panel (its results become part of the annual evaluation)'), occurrence: `final-report:${state.plannedSemesters}` });
  }
  addCap(state, add);
}

function addCap(state: ParCase, add: Add): void {
  if (state.participation.kind !== 'referred' || !state.schedule) return;
  add('max-duration', {
    trigger: capStart(state),
    unit: 'month',
    count: MAX_MONTHS,
    label: 'PAR ends: never longer than 18 months',
    occurrence: 'max-duration',
  });
}

/**
 * PAR-MAX-18 [design]: the 18 months run from the start of assistance, the consulting teacher's assignment. A case
 * opened before that reading counts them from the first day of its first semester, as it always did.
 */
export function capStart(state: ParCase): CalendarDate {
  return state.policy.assistance ? state.schedule!.assignedOn : state.schedule!.startsOn;
}

/**
 * PAR-MONTHLY: a log at least once a month, counted from the goals conference or the last log (or the last month
 * missed, so one overdue log is reported once). [design] Logs are due inside the participant's semesters: a log
 * that would fall due after a semester ends is due on its last day, and the clock restarts when the next semester
 * starts, so summer and the gap between semesters never raise an overdue notice.
 */
function monthlyLog(state: ParCase): Spec | undefined {
  const logs = state.reports.filter((r) => r.kind === 'monthly-log').map((r) => r.filedOn);
  let from = latest([state.goals[0]!.on, state.schedule!.startsOn, ...logs, ...state.monthly.missed, state.monthly.restartedOn]);
  const rules = state.policy.assistance;
  // Full-semester rules: every semester of assistance, the one not counted and the extension's included.
  const semesters = [...(rules && state.schedule!.notCounted ? [state.schedule!.notCounted] : []), ...state.schedule!.semesters.filter((s) => s.ordinal <= state.plannedSemesters)];
  const semester = semesters.find((s) => s.end > from);
  if (!semester) return undefined;
  if (from < semester.start) from = semester.start;
  const label = 'monthly log to the panel: goals, assistance plan, observation and conference dates, resources';
  if (addMonths(from, 1) > semester.end) {
    return { trigger: semester.end, unit: 'school-day', count: 0, label: `${label} (due by the end of ${semester.name})`, occurrence: `monthly-log:${semester.end}` };
  }
  // A month later may be a holiday or a break: due on the last work day before it, the reason explained.
  const onNonWorkDay = rules?.dueOnNonWorkDay === 'previous-work-day' ? { onNonWorkDay: 'previous-work-day' as const } : {};
  return { trigger: from, unit: 'month', count: 1, label, occurrence: `monthly-log:${from}`, ...onNonWorkDay };
}

function addVolunteerTerm(state: ParCase, add: Add): void {
  if (state.participation.kind !== 'volunteer' || !state.schedule) return;
  const maximum = state.policy.volunteerTerm.maximumMonths;
  if (maximum !== undefined) {
    add('volunteer-term', { trigger: state.schedule.startsOn, unit: 'month', count: maximum, label: `assistance ends after at most ${maximum} months`, occurrence: 'volunteer-term' });
  }
  const notice = state.participation.notice;
  if (notice) {
    add('volunteer-notice', {
      trigger: notice.effectiveOn,
      unit: 'calendar-day',
      count: 0,
      label: `the volunteer's notice of ${notice.receivedOn} takes effect after the minimum term`,
      occurrence: 'volunteer-notice',
    });
  }
}

function latest(dates: readonly (CalendarDate | undefined)[]): CalendarDate {
  return dates.filter((d): d is CalendarDate => d !== undefined).reduce((a, b) => (b > a ? b : a));
}
