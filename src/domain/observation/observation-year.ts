import type { Actor } from '../actor';
import type { CalendarDate } from '../calendar';
import { DEFAULT_OBSERVATION_POLICY, policyProblems, type ObservationPolicy, type PolicyProblem } from './observation-policy';

/**
 * A district's observation year (`observation-year:<district>:<schoolYear>`): the evaluators certified for that
 * school year (OBS-CERTIFIED: state certification renewed yearly, an administrative role), and the track policy
 * (OBS-TRACK). HR maintains it over REST; cycles read their track from it when they open, and each evaluator's
 * certification when they act.
 */

/** OBS-CERTIFIED: at the building level only administrative roles observe; certified central office staff too. */
export const ADMINISTRATIVE_ROLES = ['principal', 'assistant-principal', 'multi-classroom-leader', 'central-office', 'administrator'] as const;
export type AdministrativeRole = (typeof ADMINISTRATIVE_ROLES)[number];

export interface CertifiedEvaluator {
  /** The evaluator's employee id (the `sub` or employee id of their token): opaque, nothing personal. */
  readonly id: string;
  readonly role: AdministrativeRole;
  /** The day the state certification for this school year was passed: observing before it is refused. */
  readonly certifiedOn: CalendarDate;
}

export interface ObservationYearSetup {
  readonly evaluators: readonly CertifiedEvaluator[];
  readonly policy?: ObservationPolicy | undefined;
  readonly reason?: string | undefined;
}

export interface ObservationYear {
  readonly district: string;
  readonly schoolYear: string;
  /** Bumped by every change: a cycle's action records the version it was checked against. */
  readonly version: number;
  readonly evaluators: readonly CertifiedEvaluator[];
  readonly policy: ObservationPolicy;
  readonly changes: readonly { readonly version: number; readonly at: string; readonly by: string; readonly reason?: string | undefined }[];
}

export function emptyObservationYear(district: string, schoolYear: string): ObservationYear {
  return { district, schoolYear, version: 0, evaluators: [], policy: DEFAULT_OBSERVATION_POLICY, changes: [] };
}

/** What is wrong with a setup for this year (empty: it may be applied). */
export function setupProblems(year: ObservationYear, setup: ObservationYearSetup): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  setup.evaluators.forEach((evaluator, i) => {
    if (seen.has(evaluator.id)) problems.push({ field: `/evaluators/${i}/id`, message: `evaluator ${evaluator.id} is listed twice` });
    seen.add(evaluator.id);
    if (!passedByYearEnd(evaluator.certifiedOn, year.schoolYear)) {
      problems.push({ field: `/evaluators/${i}/certifiedOn`, message: `a certification for ${year.schoolYear} is passed before its end (June 30)` });
    }
  });
  if (setup.policy) {
    problems.push(...policyProblems(setup.policy).map((p) => ({ ...p, field: `/policy${p.field}` })));
    if (year.version > 0 && setup.policy.version < year.policy.version) {
      problems.push({ field: '/policy/version', message: `the year runs under policy version ${year.policy.version}: a changed policy needs a higher version` });
    }
    if (year.version > 0 && setup.policy.version === year.policy.version && JSON.stringify(setup.policy) !== JSON.stringify(year.policy)) {
      problems.push({ field: '/policy/version', message: `policy version ${year.policy.version} is in force: a changed policy needs a higher version` });
    }
  }
  return problems;
}

export function applySetup(year: ObservationYear, setup: ObservationYearSetup, by: Actor, at: string): ObservationYear {
  const version = year.version + 1;
  return {
    ...year,
    version,
    evaluators: setup.evaluators,
    policy: setup.policy ?? year.policy,
    changes: [...year.changes, { version, at, by: by.id, ...(setup.reason ? { reason: setup.reason } : {}) }].slice(-100),
  };
}

/** Whether a date is on or before the end of the school year `2026-2027` (June 30, 2027): a summer before it counts too. */
function passedByYearEnd(date: CalendarDate, schoolYear: string): boolean {
  return date <= `${Number(schoolYear.slice(0, 4)) + 1}-06-30`;
}

/** OBS-CERTIFIED: how an evaluator stands on the year's list on a day, as the cycle records it with the step. */
export type Certification =
  | { readonly certified: true; readonly role: AdministrativeRole; readonly certifiedOn: CalendarDate; readonly listVersion: number }
  | { readonly certified: false; readonly reason: string; readonly listVersion: number };

export function certificationOn(year: ObservationYear | undefined, evaluator: string, on: CalendarDate): Certification {
  if (!year || year.version === 0) return { certified: false, reason: 'the district has no evaluator certification list for this school year', listVersion: 0 };
  const entry = year.evaluators.find((e) => e.id === evaluator);
  if (!entry) return { certified: false, reason: `not on the district's list of certified evaluators for ${year.schoolYear}`, listVersion: year.version };
  if (entry.certifiedOn > on) return { certified: false, reason: `certified for ${year.schoolYear} only from ${entry.certifiedOn}`, listVersion: year.version };
  return { certified: true, role: entry.role, certifiedOn: entry.certifiedOn, listVersion: year.version };
}
