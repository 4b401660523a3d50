import type { RuleId } from '../case/rule-ids';
import { isCalendarDate, type CalendarDate } from '../calendar';
import type { ReferralEligibilityTest } from './par-policy';

/** Employment status as the HR system reports it; only 'permanent' teachers are Referred or Volunteers. */
export type EmploymentStatus = 'permanent' | 'probationary' | 'temporary' | 'intern';

export interface Teacher {
  readonly id: string;
  readonly status: EmploymentStatus;
  /** Years of service in the district, counting the current one (Group III: new and second-year teachers). */
  readonly yearsOfService?: number | undefined;
  /** Served by the state induction program (BTSA): such teachers are not Group III. */
  readonly inInduction?: boolean | undefined;
}

/**
 * A rating on one of the six standards for the teaching profession. Districts use different scales [design]: only
 * 'unsatisfactory' counts toward PAR-REF-ELIG, whatever the other levels are called.
 */
export type StandardRating = 'unsatisfactory' | 'needs-improvement' | 'meets-standard' | 'exceeds-standard';

export interface FinalEvaluation {
  /** The day the final (summary) evaluation was completed. */
  readonly completedOn: CalendarDate;
  /** One rating for each of the six standards, 1 to 6. */
  readonly standards: readonly { readonly standard: number; readonly rating: StandardRating }[];
  /** The summary evaluation's overall rating (variant b). */
  readonly overall?: 'satisfactory' | 'unsatisfactory' | undefined;
  /** Formal follow-up observations held before the summary evaluation (variant b requires two). */
  readonly followUpObservations?: readonly CalendarDate[] | undefined;
}

export type Eligibility =
  | { readonly eligible: true; readonly rule: RuleId; readonly basis: string }
  | { readonly eligible: false; readonly rule: RuleId; readonly reasons: readonly string[] };

const STANDARDS = [1, 2, 3, 4, 5, 6] as const;

/**
 * PAR-REF-ELIG: a Referred participant is a permanent teacher with an unsatisfactory final evaluation, by the
 * district's test: (a) 'standards', at least 3 of the 6 standards (50%) unsatisfactory; (b) 'overall', an overall
 * unsatisfactory summary rating preceded by at least two formal follow-up observations.
 */
export function referralEligibility(teacher: Teacher, evaluation: FinalEvaluation, test: ReferralEligibilityTest): Eligibility {
  const reasons: string[] = [];
  if (teacher.status !== 'permanent') reasons.push(`a Referred participant has permanent status; this teacher is ${teacher.status}`);
  const basis = test === 'standards' ? standardsTest(evaluation, reasons) : overallTest(evaluation, reasons);
  return reasons.length > 0 ? { eligible: false, rule: 'PAR-REF-ELIG', reasons } : { eligible: true, rule: 'PAR-REF-ELIG', basis: basis! };
}

function standardsTest(evaluation: FinalEvaluation, reasons: string[]): string | undefined {
  const rated = new Map<number, StandardRating>();
  for (const { standard, rating } of evaluation.standards) {
    if (!(STANDARDS as readonly number[]).includes(standard)) {
      reasons.push(`standard ${standard} is not one of the six standards (1 to 6)`);
      return undefined;
    }
    if (rated.has(standard)) {
      reasons.push(`standard ${standard} is rated twice`);
      return undefined;
    }
    rated.set(standard, rating);
  }
  const missing = STANDARDS.filter((s) => !rated.has(s));
  // A partial evaluation cannot show "3 of 6": counting only what is rated would refer on incomplete evidence.
  if (missing.length > 0) {
    reasons.push(`the final evaluation must rate all six standards; missing: ${missing.join(', ')}`);
    return undefined;
  }
  const unsatisfactory = STANDARDS.filter((s) => rated.get(s) === 'unsatisfactory');
  if (unsatisfactory.length < 3) {
    reasons.push(`${unsatisfactory.length} of the 6 standards are unsatisfactory; a referral needs at least 3 (50%)`);
    return undefined;
  }
  return `${unsatisfactory.length} of the 6 standards unsatisfactory (${unsatisfactory.join(', ')})`;
}

function overallTest(evaluation: FinalEvaluation, reasons: string[]): string | undefined {
  if (evaluation.overall !== 'unsatisfactory') {
    reasons.push('the summary evaluation does not rate the teacher unsatisfactory overall');
    return undefined;
  }
  // Only distinct observation days before the summary evaluation count as "preceding" it.
  const before = new Set((evaluation.followUpObservations ?? []).filter((d) => isCalendarDate(d) && d < evaluation.completedOn));
  if (before.size < 2) {
    reasons.push(`at least two formal follow-up observations must precede the unsatisfactory summary evaluation of ${evaluation.completedOn}; found ${before.size}`);
    return undefined;
  }
  return `overall unsatisfactory summary evaluation after ${before.size} follow-up observations`;
}

/**
 * PAR-VOL-ELIG: a Volunteer is a permanent teacher who asks for assistance (an evaluator may recommend it). The
 * panel's majority vote and the program's capacity are checked when the panel decides (par-process, roster).
 * [design] A teacher already in an open PAR case cannot also volunteer: one intervention at a time.
 */
export function volunteerEligibility(teacher: Teacher, hasOpenCase = false): Eligibility {
  const reasons: string[] = [];
  if (teacher.status !== 'permanent') reasons.push(`a Volunteer participant has permanent status; this teacher is ${teacher.status}`);
  if (hasOpenCase) reasons.push('the teacher already has an open PAR case');
  return reasons.length > 0 ? { eligible: false, rule: 'PAR-VOL-ELIG', reasons } : { eligible: true, rule: 'PAR-VOL-ELIG', basis: 'permanent teacher asking for assistance' };
}

/**
 * PAR-PRIORITY, Group III: non-permanent new or second-year teachers not served by induction (BTSA), helped as
 * consulting-teacher capacity allows.
 */
export function newTeacherEligibility(teacher: Teacher): Eligibility {
  const reasons: string[] = [];
  if (teacher.status === 'permanent') reasons.push('Group III is for teachers without permanent status');
  if ((teacher.yearsOfService ?? 1) > 2) reasons.push(`Group III is for first- and second-year teachers; this is year ${teacher.yearsOfService}`);
  if (teacher.inInduction) reasons.push('the teacher is served by the induction program (BTSA)');
  return reasons.length > 0 ? { eligible: false, rule: 'PAR-PRIORITY', reasons } : { eligible: true, rule: 'PAR-PRIORITY', basis: 'new teacher without induction support (Group III)' };
}
