import type { Actor } from '../actor';
import type { DistrictCalendar } from '../calendar';
import type { ReminderPolicy } from '../notices/reminder-policy';

/** A calendar date in the district's time zone, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Grievant {
  readonly name: string;
  readonly position: string;
  /** Where the grievant receives notices about the case. */
  readonly email?: string | undefined;
  /** Address lines, for letters sent by registered mail. */
  readonly postalAddress?: readonly string[] | undefined;
}

/** Someone else on the case who receives its notices: the representative, a level's decider, HR. */
export interface CaseContact {
  readonly name: string;
  readonly role: 'representative' | 'decider' | 'hr';
  /** For a decider: the level they decide. */
  readonly level?: 1 | 2 | 3 | undefined;
  readonly email?: string | undefined;
  readonly postalAddress?: readonly string[] | undefined;
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
  /** 0: the informal step (GRV-INFORMAL); 1-3: a written grievance at that level (above 1: GRV-COLLECTIVE). */
  readonly level: 0 | 1 | 2 | 3;
  /** GRV-CONF-5: the grievant asks for a conference before the decision. */
  readonly conferenceRequested: boolean;
  /** When the district received it; earlier than today for a case entered from another system (CAL-3). */
  readonly receivedOn?: CalendarDate | undefined;
  /** GRV-DEF: what the grievance disputes; a score alone is not grievable. */
  readonly disputes: readonly GrievableMatter[];
  readonly contacts?: readonly CaseContact[] | undefined;
}

export type GrievableMatter = 'policy' | 'evaluation-procedure' | 'evaluation-score';

/** The record of one grievance case: the filing and everything done to it, with who and when. */
export interface GrievanceCase {
  readonly caseType: 'grievance';
  readonly id: string;
  readonly district: string;
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
  /** Instant the filing entered the workflow history (ISO 8601). */
  readonly filedAt: string;
  readonly actions: readonly CaseAction[];
}

/** One entry of a case's action log: who did what, when, and under which rule. */
export interface CaseAction {
  readonly action: string;
  readonly actor: Actor;
  readonly at: string;
  readonly notes?: readonly string[] | undefined;
  /** Where the case stood after it: status and level (for the timeline). */
  readonly stage?: { readonly status: string; readonly level: number } | undefined;
  /** What was asked, as received (a decision's outcome and text, a conference date ...). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

export interface GrievanceStart {
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
  /** The district calendars the filing was checked on: deadlines are counted from the first workflow task. */
  readonly calendars?: readonly DistrictCalendar[] | undefined;
  /** Who is reminded of which deadline, when; default DEFAULT_GRIEVANCE_REMINDER_POLICY. */
  readonly reminderPolicy?: ReminderPolicy | undefined;
}

/** Opens a case from its filing. The district is the filer's: an HR system files for its own district. */
export function openGrievance(start: GrievanceStart, at: Date): GrievanceCase {
  const filedAt = at.toISOString();
  return {
    caseType: 'grievance',
    id: start.filing.id,
    district: start.filedBy.district,
    filing: start.filing,
    filedBy: start.filedBy,
    filedAt,
    actions: [{ action: 'filed', actor: start.filedBy, at: filedAt }],
  };
}

export const GRIEVANCE_WORKFLOW_ID_PREFIX = 'grievance:';

export function grievanceWorkflowId(id: string): string {
  return `${GRIEVANCE_WORKFLOW_ID_PREFIX}${id}`;
}
