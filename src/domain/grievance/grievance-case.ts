import type { LongText } from '../case/stored-text';
import type { Actor } from '../actor';
import type { CaseAction } from '../case/case-action';
import { caseWorkflowId } from '../case/case-ids';
import type { DistrictCalendar } from '../calendar';
import type { ReminderPolicy } from '../notices/reminder-policy';
import type { GrievancePolicy } from './grievance-policy';

/** A calendar date in the district's time zone, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Grievant {
  readonly name: string;
  /**
   * Who the grievant is to the service: the token `sub` (or the employee id the district's tokens carry) with which
   * they act on their own case. A grievant without one is acted for by HR only.
   */
  readonly subject?: string | undefined;
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
  /** The token `sub` (or employee id) with which they act: a representative for the grievant, a decider at their level. */
  readonly subject?: string | undefined;
  /** For a decider: the level they decide. */
  readonly level?: 1 | 2 | 3 | undefined;
  readonly email?: string | undefined;
  readonly postalAddress?: readonly string[] | undefined;
}

/** GRV-CONTENT: what a written grievance states. */
export interface GrievanceFiling {
  /** The district's own case number; the workflow id is `grievance:<district>:<id>`. */
  readonly id: string;
  readonly grievants: readonly Grievant[];
  readonly school?: string | undefined;
  /** The grievance and the facts, with relevant dates. */
  readonly statement: LongText;
  readonly policyProvisions: readonly string[];
  readonly correctiveAction: LongText;
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
  /**
   * The process violation of an observation cycle this grievance is about (OBS-FEEDBACK-7, GRV-DEF): the cycle's
   * case number and workflow id and the violation's id. The cycle records the grievance in turn (the link both ways).
   */
  readonly fromViolation?: { readonly cycle: string; readonly violation: string; readonly workflowId?: string | undefined } | undefined;
  /** The bargaining unit whose grievance procedure applies (issue 16); absent: the district's default procedure. */
  readonly bargainingUnit?: string | undefined;
}

export type GrievableMatter = 'policy' | 'evaluation-procedure' | 'evaluation-score';

/** A grievance's case file: the filing, who filed it, when. */
export interface GrievanceCaseFile {
  readonly caseType: 'grievance';
  readonly id: string;
  readonly district: string;
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
  /** Instant the filing entered the workflow history (ISO 8601). */
  readonly filedAt: string;
}

/** The record of one grievance case: the filing and everything done to it, with who and when. */
export interface GrievanceCase extends GrievanceCaseFile {
  readonly actions: readonly CaseAction[];
}

export type { CaseAction };

export interface GrievanceStart {
  readonly filing: GrievanceFiling;
  readonly filedBy: Actor;
  /** The district calendars the filing was checked on: deadlines are counted from the first workflow task. */
  readonly calendars?: readonly DistrictCalendar[] | undefined;
  /**
   * The district's grievance procedure in force when the case was filed (the API reads the version of the
   * district's bargaining unit): the case keeps it. Absent in cases filed before procedures were data.
   */
  readonly policy?: GrievancePolicy | undefined;
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

/** `grievance:<district>:<id>`: two districts may use the same case number without meeting (case-ids.ts). */
export function grievanceWorkflowId(district: string, id: string): string {
  return caseWorkflowId('grievance', district, id);
}
