import type { Actor } from '../actor';

/** A calendar date in the district's time zone, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Grievant {
  readonly name: string;
  readonly position: string;
  /** Where the grievant receives notices about the case. */
  readonly email?: string | undefined;
}

/** GRV-CONTENT: what a written grievance states. */
export interface GrievanceFiling {
  /** The district's own case number; the workflow id is `grievance:<id>`. */
  readonly id: string;
  readonly grievants: readonly Grievant[];
  readonly school?: string | undefined;
  /** The grievance and the facts, with relevant dates. */
  readonly statement: string;
  readonly policyProvisions: readonly string[];
  readonly correctiveAction: string;
  /** GRV-FILE-40: the day the teacher knew or should have known of the act or condition. */
  readonly knewOn: CalendarDate;
  readonly signedBy: string;
}

export type GrievanceStatus = 'filed';

/** The state of one grievance case, as its workflow holds it and its query returns it. */
export interface GrievanceCase {
  readonly caseType: 'grievance';
  readonly id: string;
  readonly district: string;
  readonly status: GrievanceStatus;
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
  /** Instant the filing entered the workflow history (ISO 8601). */
  readonly filedAt: string;
  readonly actions: readonly CaseAction[];
  /** Delivery ids of the notices sent for this case. */
  readonly noticesSent: readonly string[];
}

/** One entry of a case's action log: who did what, and when. */
export interface CaseAction {
  readonly action: string;
  readonly actor: Actor;
  readonly at: string;
}

export interface GrievanceStart {
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
}

/** Opens a case from its filing. The district is the filer's: an HR system files for its own district. */
export function openGrievance(start: GrievanceStart, at: Date): GrievanceCase {
  const filedAt = at.toISOString();
  return {
    caseType: 'grievance',
    id: start.filing.id,
    district: start.filedBy.district,
    status: 'filed',
    filing: start.filing,
    filedBy: start.filedBy,
    filedAt,
    actions: [{ action: 'filed', actor: start.filedBy, at: filedAt }],
    noticesSent: [],
  };
}

export const GRIEVANCE_WORKFLOW_ID_PREFIX = 'grievance:';

export function grievanceWorkflowId(id: string): string {
  return `${GRIEVANCE_WORKFLOW_ID_PREFIX}${id}`;
}
