import { integer, isObject, oneOf, unknownFields, type PolicyProblem, type Report } from '../case/policy-validation';

/**
 * A district's Peer Assistance and Review program policy: the choices RULES.md leaves to the deployment ("policy
 * variants"), as plain data checked by hand (no zod: this module runs inside workflows). A case copies the policy
 * it starts under and keeps it to the end, so a later policy change never rewrites a running intervention.
 */

/** PAR-REF-ELIG: (a) unsatisfactory on at least 3 of the 6 standards; (b) an overall unsatisfactory summary rating. */
export type ReferralEligibilityTest = 'standards' | 'overall';

/**
 * PAR-SPRING-WINDOW: referrals in the last N school days of the year, or the variant where the written notice of
 * referral is mailed within N work days after May 1.
 */
export type ReferralWindowPolicy =
  | { readonly kind: 'last-school-days'; readonly schoolDays: number }
  | { readonly kind: 'notice-after-may-1'; readonly workDays: number };

/** PAR-VOL-WINDOW: the months whose first two weeks take volunteer applications. */
export type VolunteerWindowMonth = 'january' | 'may';

/**
 * PAR-VOL-TERM: 0 and no maximum is the base rule (a volunteer ends at any time); the variant is 3 and 12 (at
 * least 3 months, at most one year).
 */
export interface VolunteerTermPolicy {
  readonly minimumMonths: number;
  readonly maximumMonths?: number | undefined;
}

/**
 * Time limits the sources do not give but a running case needs, so no step can stall unnoticed [design]. Each is
 * the district's to set; the defaults are what such programs usually allow.
 */
export interface ParTiming {
  /** PAR-CT-SELECT-10 [design]: the panel assigns within N work days after the request, or after the window closes. */
  readonly assignmentWorkDays: number;
  /** PAR-IPG [design]: the goals conference within N school days after assistance starts. */
  readonly ipgSchoolDays: number;
  /** PAR-SEMESTER [design]: the panel's review within N work days after each semester ends. */
  readonly semesterReviewWorkDays: number;
  /** PAR-FINAL-CONF [design]: the participant's window to respond to the final report, in work days. */
  readonly finalResponseWorkDays: number;
  /** PAR-OUTCOME [design]: the panel's report within N work days after the final report is filed. */
  readonly outcomeWorkDays: number;
}

/**
 * How the semesters of assistance are counted and bounded (RULES.md PAR-OUTCOME, PAR-FINAL-CONF, PAR-MONTHLY
 * [design] notes). A case whose policy copy has none was opened before these rules and keeps running as it did.
 */
export interface AssistancePolicy {
  /** PAR-OUTCOME: a semester already under way counts when assistance starts within its first N weeks. */
  readonly semesterStartWeeks: number;
  /** PAR-FINAL-CONF: the final conference and report are accepted in the last N school days of the last semester. */
  readonly finalWindowSchoolDays: number;
  /** PAR-MONTHLY: a due date on a day the district does not work moves to the last work day before, or stays. */
  readonly dueOnNonWorkDay: 'previous-work-day' | 'as-counted';
}

export const DEFAULT_ASSISTANCE: AssistancePolicy = { semesterStartWeeks: 3, finalWindowSchoolDays: 20, dueOnNonWorkDay: 'previous-work-day' };

export interface ParPolicy {
  /** Bumped by the district at every change; each case records the version it runs under. */
  readonly version: number;
  readonly referralEligibility: ReferralEligibilityTest;
  readonly referralWindow: ReferralWindowPolicy;
  readonly volunteerWindows: readonly VolunteerWindowMonth[];
  readonly volunteerTerm: VolunteerTermPolicy;
  /** PAR-VOL-CONF: 'kept-confidential' (records shown only with written consent) or the variant 'none'. */
  readonly volunteerRecords: 'kept-confidential' | 'none';
  /** PAR-VOL-ELIG [design]: members who must vote (abstentions count) for a panel vote to stand. */
  readonly panelQuorum: number;
  readonly timing: ParTiming;
  /** Absent only in the policy copy of a case opened before the full-semester rules (see AssistancePolicy). */
  readonly assistance?: AssistancePolicy | undefined;
}

/** The policy a new case copies: a program year configured before the full-semester rules gets their defaults. */
export function withAssistanceRules(policy: ParPolicy): ParPolicy {
  return policy.assistance ? policy : { ...policy, assistance: DEFAULT_ASSISTANCE };
}

export const DEFAULT_PAR_TIMING: ParTiming = {
  assignmentWorkDays: 10,
  ipgSchoolDays: 15,
  semesterReviewWorkDays: 10,
  finalResponseWorkDays: 5,
  outcomeWorkDays: 15,
};

/** The base rules of RULES.md, with the first variant where one must be chosen. */
export const DEFAULT_PAR_POLICY: ParPolicy = {
  version: 1,
  referralEligibility: 'standards',
  referralWindow: { kind: 'last-school-days', schoolDays: 20 },
  volunteerWindows: ['january', 'may'],
  volunteerTerm: { minimumMonths: 0 },
  volunteerRecords: 'kept-confidential',
  panelQuorum: 3,
  timing: DEFAULT_PAR_TIMING,
  assistance: DEFAULT_ASSISTANCE,
};

export type { PolicyProblem };

export type ParPolicyValidation = { readonly ok: true; readonly policy: ParPolicy } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/**
 * Checks a policy as a district sends it. The variant choices and the version are required [design]: a district
 * must choose its eligibility test, windows and volunteer rules on purpose; `panelQuorum` and `timing` (or any
 * timing field) fall back to the defaults. Unknown fields are refused, so a misspelt setting is never ignored.
 */
export function validateParPolicy(input: unknown): ParPolicyValidation {
  const problems: PolicyProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!isObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };

  unknownFields(input, ['version', 'referralEligibility', 'referralWindow', 'volunteerWindows', 'volunteerTerm', 'volunteerRecords', 'panelQuorum', 'timing', 'assistance'], '', problem);
  const version = integer(input.version, '/version', 1, Number.MAX_SAFE_INTEGER, problem);
  const referralEligibility = oneOf(input.referralEligibility, '/referralEligibility', ['standards', 'overall'] as const, problem);
  const referralWindow = windowPolicy(input.referralWindow, problem);
  const volunteerWindows = monthsPolicy(input.volunteerWindows, problem);
  const volunteerTerm = termPolicy(input.volunteerTerm, problem);
  const volunteerRecords = oneOf(input.volunteerRecords, '/volunteerRecords', ['kept-confidential', 'none'] as const, problem);
  const panelQuorum = input.panelQuorum === undefined ? DEFAULT_PAR_POLICY.panelQuorum : integer(input.panelQuorum, '/panelQuorum', 1, 25, problem);
  const timing = timingPolicy(input.timing, problem);
  const assistance = assistancePolicy(input.assistance, problem);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    policy: { version: version!, referralEligibility: referralEligibility!, referralWindow: referralWindow!, volunteerWindows: volunteerWindows!, volunteerTerm: volunteerTerm!, volunteerRecords: volunteerRecords!, panelQuorum: panelQuorum!, timing: timing!, assistance: assistance! },
  };
}

function windowPolicy(value: unknown, problem: Report): ReferralWindowPolicy | undefined {
  if (!isObject(value)) {
    problem('/referralWindow', 'must be an object with a "kind"');
    return undefined;
  }
  const kind = oneOf(value.kind, '/referralWindow/kind', ['last-school-days', 'notice-after-may-1'] as const, problem);
  if (kind === 'last-school-days') {
    unknownFields(value, ['kind', 'schoolDays'], '/referralWindow', problem);
    const schoolDays = integer(value.schoolDays, '/referralWindow/schoolDays', 1, 60, problem);
    return schoolDays === undefined ? undefined : { kind, schoolDays };
  }
  if (kind === 'notice-after-may-1') {
    unknownFields(value, ['kind', 'workDays'], '/referralWindow', problem);
    const workDays = integer(value.workDays, '/referralWindow/workDays', 1, 20, problem);
    return workDays === undefined ? undefined : { kind, workDays };
  }
  return undefined;
}

function monthsPolicy(value: unknown, problem: Report): VolunteerWindowMonth[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problem('/volunteerWindows', 'must list "january", "may" or both');
    return undefined;
  }
  const months: VolunteerWindowMonth[] = [];
  value.forEach((month, i) => {
    const checked = oneOf(month, `/volunteerWindows/${i}`, ['january', 'may'] as const, problem);
    if (checked && months.includes(checked)) problem(`/volunteerWindows/${i}`, `"${checked}" is listed twice`);
    else if (checked) months.push(checked);
  });
  return months.length === value.length ? months : undefined;
}

function termPolicy(value: unknown, problem: Report): VolunteerTermPolicy | undefined {
  if (!isObject(value)) {
    problem('/volunteerTerm', 'must be an object with "minimumMonths" (0: none) and an optional "maximumMonths"');
    return undefined;
  }
  unknownFields(value, ['minimumMonths', 'maximumMonths'], '/volunteerTerm', problem);
  const minimumMonths = integer(value.minimumMonths, '/volunteerTerm/minimumMonths', 0, 24, problem);
  if (value.maximumMonths === undefined) return minimumMonths === undefined ? undefined : { minimumMonths };
  const maximumMonths = integer(value.maximumMonths, '/volunteerTerm/maximumMonths', 1, 36, problem);
  if (minimumMonths === undefined || maximumMonths === undefined) return undefined;
  if (maximumMonths < minimumMonths) {
    problem('/volunteerTerm/maximumMonths', `must not be shorter than the minimum (${minimumMonths} months)`);
    return undefined;
  }
  return { minimumMonths, maximumMonths };
}

function timingPolicy(value: unknown, problem: Report): ParTiming | undefined {
  if (value === undefined) return DEFAULT_PAR_TIMING;
  if (!isObject(value)) {
    problem('/timing', 'must be an object');
    return undefined;
  }
  const keys = Object.keys(DEFAULT_PAR_TIMING) as (keyof ParTiming)[];
  unknownFields(value, keys, '/timing', problem);
  const timing: Partial<Record<keyof ParTiming, number>> = {};
  for (const key of keys) {
    timing[key] = value[key] === undefined ? DEFAULT_PAR_TIMING[key] : integer(value[key], `/timing/${key}`, 1, 60, problem);
  }
  return keys.every((key) => timing[key] !== undefined) ? (timing as ParTiming) : undefined;
}

function assistancePolicy(value: unknown, problem: Report): AssistancePolicy | undefined {
  if (value === undefined) return DEFAULT_ASSISTANCE;
  if (!isObject(value)) {
    problem('/assistance', 'must be an object');
    return undefined;
  }
  unknownFields(value, Object.keys(DEFAULT_ASSISTANCE), '/assistance', problem);
  const weeks = value.semesterStartWeeks === undefined ? DEFAULT_ASSISTANCE.semesterStartWeeks : integer(value.semesterStartWeeks, '/assistance/semesterStartWeeks', 0, 10, problem);
  const window = value.finalWindowSchoolDays === undefined ? DEFAULT_ASSISTANCE.finalWindowSchoolDays : integer(value.finalWindowSchoolDays, '/assistance/finalWindowSchoolDays', 1, 60, problem);
  const due = value.dueOnNonWorkDay === undefined ? DEFAULT_ASSISTANCE.dueOnNonWorkDay : oneOf(value.dueOnNonWorkDay, '/assistance/dueOnNonWorkDay', ['previous-work-day', 'as-counted'] as const, problem);
  return weeks === undefined || window === undefined || due === undefined ? undefined : { semesterStartWeeks: weeks, finalWindowSchoolDays: window, dueOnNonWorkDay: due };
}
