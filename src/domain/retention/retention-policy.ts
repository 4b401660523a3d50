import { addDays, addMonths, compareDates, type CalendarDate } from '../calendar/calendar-date';
import { integer, isObject, objectOf, oneOf, text, unknownFields, type PolicyProblem, type Report } from '../case/policy-validation';

/**
 * How long a district keeps a closed case's records (issue 15, item 5), per case family, as plain data checked by
 * hand (this module runs inside workflows: no zod). Past its period a case's records are destroyed by deleting its
 * data key (crypto-shredding, `src/audit/case-keys.ts`). A withdrawn grievance has its own period: GRV-WITHDRAW says
 * it is withdrawn "without prejudice or record", so a district may keep it for a shorter time (0 days: destroyed the
 * day it closes). Periods count calendar days, months or years from the day the case closed on the district's
 * calendar, never milliseconds.
 */

/** `forever`: never destroyed; else `count` calendar units after the day the case closed. */
export type RetentionPeriod = 'forever' | { readonly count: number; readonly unit: RetentionUnit };
export type RetentionUnit = 'day' | 'month' | 'year';
export const RETENTION_UNITS: readonly RetentionUnit[] = ['day', 'month', 'year'];

/** The families a district sets a period for: each case type of the kernel, a grievance by how it closed. */
export interface RetentionPolicy {
  /** Bumped at every change; a destroyed case's tombstone names the version it was destroyed under. */
  readonly version: number;
  /** For people: the board policy it comes from ("Board policy 8.4, records retention"). */
  readonly title?: string | undefined;
  /** GRV-WITHDRAW: a withdrawn grievance (`withdrawn`) and every other close (`closed`). */
  readonly grievance: { readonly withdrawn: RetentionPeriod; readonly closed: RetentionPeriod };
  /** The PAR record (both Referred and Volunteer cases). */
  readonly par: RetentionPeriod;
  readonly tap: RetentionPeriod;
  readonly pip: RetentionPeriod;
  readonly 'observation-cycle': RetentionPeriod;
}

/** The families with a period of their own, by case type. */
export const RETAINED_CASE_TYPES = ['grievance', 'par', 'tap', 'pip', 'observation-cycle'] as const;
export type RetainedCaseType = (typeof RETAINED_CASE_TYPES)[number];

/** Where a district set no policy nothing is destroyed: records go only by a district's decision. */
export const KEEP_EVERYTHING: RetentionPolicy = {
  version: 0,
  grievance: { withdrawn: 'forever', closed: 'forever' },
  par: 'forever',
  tap: 'forever',
  pip: 'forever',
  'observation-cycle': 'forever',
};

/** A period longer than this is a typing error, not a policy: "forever" says forever. */
const MAX_COUNT: Record<RetentionUnit, number> = { day: 36_500, month: 1_200, year: 100 };

/** A closed case as retention sees it: its family, the day it closed, and why (`withdrawn`, `final`, `exited` ...). */
export interface ClosedCase {
  readonly caseType: string;
  readonly closedOn: CalendarDate;
  readonly closedAs: string;
}

/** The period that applies to a closed case; `forever` for a family the policy does not know (never guessed). */
export function retentionPeriodOf(closed: Pick<ClosedCase, 'caseType' | 'closedAs'>, policy: RetentionPolicy): RetentionPeriod {
  if (!isRetainedCaseType(closed.caseType)) return 'forever';
  switch (closed.caseType) {
    case 'grievance':
      // GRV-WITHDRAW: "without prejudice or record": the withdrawn grievance's own period.
      return closed.closedAs === 'withdrawn' ? policy.grievance.withdrawn : policy.grievance.closed;
    case 'par':
    case 'tap':
    case 'pip':
    case 'observation-cycle':
      return policy[closed.caseType];
  }
}

/**
 * The day a closed case's records are destroyed: `count` days, months or years after the day it closed (a day the
 * target month lacks becomes its last: 29 Feb + 1 year = 28 Feb), or undefined when they are kept forever.
 */
export function destroyDueOn(closed: ClosedCase, policy: RetentionPolicy): CalendarDate | undefined {
  const period = retentionPeriodOf(closed, policy);
  if (period === 'forever') return undefined;
  switch (period.unit) {
    case 'day':
      return addDays(closed.closedOn, period.count);
    case 'month':
      return addMonths(closed.closedOn, period.count);
    case 'year':
      return addMonths(closed.closedOn, period.count * 12);
  }
}

/** Whether a closed case is due for destruction on `today` (its due day has come). */
export function isDestroyDue(closed: ClosedCase, policy: RetentionPolicy, today: CalendarDate): boolean {
  const due = destroyDueOn(closed, policy);
  return due !== undefined && compareDates(due, today) <= 0;
}

export function isRetainedCaseType(caseType: string): caseType is RetainedCaseType {
  return (RETAINED_CASE_TYPES as readonly string[]).includes(caseType);
}

/** "6 years", "0 days", "kept forever": for tombstones and logs. */
export function describePeriod(period: RetentionPeriod): string {
  if (period === 'forever') return 'kept forever';
  return `${period.count} ${period.unit}${period.count === 1 ? '' : 's'}`;
}

export type RetentionPolicyValidation = { readonly ok: true; readonly policy: RetentionPolicy } | { readonly ok: false; readonly problems: PolicyProblem[] };

/** Checks a policy a district sends; each problem names its field (`/grievance/withdrawn/count`). */
export function validateRetentionPolicy(input: unknown): RetentionPolicyValidation {
  const problems: PolicyProblem[] = [];
  const problem: Report = (field, message) => problems.push({ field, message });
  if (!isObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };
  unknownFields(input, ['version', 'title', 'grievance', ...RETAINED_CASE_TYPES.filter((t) => t !== 'grievance')], '', problem, 'retention policy');
  const version = integer(input.version, '/version', 1, Number.MAX_SAFE_INTEGER, problem);
  const title = input.title === undefined ? undefined : text(input.title, '/title', 200, problem);
  const grievance = objectOf(
    input.grievance,
    '/grievance',
    ['withdrawn', 'closed'],
    problem,
    (value) => {
      const withdrawn = periodOf(value.withdrawn, '/grievance/withdrawn', problem);
      const closed = periodOf(value.closed, '/grievance/closed', problem);
      return withdrawn && closed ? { withdrawn, closed } : undefined;
    },
    'retention policy',
  );
  const par = periodOf(input.par, '/par', problem);
  const tap = periodOf(input.tap, '/tap', problem);
  const pip = periodOf(input.pip, '/pip', problem);
  const observation = periodOf(input['observation-cycle'], '/observation-cycle', problem);
  if (problems.length > 0 || version === undefined || !grievance || !par || !tap || !pip || !observation) return { ok: false, problems };
  return { ok: true, policy: { version, ...(title === undefined ? {} : { title }), grievance, par, tap, pip, 'observation-cycle': observation } };
}

function periodOf(value: unknown, field: string, problem: Report): RetentionPeriod | undefined {
  if (value === 'forever') return 'forever';
  if (!isObject(value)) {
    problem(field, 'must be "forever" or an object { count, unit }');
    return undefined;
  }
  unknownFields(value, ['count', 'unit'], field, problem, 'retention period');
  const unit = oneOf(value.unit, `${field}/unit`, RETENTION_UNITS, problem);
  const count = integer(value.count, `${field}/count`, 0, unit ? MAX_COUNT[unit] : MAX_COUNT.day, problem);
  return unit !== undefined && count !== undefined ? { count, unit } : undefined;
}

