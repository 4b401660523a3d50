import type { Actor } from '../actor';
import type { CalendarDate } from '../calendar';
import type { ConsentAudience, MemberVote, ParCase, ParticipantKind, VoteTally } from './par-case';
import { CASE_RELATIONS, currentConsultingTeacher, relationTo, type CaseRelation } from './par-relation';

/**
 * Who may see what of a PAR case (PAR-VOL-CONF, PAR-PANEL-CONF, PAR-RESULT-EVAL): an access table, relation to
 * the case × part of the case, that the API enforces, and the view it yields for one viewer.
 */
export type CasePart =
  /** Existence, status, dates, consulting teacher, representative, policy version, deadlines. */
  | 'summary'
  /** The Individual Performance Goals (PAR-IPG). */
  | 'goals'
  /** Monthly logs and final reports, with signatures and written responses (PAR-MONTHLY, PAR-SIGN). */
  | 'reports'
  /** What the panel decided, with the tally (PAR-VOL-ELIG, PAR-OUTCOME). */
  | 'votes'
  /** How each member voted: part of the closed discussion (PAR-PANEL-CONF). */
  | 'vote-detail'
  /** The panel's deliberation notes (PAR-PANEL-CONF). */
  | 'deliberations'
  /** The panel's report and the district's decision (PAR-OUTCOME, PAR-RESULT-EVAL). */
  | 'outcome'
  /** A Volunteer's written consents (PAR-VOL-CONF). */
  | 'consents';

export const CASE_PARTS: readonly CasePart[] = ['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents'];

/** 'with-consent': only while the Volunteer's written consent to that audience is in force (PAR-VOL-CONF). */
export type Access = 'yes' | 'with-consent' | 'no';

const Y = 'yes';
const C = 'with-consent';
const N = 'no';

/** One row of the table, in the order of CASE_PARTS. */
function row(...access: readonly Access[]): Record<CasePart, Access> {
  return Object.fromEntries(CASE_PARTS.map((part, i) => [part, access[i]!])) as Record<CasePart, Access>;
}

/**
 * The access table. Referred: the site administrator receives every written report, so principal and evaluator
 * see goals and reports; results go to the annual evaluation (PAR-RESULT-EVAL). [design] HR and auditors see what
 * was decided and when, never the content of assistance; deliberations and members' votes are the panel's alone,
 * whatever consent says (PAR-PANEL-CONF). Volunteer (PAR-VOL-CONF): principal and evaluator do not even learn the
 * case exists unless the volunteer consented in writing; the panel knows what it approved but not the content.
 */
export const PAR_ACCESS: Record<ParticipantKind, Record<CaseRelation, Record<CasePart, Access>>> = {
  referred: {
    //                   summary goals reports votes detail deliberations outcome consents
    participant: row(Y, Y, Y, Y, N, N, Y, N),
    representative: row(Y, Y, Y, Y, N, N, Y, N),
    'consulting-teacher': row(Y, Y, Y, Y, N, N, Y, N),
    assistant: row(Y, Y, N, N, N, N, N, N),
    evaluator: row(Y, Y, Y, Y, N, N, Y, N),
    principal: row(Y, Y, Y, Y, N, N, Y, N),
    panel: row(Y, Y, Y, Y, Y, Y, Y, N),
    hr: row(Y, N, N, Y, N, N, Y, N),
    auditor: row(Y, N, N, Y, N, N, Y, N),
    other: row(N, N, N, N, N, N, N, N),
  },
  volunteer: {
    //                   summary goals reports votes detail deliberations outcome consents
    participant: row(Y, Y, Y, Y, N, N, Y, Y),
    representative: row(Y, Y, Y, Y, N, N, Y, Y),
    'consulting-teacher': row(Y, Y, Y, N, N, N, Y, N),
    assistant: row(Y, Y, N, N, N, N, N, N),
    evaluator: row(C, C, C, N, N, N, N, C),
    principal: row(C, C, C, N, N, N, N, C),
    panel: row(Y, C, C, Y, Y, Y, Y, Y),
    hr: row(Y, N, N, Y, N, N, Y, N),
    auditor: row(Y, N, N, Y, N, N, Y, Y),
    other: row(N, N, N, N, N, N, N, N),
  },
};

const CONSENT_AUDIENCE: Partial<Record<CaseRelation, ConsentAudience>> = { panel: 'panel', principal: 'principal', evaluator: 'evaluator' };

/** Whether the Volunteer's written consent to this relation's audience is in force. */
function consented(state: ParCase, relation: CaseRelation): boolean {
  const audience = CONSENT_AUDIENCE[relation];
  return state.participation.kind === 'volunteer' && audience !== undefined && state.participation.consents.some((c) => c.to === audience && !c.revokedOn);
}

export function canSee(state: ParCase, relation: CaseRelation, part: CasePart): boolean {
  const access = PAR_ACCESS[state.participation.kind][relation][part];
  return access === 'yes' || (access === 'with-consent' && consented(state, relation));
}

export type ParViewer = Actor & { readonly relation: CaseRelation };

/** The viewer as the API builds it from the verified token. */
export function viewerOf(state: ParCase, actor: Actor): ParViewer {
  return { ...actor, relation: relationTo(state, actor) };
}

export interface VoteView {
  readonly motion: string;
  readonly on: CalendarDate;
  readonly tally: VoteTally;
  readonly carried: boolean;
  /** Present for the panel only (PAR-PANEL-CONF). */
  readonly votes?: readonly MemberVote[] | undefined;
}

/** A case as one viewer may see it: parts they may not see are left out and named in `withheld`. */
export interface ParCaseView {
  readonly id: string;
  readonly district: string;
  readonly kind: ParticipantKind;
  readonly status: ParCase['status'];
  readonly policyVersion: number;
  readonly participant: ParCase['participant'];
  readonly representative?: ParCase['representative'];
  readonly consultingTeacher?: string | undefined;
  readonly assistants: ParCase['assistants'];
  readonly startedOn: CalendarDate;
  readonly acceptedOn?: CalendarDate | undefined;
  readonly schedule?: ParCase['schedule'];
  readonly plannedSemesters: number;
  readonly closed?: ParCase['closed'];
  readonly goals?: ParCase['goals'] | undefined;
  readonly reports?: ParCase['reports'] | undefined;
  readonly votes?: readonly VoteView[] | undefined;
  readonly deliberations?: ParCase['deliberations'] | undefined;
  readonly outcomes?: ParCase['outcomes'] | undefined;
  readonly districtDecision?: ParCase['districtDecision'];
  readonly consents?: readonly { readonly to: ConsentAudience; readonly signedOn: CalendarDate; readonly revokedOn?: CalendarDate | undefined }[] | undefined;
  readonly withheld: readonly CasePart[];
}

/**
 * The case as `viewer` may see it, or undefined when, for them, it does not exist: a Volunteer's case for the
 * principal or evaluator without consent (PAR-VOL-CONF), any case for someone with no part in it. The API answers
 * 404 then, never 403, so the refusal itself reveals nothing.
 */
export function visibleView(state: ParCase, viewer: ParViewer): ParCaseView | undefined {
  if (viewer.district !== state.district || !canSee(state, viewer.relation, 'summary')) return undefined;
  const sees = (part: CasePart) => canSee(state, viewer.relation, part);
  const detail = sees('vote-detail');
  return {
    id: state.id,
    district: state.district,
    kind: state.participation.kind,
    status: state.status,
    policyVersion: state.policy.version,
    participant: state.participant,
    representative: state.representative,
    consultingTeacher: currentConsultingTeacher(state),
    assistants: state.assistants,
    startedOn: state.startedOn,
    acceptedOn: state.acceptedOn,
    schedule: state.schedule,
    plannedSemesters: state.plannedSemesters,
    closed: state.closed,
    goals: sees('goals') ? state.goals : undefined,
    reports: sees('reports') ? state.reports : undefined,
    votes: sees('votes') ? state.votes.map((v) => ({ motion: v.motion.kind, on: v.on, tally: v.tally, carried: v.carried, votes: detail ? v.votes : undefined })) : undefined,
    deliberations: sees('deliberations') ? state.deliberations : undefined,
    outcomes: sees('outcome') ? state.outcomes : undefined,
    districtDecision: sees('outcome') ? state.districtDecision : undefined,
    consents: sees('consents') && state.participation.kind === 'volunteer' ? state.participation.consents : undefined,
    withheld: CASE_PARTS.filter((part) => !sees(part)),
  };
}

/** Every relation that may see a part of a case as it stands (for notices: who may be told of it). */
export function audienceOf(state: ParCase, part: CasePart): CaseRelation[] {
  return CASE_RELATIONS.filter((relation) => canSee(state, relation, part));
}

/**
 * The part of the case an action writes to: its notes and details show in a reader's timeline only where the access
 * table lets the reader see that part (PAR-PANEL-CONF, PAR-VOL-CONF). Steps not listed write to the summary.
 */
export const ACTION_PARTS: Partial<Record<string, CasePart>> = {
  'panel-vote': 'votes',
  'record-deliberation': 'deliberations',
  'hold-ipg-conference': 'goals',
  'revise-goals': 'goals',
  'file-monthly-log': 'reports',
  'file-final-report': 'reports',
  'sign-report': 'reports',
  'respond-to-report': 'reports',
  'give-consent': 'consents',
  'revoke-consent': 'consents',
  'record-district-decision': 'outcome',
};

/** Every part this kind of case holds (a Referred case has no consents). */
export function partsOf(state: ParCase): readonly CasePart[] {
  return state.participation.kind === 'volunteer' ? CASE_PARTS : CASE_PARTS.filter((part) => part !== 'consents');
}
