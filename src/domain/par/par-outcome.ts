import { addMonths, type CalendarDate } from '../calendar';
import { trimText } from '../case/stored-text';
import type { MemberVote, Motion, OutcomeRecord, ParCase, ParContext, ParTransition } from './par-case';
import { MAX_MONTHS, capStart, finalReportOf, finalSemester } from './par-deadlines';
import { currentConsultingTeacher } from './par-relation';
import { blank, close, done, motionRule, pastDue } from './par-step';
import { countVotes } from './panel-vote';
import { conflict, forbidden, ruleViolation } from './refusal';

/**
 * The panel's votes on a case: a Volunteer's approval (PAR-VOL-ELIG) and its report after the final report
 * (PAR-OUTCOME, PAR-RESULT-EVAL). Every vote is recorded member by member, whether it carries or not.
 */

/** PAR-VOL-ELIG / PAR-OUTCOME: a panel vote, recorded member by member, carried by majority. */
export function panelVote(state: ParCase, motion: Motion, votes: readonly MemberVote[], ctx: ParContext): ParTransition {
  const rule = motionRule(motion);
  const conflicted = votes.find((v) => [state.participant.id, state.evaluator?.id, state.principal?.id, currentConsultingTeacher(state)].includes(v.member));
  if (conflicted) return forbidden('PAR-PANEL-CONF', `${conflicted.member} is a party to this case and does not vote on it`);
  if (motion.kind === 'approve-volunteer') {
    if (state.status !== 'awaiting-panel-vote') return conflict(rule, `no volunteer application awaits the panel's vote (${state.status})`);
  } else {
    const refusal = outcomeRefusal(state, motion, ctx);
    if (refusal) return refusal;
  }
  const counted = countVotes(votes, state.policy.panelQuorum);
  if (!counted.ok) return ruleViolation(rule, `the vote does not stand: ${counted.message}`);
  const record = { motion, votes, tally: counted.tally, carried: counted.carried, on: ctx.today, recordedBy: ctx.actor.id };
  const voted = { ...state, votes: [...state.votes, record] };
  const result = `${counted.tally.yes} yes, ${counted.tally.no} no, ${counted.tally.abstain} abstaining`;
  if (!counted.carried) {
    if (motion.kind === 'approve-volunteer') return done(close(voted, 'not-approved', ctx.today, rule), `PAR-VOL-ELIG: the volunteer is not approved (${result})`);
    return done(voted, `PAR-OUTCOME: the motion ${motion.kind} failed (${result}); the panel has still to report`);
  }
  switch (motion.kind) {
    case 'approve-volunteer':
      // "Only if (and only for the period that) the program has capacity": approved without a place, the volunteer waits.
      if (ctx.programHasPlace) return done({ ...voted, status: 'awaiting-acceptance-notice', acceptedOn: ctx.today }, `PAR-VOL-ELIG: approved by majority (${result}); accepted`);
      return done({ ...voted, status: 'waiting-for-place' }, `PAR-VOL-ELIG: approved by majority (${result}); no place free: on the waiting list (PAR-PRIORITY)`);
    case 'return-to-regular-evaluation':
    case 'extend-one-semester':
    case 'insufficient-progress':
      return done(...applyOutcome(voted, motion, ctx.today), `PAR-OUTCOME: carried ${result}`);
    default: {
      const unknown: never = motion;
      throw new Error(`unknown motion ${JSON.stringify(unknown)}`);
    }
  }
}

/** Why the panel cannot report this outcome now, or undefined. */
function outcomeRefusal(state: ParCase, motion: Exclude<Motion, { kind: 'approve-volunteer' }>, ctx: ParContext) {
  if (state.participation.kind !== 'referred') return conflict('PAR-VOL-CONF', 'a Volunteer\'s assistance is peer assistance only: there is no performance outcome');
  if (state.status !== 'awaiting-outcome') return conflict('PAR-OUTCOME', `the panel reports after the final report, not at this stage (${state.status})`);
  const report = finalReportOf(state)!;
  if (state.passed['final-response'] === undefined && report.responses.length === 0 && !pastDue(ctx, 'final-response')) {
    const until = ctx.dueOf('final-response');
    return ruleViolation('PAR-FINAL-CONF', `the participant may respond to the final report${until ? ` until ${until}` : ''}: the panel reports after that`);
  }
  const meeting = state.panelMeetings.find((m) => !m.heldOn);
  if (meeting) return ruleViolation('PAR-SIGN', `the participant asked on ${meeting.requestedOn} to meet the panel: meet before reporting`);
  if (motion.kind === 'extend-one-semester' && state.plannedSemesters === 3) {
    return ruleViolation('PAR-OUTCOME', 'PAR lasts two semesters and may be extended once, to three: it was already extended');
  }
  if (motion.kind === 'insufficient-progress') {
    const third = state.plannedSemesters === 3 ? finalSemester(state) : undefined;
    if (!third || ctx.today < third.end) {
      return ruleViolation('PAR-OUTCOME', `insufficient progress is reported only after three full semesters${third ? ` (the third ends on ${third.end})` : ': extend one semester first'}`);
    }
    if (motion.documentedReasons.length === 0 || motion.documentedReasons.some((r) => blank(r))) {
      return ruleViolation('PAR-OUTCOME', 'insufficient progress is reported with documented reasons');
    }
  }
  return undefined;
}

/**
 * PAR-OUTCOME: the semesters the outcome is reported after. Under the full-semester rules, the counted semesters
 * that have ended by the vote (the plan's last one counts once its final window opened: the report is its close);
 * a case opened before them reports the plan's number, as it did.
 */
function semestersCompleted(state: ParCase, today: CalendarDate): number {
  if (!state.policy.assistance) return state.plannedSemesters;
  const ended = state.schedule?.semesters.filter((s) => s.ordinal < state.plannedSemesters && s.end <= today).length ?? 0;
  return finalReportOf(state) ? ended + 1 : ended;
}

function applyOutcome(state: ParCase, motion: Exclude<Motion, { kind: 'approve-volunteer' }>, today: CalendarDate): [ParCase, ...string[]] {
  const report = finalReportOf(state)!;
  const completed = semestersCompleted(state, today);
  const outcome: OutcomeRecord = {
    outcome: motion.kind,
    on: today,
    afterSemesters: completed,
    documentedReasons: motion.kind === 'insufficient-progress' ? motion.documentedReasons.map(trimText) : undefined,
    reportedTo: ['participant', 'superintendent', 'board'],
    forAnnualEvaluation: { finalReportId: report.id, semesters: completed },
  };
  // PAR-SEMESTER: the outcome is the review of the plan's last semester, unless the panel already reviewed it.
  const lastReviewed = state.reviews.some((r) => r.ordinal === state.plannedSemesters && r.reviewedOn);
  const reviews = state.policy.assistance && !lastReviewed ? [...state.reviews.filter((r) => r.ordinal !== state.plannedSemesters), { ordinal: state.plannedSemesters, reviewedOn: today, via: 'outcome' as const }] : state.reviews;
  const reported = { ...state, outcomes: [...state.outcomes, outcome], reviews };
  const notes = [
    `PAR-OUTCOME: ${motion.kind} reported to the participant, the superintendent and the board`,
    `PAR-RESULT-EVAL: the results (${report.id}) become part of the participant's annual evaluation`,
  ];
  switch (motion.kind) {
    case 'return-to-regular-evaluation':
      return [close(reported, 'returned-to-regular-evaluation', today, 'PAR-OUTCOME'), ...notes];
    case 'insufficient-progress':
      return [{ ...reported, status: 'awaiting-district-decision' }, ...notes, 'PAR-OUTCOME: the district may start dismissal proceedings, continue employment, or issue a notice of unsatisfactory performance'];
    case 'extend-one-semester': {
      // The second semester's review is this outcome; the monthly clock restarts with the next semester.
      const extended: ParCase = {
        ...reported,
        status: 'in-assistance',
        plannedSemesters: 3,
        reviews: state.policy.assistance ? reviews : [...state.reviews, { ordinal: 2, reviewedOn: today, via: 'outcome' }],
        monthly: { ...state.monthly, restartedOn: today },
        passed: {},
      };
      const third = finalSemester(extended);
      const cap = addMonths(capStart(state), MAX_MONTHS);
      if (third && third.end > cap) notes.push(`PAR-MAX-18: the 18-month limit (${cap}) comes before the end of the third semester (${third.end}): PAR ends then`);
      if (!third) notes.push('PAR-OUTCOME: the third semester\'s dates await the next school year\'s calendar');
      return [extended, ...notes];
    }
    default: {
      const unknown: never = motion;
      throw new Error(`unknown outcome ${JSON.stringify(unknown)}`);
    }
  }
}
