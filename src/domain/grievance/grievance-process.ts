import type { Actor } from '../actor';
import type { CalendarDate, DeadlineSpec } from '../calendar';
import { conflict, forbidden, ruleViolation, type Refusal, type Transition as KernelTransition } from '../case/refusal';
import type { RuleId } from '../case/rule-ids';
import { GRIEVANCE_ACTIONS, sideOf, type GrievanceRelation } from './grievance-parties';

/**
 * The district grievance procedure (RULES.md GRV-*) as a pure state machine: the workflow feeds it actions and
 * passed deadlines, and it answers with the new state or the reason it refuses. No I/O, no Temporal.
 */
export type Level = 1 | 2 | 3;
export type Party = 'grievant' | 'district';
export type DecisionOutcome = 'granted' | 'denied' | 'partially-granted';
export type DeadlineKey = 'filing' | 'conference' | 'decision' | 'appeal';
export type ClosedReason = 'resolved-informally' | 'waived' | 'accepted' | 'final' | 'withdrawn';

export type GrievanceStatus = 'informal' | 'awaiting-conference' | 'awaiting-decision' | 'appeal-window' | 'closed';

export interface LevelDecision {
  readonly level: Level;
  /** 'missed': no decision by the deadline (GRV-DECISION-LATE), appealable as if denied. */
  readonly outcome: DecisionOutcome | 'missed';
  readonly text?: string | undefined;
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
}

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
  | { readonly type: 'decide'; readonly outcome: DecisionOutcome; readonly text: string }
  | { readonly type: 'appeal'; readonly conferenceRequested: boolean }
  /** `party`: only in actions recorded before the case knew its parties (replayed as recorded); now derived. */
  | { readonly type: 'propose-extension'; readonly deadline: DeadlineKey; readonly count: number; readonly party?: Party | undefined }
  | { readonly type: 'accept-extension'; readonly party?: Party | undefined }
  | { readonly type: 'withdraw' };

export type GrievanceEvent = GrievanceAction | { readonly type: 'deadline-passed'; readonly deadline: DeadlineKey };

/** Facts a transition needs from outside: today (district date), who acts, and calendar arithmetic. */
export interface TransitionContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  /** The date `count` work days after `date` on the district calendar (GRV-REP). */
  readonly addWorkDays: (date: CalendarDate, count: number) => CalendarDate;
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

/** GRV-INFORMAL / GRV-COLLECTIVE: where a filing starts. */
export function startProcess(filing: {
  readonly knewOn: CalendarDate;
  readonly receivedOn: CalendarDate;
  readonly level: 0 | Level;
  readonly conferenceRequested: boolean;
}): GrievanceProcess {
  const base = { knewOn: filing.knewOn, decisions: [], extensions: [], conferenceRequested: filing.conferenceRequested };
  if (filing.level === 0) return { ...base, status: 'informal', level: 0, conferenceRequested: false };
  return { ...base, status: filing.conferenceRequested ? 'awaiting-conference' : 'awaiting-decision', level: filing.level, receivedOn: filing.receivedOn };
}

/** The deadlines the current stage runs, each with its rule (extensions agreed under GRV-EXTEND added). */
export function pendingDeadlines(state: GrievanceProcess): Partial<Record<DeadlineKey, DeadlineSpec & { label: string }>> {
  const extra = (deadline: DeadlineKey) =>
    state.extensions.filter((e) => e.level === state.level && e.deadline === deadline).reduce((sum, e) => sum + e.count, 0);
  const spec = (deadline: DeadlineKey, rule: RuleId, trigger: CalendarDate, count: number, label: string) => ({
    rule,
    trigger,
    unit: 'school-day' as const,
    count: count + extra(deadline),
    label,
  });
  switch (state.status) {
    case 'informal':
      return { filing: spec('filing', 'GRV-FILE-40', state.knewOn, 40, 'written grievance due (40 school days after the teacher knew)') };
    case 'awaiting-conference':
      return { conference: spec('conference', 'GRV-CONF-5', state.receivedOn!, 5, `level ${state.level} conference to be held`) };
    case 'awaiting-decision': {
      const from = state.conference?.on ?? state.conferenceMissedOn ?? state.receivedOn!;
      const already = state.decisions.some((d) => d.level === state.level && d.outcome === 'missed');
      return already ? {} : { decision: spec('decision', 'GRV-DECIDE-10', from, 10, `level ${state.level} written decision due`) };
    }
    case 'appeal-window': {
      const last = state.decisions[state.decisions.length - 1]!;
      return { appeal: spec('appeal', 'GRV-APPEAL-5', last.on, 5, `appeal to level ${state.level + 1} due`) };
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
  if (parties !== 'legacy' && event.type !== 'deadline-passed') {
    const permission = GRIEVANCE_ACTIONS[event.type];
    if (!permission.by.includes(parties.relation)) return forbidden(permission.rule, `${event.type} is for the ${permission.by.join(', ')} of the case`);
  }
  switch (event.type) {
    case 'declare-formal': {
      if (state.status !== 'informal') return conflict('GRV-INFORMAL', 'the grievance is already formal');
      const limit = ctx.dueOf('filing');
      if (limit && ctx.today > limit) {
        return ruleViolation('GRV-FILE-40', `the 40-school-day limit ended on ${limit}: the grievance is waived`);
      }
      return done({ ...state, ...startProcess({ knewOn: state.knewOn, receivedOn: ctx.today, level: 1, conferenceRequested: event.conferenceRequested }), extensions: state.extensions }, 'GRV-INFORMAL: declared formal at level 1');
    }
    case 'resolve-informally':
      if (state.status !== 'informal') return conflict('GRV-INFORMAL', 'only the informal step can be resolved informally');
      return done(close(state, 'resolved-informally', ctx.today, 'GRV-INFORMAL'), 'GRV-INFORMAL: resolved informally');
    case 'schedule-conference': {
      if (state.status !== 'awaiting-conference') return conflict('GRV-CONF-5', 'no conference is waiting to be scheduled at this stage');
      const due = ctx.dueOf('conference');
      if (event.on < ctx.today) return ruleViolation('GRV-CONF-5', `the conference date ${event.on} is in the past`);
      if (due && event.on > due) {
        return ruleViolation('GRV-CONF-5', `the conference must be held within 5 school days after receipt, by ${due}`);
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
      const on = ctx.addWorkDays(state.conference.on, 1);
      return done({ ...state, conference: { ...state.conference, on, representativeDelayed: true } }, `GRV-REP: conference delayed one work day to ${on}`);
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
      if (state.level === 3) return done(close({ ...state, decisions }, 'final', ctx.today, 'GRV-FINAL'), 'GRV-FINAL: the level 3 decision is final');
      return done({ ...state, decisions, status: 'appeal-window', proposal: undefined }, `GRV-APPEAL-5: level ${state.level} decided, appeal window open`);
    }
    case 'appeal': {
      if (state.status !== 'appeal-window') return conflict('GRV-APPEAL-5', 'there is no decision to appeal at this stage');
      const level = (state.level + 1) as Level;
      return done(
        { ...state, level, status: event.conferenceRequested ? 'awaiting-conference' : 'awaiting-decision', receivedOn: ctx.today, conferenceRequested: event.conferenceRequested, conference: undefined, conferenceMissedOn: undefined, proposal: undefined },
        `GRV-APPEAL-5: appealed to level ${level}`,
      );
    }
    case 'propose-extension': {
      if (!pendingDeadlines(state)[event.deadline]) return conflict('GRV-EXTEND', `no ${event.deadline} deadline is running`);
      // The side is the proposer's own, derived from their relation to the case, never taken from the request.
      const party = parties === 'legacy' ? (event.party ?? 'district') : sideOf(parties.relation)!;
      return done({ ...state, proposal: { deadline: event.deadline, count: event.count, party, by: ctx.actor } }, `GRV-EXTEND: ${party} proposes ${event.count} more school days`);
    }
    case 'accept-extension': {
      const proposal = state.proposal;
      if (!proposal) return conflict('GRV-EXTEND', 'no extension is proposed');
      const party = parties === 'legacy' ? event.party : sideOf(parties.relation);
      if (proposal.party === party) return conflict('GRV-EXTEND', 'the other side must accept the proposal: one side alone cannot extend a time limit');
      if (parties !== 'legacy' && proposal.by.id === ctx.actor.id) return conflict('GRV-EXTEND', 'the proposer cannot accept their own proposal: the other side must');
      const extension: Extension = { level: state.level, deadline: proposal.deadline, count: proposal.count, proposedBy: proposal.by, acceptedBy: ctx.actor };
      return done({ ...state, extensions: [...state.extensions, extension], proposal: undefined }, `GRV-EXTEND: ${proposal.deadline} extended by ${proposal.count} school days by mutual agreement`);
    }
    case 'withdraw':
      return done(close(state, 'withdrawn', ctx.today, 'GRV-WITHDRAW'), 'GRV-WITHDRAW: withdrawn without prejudice');
    case 'deadline-passed':
      return deadlinePassed(state, event.deadline, ctx);
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function deadlinePassed(state: GrievanceProcess, deadline: DeadlineKey, ctx: TransitionContext): Transition {
  const due = ctx.dueOf(deadline) ?? ctx.today;
  switch (deadline) {
    case 'filing':
      return done(close(state, 'waived', due, 'GRV-FILE-40'), 'GRV-FILE-40: not presented in writing within 40 school days: waived');
    case 'conference':
      return done({ ...state, status: 'awaiting-decision', conferenceMissedOn: due }, 'GRV-CONF-5: the conference was not held in time; the decision clock runs from its deadline');
    case 'decision': {
      const missed: LevelDecision = { level: state.level as Level, outcome: 'missed', on: due };
      if (state.level === 3) {
        // No level above: both sides are told and the final decision is still awaited.
        return done({ ...state, decisions: [...state.decisions, missed] }, 'GRV-DECISION-LATE: the level 3 decision is late');
      }
      return done({ ...state, decisions: [...state.decisions, missed], status: 'appeal-window', proposal: undefined }, `GRV-DECISION-LATE: no level ${state.level} decision by ${due}; appealable as if denied`);
    }
    case 'appeal':
      return done(close(state, 'accepted', due, 'GRV-ACCEPT'), `GRV-ACCEPT: not appealed in time: the level ${state.level} decision is accepted`);
    default: {
      const unknown: never = deadline;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}

function close(state: GrievanceProcess, reason: ClosedReason, on: CalendarDate, rule: RuleId): GrievanceProcess {
  return { ...state, status: 'closed', proposal: undefined, closed: { reason, on, rule } };
}
