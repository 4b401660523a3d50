import type { Actor } from '../actor';
import type { LongText } from '../case/stored-text';
import type { CalendarDate, DistrictCalendars } from '../calendar';
import type { ParPolicy } from './par-policy';
import type { RuleId } from '../case/rule-ids';
import type { ParRefusal } from './refusal';

/**
 * The data of one PAR intervention (RULES.md PAR-*): a Referred or a Volunteer participant from referral or
 * application to the panel's outcome. The state machine is par-process.ts; the deadlines par-deadlines.ts.
 */
export type ParticipantKind = 'referred' | 'volunteer';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email?: string | undefined;
}

/** PAR-REP: the association representative; `id` when they act on the case with their own account. */
export interface Representative {
  readonly id?: string | undefined;
  readonly name: string;
  readonly email?: string | undefined;
  readonly appointedOn: CalendarDate;
}

export type InterventionStatus =
  | 'awaiting-panel-vote'
  | 'waiting-for-place'
  | 'awaiting-acceptance-notice'
  | 'selecting-consulting-teacher'
  | 'in-assistance'
  | 'awaiting-outcome'
  | 'awaiting-district-decision'
  | 'closed';

/** PAR-VOL-CONF: who a Volunteer's written consent opens the confidential record to. */
export type ConsentAudience = 'panel' | 'principal' | 'evaluator';

export interface Consent {
  readonly to: ConsentAudience;
  readonly signedOn: CalendarDate;
  readonly revokedOn?: CalendarDate | undefined;
}

/** PAR-VOL-TERM: a Volunteer's written notice, effective at once or when the policy's minimum term is reached. */
export interface VolunteerNotice {
  readonly receivedOn: CalendarDate;
  readonly effectiveOn: CalendarDate;
}

export type Participation =
  | { readonly kind: 'referred'; readonly basis?: string | undefined }
  | {
      readonly kind: 'volunteer';
      /** PAR-VOL-ELIG: the evaluator who recommended volunteering, if any. */
      readonly recommendedBy?: string | undefined;
      readonly consents: readonly Consent[];
      readonly notice?: VolunteerNotice | undefined;
    };

/** PAR-CT-SELECT-10 / PAR-REASSIGN: every consulting teacher the case had, in order; the last is current. */
export interface Assignment {
  readonly consultingTeacher: string;
  readonly on: CalendarDate;
  readonly by: string;
  /** 'requested': one of the participant's preferences; 'designated': the panel's choice; 'reassigned'. */
  readonly how: 'requested' | 'designated' | 'reassigned';
  readonly cause?: ReassignmentCause | undefined;
  readonly reason?: LongText | undefined;
}

export type ReassignmentCause = 'conflict' | 'participant-request' | 'consulting-teacher-request' | 'panel';

/** PAR-REASSIGN / PAR-IPG: a second opinion or a subject-area specialist added to the case. */
export interface Assistant {
  readonly person: string;
  readonly role: 'second-opinion' | 'subject-area-specialist';
  readonly on: CalendarDate;
}

/** One of the participant's semesters (PAR-SEMESTER, PAR-OUTCOME), as the district calendar bounds it. */
export interface ParticipantSemester {
  readonly ordinal: number;
  readonly schoolYear: string;
  readonly name: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/**
 * When assistance runs, fixed when the consulting teacher is first assigned (PAR-REASSIGN: a reassignment leaves
 * it as it is) and refreshed only from the calendar (CAL-2, par-schedule.ts).
 */
export interface AssistanceSchedule {
  readonly assignedOn: CalendarDate;
  /** The day from which the participant's semesters are counted. */
  readonly countsFrom: CalendarDate;
  /** The first day of assistance: `countsFrom`, or the first semester's start if later. */
  readonly startsOn: CalendarDate;
  /** The participant's semesters in order (up to three), as far as the district has published calendars. */
  readonly semesters: readonly ParticipantSemester[];
  /**
   * PAR-OUTCOME [design]: the semester under way when assistance started, when it started too late in it to count
   * (a full semester is one assistance covers from its start, give or take the policy's first weeks). Assistance,
   * monthly logs included, runs in it all the same.
   */
  readonly notCounted?: (Omit<ParticipantSemester, 'ordinal'> & { readonly reason: string }) | undefined;
}

export interface Attendance {
  readonly participant: boolean;
  readonly consultingTeacher: boolean;
  readonly evaluator: boolean;
  readonly representative?: boolean | undefined;
}

/** PAR-IPG: the Individual Performance Goals as set (the first record) or changed in a meeting of all three. */
export interface GoalsRecord {
  readonly on: CalendarDate;
  readonly goals: readonly LongText[];
  readonly present: Attendance;
  readonly specialistsRequested: readonly string[];
  readonly representationRequested: boolean;
}

/** What every written report lists (PAR-MONTHLY, PAR-FINAL-CONF). */
export interface ReportContent {
  readonly goals: readonly LongText[];
  readonly assistancePlan: LongText;
  readonly observationDates: readonly CalendarDate[];
  readonly preObservationConferences: readonly CalendarDate[];
  readonly postObservationConferences: readonly CalendarDate[];
  readonly otherResources: readonly LongText[];
  /** Reports from others who assisted the participant (specialists, a second opinion). */
  readonly reportsFromOthers: readonly { readonly by: string; readonly summary: LongText }[];
}

export interface MonthlyLog extends ReportContent {
  /** PAR-MONTHLY: the day the consulting teacher shared progress with the participant. */
  readonly progressSharedOn: CalendarDate;
}

export interface FinalReport extends ReportContent {
  readonly summary: LongText;
}

/** A written report, with the participant's signature of receipt and written responses (PAR-SIGN). */
export type ParReport = {
  readonly id: string;
  readonly filedOn: CalendarDate;
  readonly by: string;
  /** The semester plan (2, or 3 once extended) the report belongs to. */
  readonly round: number;
  readonly signedOn?: CalendarDate | undefined;
  readonly responses: readonly { readonly on: CalendarDate; readonly by: string; readonly text: LongText }[];
} & ({ readonly kind: 'monthly-log'; readonly content: MonthlyLog } | { readonly kind: 'final-report'; readonly content: FinalReport });

export interface SemesterReview {
  readonly ordinal: number;
  readonly reviewedOn?: CalendarDate | undefined;
  /** Set when the review deadline passed unmet. */
  readonly missedOn?: CalendarDate | undefined;
  /** 'outcome': the second semester reviewed by the panel's outcome (PAR-OUTCOME b). */
  readonly via?: 'review' | 'outcome' | undefined;
}

/** PAR-FINAL-CONF: the consulting teacher's final conference with participant and evaluating administrator. */
export interface FinalConference {
  readonly round: number;
  readonly on: CalendarDate;
  readonly participantPresent: boolean;
  readonly absenceReason?: LongText | undefined;
}

export type VoteChoice = 'yes' | 'no' | 'abstain';

export interface MemberVote {
  readonly member: string;
  readonly vote: VoteChoice;
}

/** What the panel votes on: a Volunteer's approval (PAR-VOL-ELIG) or its report after review (PAR-OUTCOME). */
export type Motion =
  | { readonly kind: 'approve-volunteer' }
  | { readonly kind: 'return-to-regular-evaluation' }
  | { readonly kind: 'extend-one-semester' }
  | { readonly kind: 'insufficient-progress'; readonly documentedReasons: readonly LongText[] };

export interface VoteTally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

/** A panel vote as recorded: the motion, each member's vote (panel-only, PAR-PANEL-CONF), the tally and result. */
export interface PanelVoteRecord {
  readonly motion: Motion;
  readonly votes: readonly MemberVote[];
  readonly tally: VoteTally;
  readonly carried: boolean;
  readonly on: CalendarDate;
  readonly recordedBy: string;
}

/** PAR-PANEL-CONF: the panel's closed discussion of the case. */
export interface Deliberation {
  readonly on: CalendarDate;
  readonly by: string;
  readonly text: LongText;
}

/** PAR-SIGN / PAR-FINAL-CONF: the participant asked to meet (appear before) the panel. */
export interface PanelMeeting {
  readonly requestedOn: CalendarDate;
  readonly requestedBy: string;
  readonly reason?: LongText | undefined;
  readonly heldOn?: CalendarDate | undefined;
}

export type PanelOutcome = 'return-to-regular-evaluation' | 'extend-one-semester' | 'insufficient-progress';

/** PAR-OUTCOME: the panel's report to the participant, the superintendent and the board. */
export interface OutcomeRecord {
  readonly outcome: PanelOutcome;
  readonly on: CalendarDate;
  readonly afterSemesters: number;
  readonly documentedReasons?: readonly LongText[] | undefined;
  readonly reportedTo: readonly string[];
  /** PAR-RESULT-EVAL: what becomes part of the participant's annual evaluation (Referred only). */
  readonly forAnnualEvaluation: { readonly finalReportId: string; readonly semesters: number };
}

/** PAR-OUTCOME (c): what the district does after three semesters without sufficient progress. */
export type DistrictDecision = 'dismissal-proceedings' | 'continue-employment' | 'notice-of-unsatisfactory-performance';

export type ClosedReason =
  | 'returned-to-regular-evaluation'
  | 'district-decision'
  | 'time-limit'
  | 'satisfactory-evaluation'
  | 'separated'
  | 'referral-withdrawn'
  | 'application-withdrawn'
  | 'not-approved'
  | 'ended-by-notice'
  | 'term-ended';

export type ParDeadlineKey =
  | 'acceptance-notice'
  | 'consulting-teacher-request'
  | 'consulting-teacher-assignment'
  | 'ipg-conference'
  | 'monthly-log'
  | 'semester-review'
  | 'final-conference'
  | 'final-report'
  | 'final-response'
  | 'outcome'
  | 'max-duration'
  | 'volunteer-term'
  | 'volunteer-notice';

export interface ParCase {
  readonly id: string;
  readonly district: string;
  readonly status: InterventionStatus;
  /** The program policy the case runs under, copied at the start; `policy.version` is shown with the case. */
  readonly policy: ParPolicy;
  readonly participant: Person;
  readonly participation: Participation;
  /**
   * The participant's evaluator (Referred: required, PAR-IPG / PAR-FINAL-CONF) and site principal. Neither is shown
   * a Volunteer's case without the volunteer's written consent (PAR-VOL-CONF).
   */
  readonly evaluator?: Person | undefined;
  readonly principal?: Person | undefined;
  readonly representative?: Representative | undefined;
  /** The referral, or the volunteer's application. */
  readonly startedOn: CalendarDate;
  /** When the participant entered the program: the referral, or the volunteer's approval with a place. */
  readonly acceptedOn?: CalendarDate | undefined;
  readonly acceptanceNotice?: { readonly sentOn: CalendarDate; readonly consultingTeachers: readonly string[]; readonly trackingNumber?: string | undefined } | undefined;
  readonly request?: { readonly on: CalendarDate; readonly preferences: readonly string[]; readonly by: string } | undefined;
  readonly assignments: readonly Assignment[];
  readonly assistants: readonly Assistant[];
  readonly schedule?: AssistanceSchedule | undefined;
  readonly goals: readonly GoalsRecord[];
  readonly reports: readonly ParReport[];
  /** PAR-MONTHLY: months that passed without a log, and where the monthly clock restarted after an extension. */
  readonly monthly: { readonly missed: readonly CalendarDate[]; readonly restartedOn?: CalendarDate | undefined };
  readonly reviews: readonly SemesterReview[];
  /** PAR-OUTCOME: two full semesters, three once the panel extends. */
  readonly plannedSemesters: 2 | 3;
  readonly finalConferences: readonly FinalConference[];
  readonly votes: readonly PanelVoteRecord[];
  readonly deliberations: readonly Deliberation[];
  readonly panelMeetings: readonly PanelMeeting[];
  readonly outcomes: readonly OutcomeRecord[];
  readonly districtDecision?: { readonly decision: DistrictDecision; readonly on: CalendarDate; readonly by: string } | undefined;
  /** Deadlines of the current round that passed unmet, with their due dates: they are not run again. */
  readonly passed: Partial<Record<ParDeadlineKey, CalendarDate>>;
  readonly closed?: { readonly reason: ClosedReason; readonly on: CalendarDate; readonly rule: RuleId } | undefined;
}

export type WithdrawalReason = 'satisfactory-evaluation' | 'separated' | 'referral-withdrawn' | 'application-withdrawn';

/** What people do on a case; the actor always comes from the context (the token), never from the action. */
export type ParAction =
  | { readonly type: 'panel-vote'; readonly motion: Motion; readonly votes: readonly MemberVote[] }
  | { readonly type: 'send-acceptance-notice'; readonly consultingTeachers: readonly string[]; readonly trackingNumber?: string | undefined }
  | { readonly type: 'request-consulting-teacher'; readonly preferences: readonly string[] }
  | { readonly type: 'assign-consulting-teacher'; readonly consultingTeacher: string; readonly reason?: LongText | undefined }
  | { readonly type: 'reassign-consulting-teacher'; readonly consultingTeacher: string; readonly cause: ReassignmentCause; readonly reason: LongText }
  | { readonly type: 'add-assistant'; readonly person: string; readonly role: Assistant['role'] }
  | {
      readonly type: 'hold-ipg-conference';
      readonly on?: CalendarDate | undefined;
      readonly present: Attendance;
      readonly goals: readonly LongText[];
      readonly specialistsRequested?: readonly string[] | undefined;
      readonly representationRequested?: boolean | undefined;
    }
  | { readonly type: 'revise-goals'; readonly on?: CalendarDate | undefined; readonly present: Attendance; readonly goals: readonly LongText[] }
  | { readonly type: 'file-monthly-log'; readonly log: MonthlyLog }
  | { readonly type: 'sign-report'; readonly reportId: string }
  | { readonly type: 'respond-to-report'; readonly reportId: string; readonly text: LongText }
  | { readonly type: 'request-panel-meeting'; readonly reason?: LongText | undefined }
  | { readonly type: 'panel-meeting-held'; readonly on?: CalendarDate | undefined }
  | { readonly type: 'review-semester'; readonly ordinal: number }
  | {
      readonly type: 'hold-final-conference';
      readonly on?: CalendarDate | undefined;
      readonly participantPresent: boolean;
      readonly evaluatorPresent: boolean;
      readonly absenceReason?: LongText | undefined;
    }
  | { readonly type: 'file-final-report'; readonly report: FinalReport }
  | { readonly type: 'record-district-decision'; readonly decision: DistrictDecision }
  | { readonly type: 'volunteer-notice'; readonly receivedOn?: CalendarDate | undefined }
  | { readonly type: 'withdraw'; readonly reason: WithdrawalReason }
  | { readonly type: 'appoint-representative'; readonly representative: { readonly id?: string | undefined; readonly name: string; readonly email?: string | undefined } }
  | { readonly type: 'remove-representative' }
  | { readonly type: 'record-deliberation'; readonly text: LongText }
  | { readonly type: 'give-consent'; readonly to: readonly ConsentAudience[]; readonly signedOn?: CalendarDate | undefined }
  | { readonly type: 'revoke-consent'; readonly to: readonly ConsentAudience[] };

/** Actions, plus what the system feeds in: a place freed on the roster, a deadline that passed. */
export type ParEvent = ParAction | { readonly type: 'place-offered' } | { readonly type: 'deadline-passed'; readonly deadline: ParDeadlineKey };

/** Facts a transition needs from outside: today (district date), who acts, the calendars, the live due dates. */
export interface ParContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  /** The district calendars: the participant's semesters are read from them when assistance starts. */
  readonly calendars: DistrictCalendars;
  /** The due date of a deadline now pending, as the case clock computed it (pauses included). */
  readonly dueOf: (key: ParDeadlineKey) => CalendarDate | undefined;
  /** PAR-VOL-ELIG: whether the program roster has a place for this Volunteer now (program-roster.ts). */
  readonly programHasPlace?: boolean | undefined;
}

export type ParTransition = { readonly ok: true; readonly state: ParCase; readonly notes: readonly string[] } | ParRefusal;
