import type { LongText } from '../case/stored-text';
import type { Actor } from '../actor';
import type { CalendarDate, DeadlineSpec } from '../calendar';
import { conflict, forbidden, ruleViolation, type Refusal, type Transition as KernelTransition } from '../case/refusal';
import type { RuleId } from '../case/rule-ids';
import { GRIEVANCE_ACTIONS, sideOf, type GrievanceRelation } from './grievance-parties';
import {
  lastLevelOf,
  levelOf,
  limitAdjective,
  limitText,
  moreText,
  UNPINNED_GRIEVANCE_POLICY,
  type GrievancePolicy,
  type Limit,
  type ProcedureLevel,
} from './grievance-policy';

/**
 * The district grievance procedure (RULES.md GRV-*) as a pure state machine: the workflow feeds it actions and
 * passed deadlines, and it answers with the new state or the reason it refuses. No I/O, no Temporal.
 */
export type Level = 1 | 2 | 3;
export type Party = 'grievant' | 'district';
export type DecisionOutcome = 'granted' | 'denied' | 'partially-granted';
/** `arbitration`: the demand for arbitration after the last level, where the district's procedure has one (GRV-FINAL). */
export type DeadlineKey = 'filing' | 'conference' | 'decision' | 'appeal' | 'arbitration';
export type ClosedReason = 'resolved-informally' | 'waived' | 'accepted' | 'final' | 'withdrawn' | 'sent-to-arbitration';

export type GrievanceStatus = 'informal' | 'awaiting-conference' | 'awaiting-decision' | 'appeal-window' | 'closed';

export interface LevelDecision {
  readonly level: Level;
  /** 'missed': no decision by the deadline (GRV-DECISION-LATE), appealable as if denied. */
  readonly outcome: DecisionOutcome | 'missed';
  readonly text?: LongText | undefined;
  readonly on: CalendarDate;
  readonly by?: Actor | undefined;
}

export interface Extension {
  readonly level: 0 | Level;
  readonly deadline: DeadlineKey;
  readonly count: number;
  readonly proposedBy: Actor;
  readonly acceptedBy: Actor;
}

export interface ExtensionProposal {
  readonly deadline: DeadlineKey;
  readonly count: number;
  readonly party: Party;
  readonly by: Actor;
}

export interface GrievanceProcess {
  readonly status: GrievanceStatus;
  /** 0 while the matter is discussed informally (GRV-INFORMAL). */
  readonly level: 0 | Level;
  readonly knewOn: CalendarDate;
  /** When the written grievance was received at the current level. */
  readonly receivedOn?: CalendarDate | undefined;
  readonly conferenceRequested: boolean;
  readonly conference?: Conference | undefined;
  /** Set when the conference was not scheduled in time: the decision clock runs from that deadline [design]. */
  readonly conferenceMissedOn?: CalendarDate | undefined;
  readonly decisions: readonly LevelDecision[];
  readonly extensions: readonly Extension[];
  readonly proposal?: ExtensionProposal | undefined;
  readonly closed?: { readonly reason: ClosedReason; readonly on: CalendarDate; readonly rule: RuleId } | undefined;
  /**
   * The district's procedure the case runs under: the version in force when it was filed, or the one an HR
   * migration applied. Absent in cases filed before procedures were data: they run as they did
   * (UNPINNED_GRIEVANCE_POLICY).
   */
  readonly policy?: GrievancePolicy | undefined;
}

/** The procedure a case runs under. */
export const policyOf = (state: Pick<GrievanceProcess, 'policy'>): GrievancePolicy => state.policy ?? UNPINNED_GRIEVANCE_POLICY;

/** A level's conference (GRV-CONF-5): private, outside assigned duties where possible (GRV-PRIVATE). */
export interface Conference {
  readonly on: CalendarDate;
  /** Local time `HH:MM`, when set. */
  readonly at?: string | undefined;
  readonly outsideAssignedDuties: boolean;
  /** GRV-PRIVATE: why it could not be held outside assigned duties. */
  readonly dutyConflictReason?: string | undefined;
  readonly representativeDelayed: boolean;
}

export type GrievanceAction =
  | { readonly type: 'declare-formal'; readonly conferenceRequested: boolean }
  | { readonly type: 'resolve-informally' }
  | {
      readonly type: 'schedule-conference';
      readonly on: CalendarDate;
      readonly at?: string | undefined;
      /** GRV-PRIVATE: false when it must be held during assigned duties; then the reason is required. */
      readonly outsideAssignedDuties?: boolean | undefined;
      readonly dutyConflictReason?: string | undefined;
    }
  | { readonly type: 'representative-unavailable' }
  | { readonly type: 'decide'; readonly outcome: DecisionOutcome; readonly text: LongText }
  | { readonly type: 'appeal'; readonly conferenceRequested: boolean }
  /** GRV-FINAL: after the last level, where the procedure ends in a demand for arbitration. */
  | { readonly type: 'demand-arbitration' }
  /** `party`: only in actions recorded before the case knew its parties (replayed as recorded); now derived. */
  | { readonly type: 'propose-extension'; readonly deadline: DeadlineKey; readonly count: number; readonly party?: Party | undefined }
  | { readonly type: 'accept-extension'; readonly party?: Party | undefined }
  | { readonly type: 'withdraw' };

/**
 * An HR migration applying a corrected procedure to a running case: recorded with the old and new limits, and the
 * pending deadlines recounted (like a calendar amendment, CAL-2). Sent by the procedure's workflow, never a request.
 */
export interface PolicyMigration {
  readonly type: 'policy-migrated';
  readonly policy: GrievancePolicy;
  readonly reason: string;
}

export type GrievanceEvent = GrievanceAction | { readonly type: 'deadline-passed'; readonly deadline: DeadlineKey } | PolicyMigration;

/** Facts a transition needs from outside: today (district date), who acts, and calendar arithmetic. */
export interface TransitionContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  /** The date a limit after `date` on the district calendar (GRV-REP: the representative's delay). */
  readonly shift: (date: CalendarDate, limit: Limit) => CalendarDate;
  /** The due date of a deadline now pending, if computed. */
  readonly dueOf: (key: DeadlineKey) => CalendarDate | undefined;
  /**
   * Who the actor is to the case (grievance-parties.ts): what they may do, and the side they act for (GRV-EXTEND),
   * follow from it. 'legacy': an action recorded before cases knew their parties, replayed as it was decided then
   * (the side taken from the action itself); never used for a new action.
   */
  readonly parties: 'legacy' | { readonly relation: GrievanceRelation; readonly decidesAt: (level: Level) => boolean };
}

export type { Refusal };
export type Transition = KernelTransition<GrievanceProcess>;

const done = (state: GrievanceProcess, ...notes: string[]): Transition => ({ ok: true, state, notes });

/** GRV-INFORMAL / GRV-COLLECTIVE: where a filing starts, under the procedure pinned at filing (none: as before). */
export function startProcess(filing: {
  readonly knewOn: CalendarDate;
  readonly receivedOn: CalendarDate;
  readonly level: 0 | Level;
  readonly conferenceRequested: boolean;
  readonly policy?: GrievancePolicy | undefined;
}): GrievanceProcess {
  const base = { knewOn: filing.knewOn, decisions: [], extensions: [], conferenceRequested: filing.conferenceRequested, ...(filing.policy ? { policy: filing.policy } : {}) };
  if (filing.level === 0) return { ...base, status: 'informal', level: 0, conferenceRequested: false };
  return { ...base, status: filing.conferenceRequested ? 'awaiting-conference' : 'awaiting-decision', level: filing.level, receivedOn: filing.receivedOn };
}

/** The deadlines the current stage runs, each with its rule (extensions agreed under GRV-EXTEND added). */
export function pendingDeadlines(state: GrievanceProcess): Partial<Record<DeadlineKey, DeadlineSpec & { label: string }>> {
  const extra = (deadline: DeadlineKey) =>
    state.extensions.filter((e) => e.level === state.level && e.deadline === deadline).reduce((sum, e) => sum + e.count, 0);
  const spec = (deadline: DeadlineKey, rule: RuleId, trigger: CalendarDate, limit: Limit, label: string) => ({
    rule,
    trigger,
    unit: limit.unit,
    count: limit.count + extra(deadline),
    label,
  });
  const policy = policyOf(state);
  const terms = levelOf(policy, state.level);
  switch (state.status) {
    case 'informal':
      return { filing: spec('filing', 'GRV-FILE-40', state.knewOn, policy.filing.limit, `written grievance due (${limitText(policy.filing.limit)} after the teacher knew)`) };
    case 'awaiting-conference': {
      const conference = terms!.conference;
      if (!conference.allowed) return {};
      const what = conference.constrains === 'holding' ? 'held' : 'scheduled';
      return { conference: spec('conference', 'GRV-CONF-5', state.receivedOn!, conference.limit, `level ${state.level} conference to be ${what}`) };
    }
    case 'awaiting-decision': {
      const from = terms!.decision.countsFrom === 'receipt' ? state.receivedOn! : (state.conference?.on ?? state.conferenceMissedOn ?? state.receivedOn!);
      const already = state.decisions.some((d) => d.level === state.level && d.outcome === 'missed');
      return already ? {} : { decision: spec('decision', 'GRV-DECIDE-10', from, terms!.decision.limit, `level ${state.level} written decision due`) };
    }
    case 'appeal-window': {
      const last = state.decisions[state.decisions.length - 1]!;
      if (terms!.appeal) return { appeal: spec('appeal', 'GRV-APPEAL-5', last.on, terms!.appeal, `appeal to level ${state.level + 1} due`) };
      const end = policy.lastLevel;
      return end.kind === 'arbitration-demand' ? { arbitration: spec('arbitration', 'GRV-FINAL', last.on, end.limit, 'demand for arbitration due') } : {};
    }
    case 'closed':
      return {};
    default: {
      const unknown: never = state.status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
}

/** Applies an action or a passed deadline. Refusals change nothing: 'conflict' (409) or 'rule' (422). */
export function transition(state: GrievanceProcess, event: GrievanceEvent, ctx: TransitionContext): Transition {
  if (state.status === 'closed') {
    return conflict(state.closed!.rule, `the case is closed (${state.closed!.reason}): no further action is possible`);
  }
  const parties = ctx.parties;
  if (parties !== 'legacy' && event.type !== 'deadline-passed' && event.type !== 'policy-migrated') {
    const permission = GRIEVANCE_ACTIONS[event.type];
    if (!permission.by.includes(parties.relation)) return forbidden(permission.rule, `${event.type} is for the ${permission.by.join(', ')} of the case`);
  }
  const policy = policyOf(state);
  switch (event.type) {
    case 'declare-formal': {
      if (state.status !== 'informal') return conflict('GRV-INFORMAL', 'the grievance is already formal');
      const limit = ctx.dueOf('filing');
      if (limit && ctx.today > limit) {
        return ruleViolation('GRV-FILE-40', `the ${limitAdjective(policy.filing.limit)} limit ended on ${limit}: the grievance is waived`);
      }
      const noConference = conferenceRefusal(policy, 1, event.conferenceRequested);
      if (noConference) return noConference;
      return done(
        { ...state, ...startProcess({ knewOn: state.knewOn, receivedOn: ctx.today, level: 1, conferenceRequested: event.conferenceRequested, policy: state.policy }), extensions: state.extensions },
        'GRV-INFORMAL: declared formal at level 1',
      );
    }
    case 'resolve-informally':
      if (state.status !== 'informal') return conflict('GRV-INFORMAL', 'only the informal step can be resolved informally');
      return done(close(state, 'resolved-informally', ctx.today, 'GRV-INFORMAL'), 'GRV-INFORMAL: resolved informally');
    case 'schedule-conference': {
      if (state.status !== 'awaiting-conference') return conflict('GRV-CONF-5', 'no conference is waiting to be scheduled at this stage');
      const due = ctx.dueOf('conference');
      if (event.on < ctx.today) return ruleViolation('GRV-CONF-5', `the conference date ${event.on} is in the past`);
      // GRV-CONF-5: the limit bounds the act of scheduling (the conference is held on the date set), or, where the
      // district's procedure says so (and in cases filed before procedures were data), the conference itself.
      const terms = levelOf(policy, state.level)!.conference;
      if (due && event.on > due && terms.allowed && terms.constrains === 'holding') {
        return ruleViolation('GRV-CONF-5', `the conference must be held within ${limitText(terms.limit)} after receipt, by ${due}`);
      }
      const outsideAssignedDuties = event.outsideAssignedDuties ?? true;
      const dutyConflictReason = event.dutyConflictReason?.trim() || undefined;
      if (!outsideAssignedDuties && !dutyConflictReason) {
        return ruleViolation('GRV-PRIVATE', 'conferences are scheduled outside assigned duties where possible: state why this one cannot be');
      }
      const conference: Conference = { on: event.on, at: event.at, outsideAssignedDuties, dutyConflictReason, representativeDelayed: false };
      const notes = [`GRV-CONF-5: conference on ${event.on}${event.at ? ` at ${event.at}` : ''}`, 'GRV-PRIVATE: private conference (grievant, one representative, the decider)'];
      if (!outsideAssignedDuties) notes.push(`GRV-PRIVATE: during assigned duties because ${dutyConflictReason}`);
      return done({ ...state, status: 'awaiting-decision', conference }, ...notes);
    }
    case 'representative-unavailable': {
      if (!state.conference || state.status !== 'awaiting-decision') return conflict('GRV-REP', 'no conference is scheduled');
      if (state.conference.representativeDelayed) {
        return conflict('GRV-REP', 'the conference was already delayed once for the representative: it goes ahead without');
      }
      const delay = policy.representativeDelay;
      const on = ctx.shift(state.conference.on, delay);
      const delayText = delay.count === 1 ? `one ${limitText(delay).slice(2)}` : limitText(delay);
      return done({ ...state, conference: { ...state.conference, on, representativeDelayed: true } }, `GRV-REP: conference delayed ${delayText} to ${on}`);
    }
    case 'decide': {
      if (state.status !== 'awaiting-decision') return conflict('GRV-DECIDE-10', `no decision is due at this stage (${state.status})`);
      // Checked here, atomically with the stage: an appeal could have moved the case to the next level meanwhile.
      if (parties !== 'legacy' && !parties.decidesAt(state.level as Level)) {
        return forbidden('GRV-DECIDE-10', `the level ${state.level} decision is for its own decider`);
      }
      if (parties === 'legacy' && ctx.actor.levels && !ctx.actor.levels.includes(state.level as Level)) {
        return forbidden('GRV-DECIDE-10', `the level ${state.level} decision is for its own decider; this decider decides at level ${ctx.actor.levels.join(', ')}`);
      }
      const decision: LevelDecision = { level: state.level as Level, outcome: event.outcome, text: event.text, on: ctx.today, by: ctx.actor };
      const decisions = [...state.decisions.filter((d) => !(d.level === state.level && d.outcome === 'missed')), decision];
      if (state.level === lastLevelOf(policy)) {
        const end = policy.lastLevel;
        if (end.kind === 'final-decision') return done(close({ ...state, decisions }, 'final', ctx.today, 'GRV-FINAL'), `GRV-FINAL: the level ${state.level} decision is final`);
        return done({ ...state, decisions, status: 'appeal-window', proposal: undefined }, `GRV-FINAL: level ${state.level} decided; a demand for arbitration may follow within ${limitText(end.limit)}`);
      }
      return done({ ...state, decisions, status: 'appeal-window', proposal: undefined }, `GRV-APPEAL-5: level ${state.level} decided, appeal window open`);
    }
    case 'appeal': {
      if (state.status !== 'appeal-window') return conflict('GRV-APPEAL-5', 'there is no decision to appeal at this stage');
      if (state.level >= lastLevelOf(policy)) {
        return conflict('GRV-FINAL', `level ${state.level} is the last level of the district's procedure: the next step is a demand for arbitration (demand-arbitration)`);
      }
      const level = (state.level + 1) as Level;
      const noConference = conferenceRefusal(policy, level, event.conferenceRequested);
      if (noConference) return noConference;
      return done(
        { ...state, level, status: event.conferenceRequested ? 'awaiting-conference' : 'awaiting-decision', receivedOn: ctx.today, conferenceRequested: event.conferenceRequested, conference: undefined, conferenceMissedOn: undefined, proposal: undefined },
        `GRV-APPEAL-5: appealed to level ${level}`,
      );
    }
    case 'demand-arbitration': {
      if (state.status !== 'appeal-window' || !pendingDeadlines(state).arbitration) {
        return conflict('GRV-FINAL', "no demand for arbitration is open at this stage: the district's procedure allows one after its last level's decision");
      }
      return done(close(state, 'sent-to-arbitration', ctx.today, 'GRV-FINAL'), "GRV-FINAL: arbitration demanded: the grievance leaves the district's procedure");
    }
    case 'propose-extension': {
      if (!pendingDeadlines(state)[event.deadline]) return conflict('GRV-EXTEND', `no ${event.deadline} deadline is running`);
      // The side is the proposer's own, derived from their relation to the case, never taken from the request.
      const party = parties === 'legacy' ? (event.party ?? 'district') : sideOf(parties.relation)!;
      const unit = pendingDeadlines(state)[event.deadline]!.unit as Limit['unit'];
      return done({ ...state, proposal: { deadline: event.deadline, count: event.count, party, by: ctx.actor } }, `GRV-EXTEND: ${party} proposes ${moreText(event.count, unit)}`);
    }
    case 'accept-extension': {
      const proposal = state.proposal;
      if (!proposal) return conflict('GRV-EXTEND', 'no extension is proposed');
      const party = parties === 'legacy' ? event.party : sideOf(parties.relation);
      if (proposal.party === party) return conflict('GRV-EXTEND', 'the other side must accept the proposal: one side alone cannot extend a time limit');
      if (parties !== 'legacy' && proposal.by.id === ctx.actor.id) return conflict('GRV-EXTEND', 'the proposer cannot accept their own proposal: the other side must');
      const extension: Extension = { level: state.level, deadline: proposal.deadline, count: proposal.count, proposedBy: proposal.by, acceptedBy: ctx.actor };
      const unit = pendingDeadlines(state)[proposal.deadline]?.unit ?? 'school-day';
      return done(
        { ...state, extensions: [...state.extensions, extension], proposal: undefined },
        `GRV-EXTEND: ${proposal.deadline} extended by ${moreText(proposal.count, unit as Limit['unit']).replace(' more', '')} by mutual agreement`,
      );
    }
    case 'withdraw':
      return done(close(state, 'withdrawn', ctx.today, 'GRV-WITHDRAW'), 'GRV-WITHDRAW: withdrawn without prejudice');
    case 'deadline-passed':
      return deadlinePassed(state, event.deadline, ctx);
    case 'policy-migrated':
      return migrate(state, event);
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function deadlinePassed(state: GrievanceProcess, deadline: DeadlineKey, ctx: TransitionContext): Transition {
  const due = ctx.dueOf(deadline) ?? ctx.today;
  const policy = policyOf(state);
  switch (deadline) {
    case 'filing':
      return done(close(state, 'waived', due, 'GRV-FILE-40'), `GRV-FILE-40: not presented in writing within ${limitText(policy.filing.limit)}: waived`);
    case 'conference': {
      const terms = levelOf(policy, state.level)!.conference;
      const what = terms.allowed && terms.constrains === 'scheduling' ? 'scheduled' : 'held';
      if (policy.conferenceNeverScheduled === 'from-receipt') {
        return done({ ...state, status: 'awaiting-decision' }, `GRV-CONF-5: the conference was not ${what} in time; the decision clock runs from receipt`);
      }
      return done({ ...state, status: 'awaiting-decision', conferenceMissedOn: due }, `GRV-CONF-5: the conference was not ${what} in time; the decision clock runs from its deadline`);
    }
    case 'decision': {
      const missed: LevelDecision = { level: state.level as Level, outcome: 'missed', on: due };
      if (state.level === lastLevelOf(policy) && policy.lastLevel.kind === 'final-decision') {
        // No level above: both sides are told and the final decision is still awaited.
        return done({ ...state, decisions: [...state.decisions, missed] }, `GRV-DECISION-LATE: the level ${state.level} decision is late`);
      }
      const next = state.level === lastLevelOf(policy) ? 'arbitration may be demanded' : 'appealable';
      return done({ ...state, decisions: [...state.decisions, missed], status: 'appeal-window', proposal: undefined }, `GRV-DECISION-LATE: no level ${state.level} decision by ${due}; ${next} as if denied`);
    }
    case 'appeal':
      return done(close(state, 'accepted', due, 'GRV-ACCEPT'), `GRV-ACCEPT: not appealed in time: the level ${state.level} decision is accepted`);
    case 'arbitration':
      return done(close(state, 'accepted', due, 'GRV-ACCEPT'), `GRV-ACCEPT: no demand for arbitration in time: the level ${state.level} decision is accepted`);
    default: {
      const unknown: never = deadline;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}

function close(state: GrievanceProcess, reason: ClosedReason, on: CalendarDate, rule: RuleId): GrievanceProcess {
  return { ...state, status: 'closed', proposal: undefined, closed: { reason, on, rule } };
}

/** GRV-CONF-5: a conference asked for at a level whose procedure has none. */
function conferenceRefusal(policy: GrievancePolicy, level: number, requested: boolean): Transition | undefined {
  const terms: ProcedureLevel | undefined = levelOf(policy, level);
  if (!requested || !terms || terms.conference.allowed) return undefined;
  return ruleViolation('GRV-CONF-5', `the district's procedure has no conference at level ${level}`);
}

/**
 * An HR migration: the case runs under the corrected procedure from now, and records what changed (old and new
 * limits); the runner recounts the pending deadlines and records their old and new due dates. A procedure without
 * the case's current level cannot apply to it.
 */
function migrate(state: GrievanceProcess, event: PolicyMigration): Transition {
  const before = policyOf(state);
  if (state.level > lastLevelOf(event.policy)) {
    return conflict('GRV-FINAL', `procedure v${event.policy.version} has ${lastLevelOf(event.policy)} levels; the case is at level ${state.level}`);
  }
  const changes = policyChanges(before, event.policy);
  return done({ ...state, policy: event.policy }, `procedure v${before.version} -> v${event.policy.version} (${event.reason})${changes.length > 0 ? `: ${changes.join('; ')}` : ': no limit changed'}`);
}

/** What a migration changes, limit by limit, with the rule each falls under: "GRV-FILE-40: filing 40 school days -> 30 work days". */
export function policyChanges(from: GrievancePolicy, to: GrievancePolicy): string[] {
  const changes: string[] = [];
  const limit = (l: Limit | undefined) => (l ? limitText(l) : 'none');
  const compare = (rule: RuleId, what: string, a: string, b: string) => {
    if (a !== b) changes.push(`${rule}: ${what} ${a} -> ${b}`);
  };
  compare('GRV-FILE-40', 'filing', limit(from.filing.limit), limit(to.filing.limit));
  compare('GRV-REP', 'representative delay', limit(from.representativeDelay), limit(to.representativeDelay));
  for (let i = 0; i < Math.max(from.levels.length, to.levels.length); i++) {
    const [a, b] = [from.levels[i], to.levels[i]];
    const conference = (l: ProcedureLevel | undefined) => (!l ? 'none' : l.conference.allowed ? `${limitText(l.conference.limit)} (${l.conference.constrains})` : 'none');
    compare('GRV-CONF-5', `level ${i + 1} conference`, conference(a), conference(b));
    compare('GRV-DECIDE-10', `level ${i + 1} decision`, a ? `${limit(a.decision.limit)} (${a.decision.countsFrom})` : 'none', b ? `${limit(b.decision.limit)} (${b.decision.countsFrom})` : 'none');
    compare('GRV-APPEAL-5', `level ${i + 1} appeal`, limit(a?.appeal), limit(b?.appeal));
  }
  const end = (p: GrievancePolicy) => (p.lastLevel.kind === 'final-decision' ? 'final decision' : `arbitration demand within ${limitText(p.lastLevel.limit)}`);
  compare('GRV-FINAL', 'after the last level', end(from), end(to));
  return changes;
}
