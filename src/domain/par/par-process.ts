import { addDays, shiftDate, type CalendarDate } from '../calendar';
import { describeText, trimText, type LongText } from '../case/stored-text';
import type { RuleId } from '../case/rule-ids';
import type { Attendance, ParAction, ParCase, ParContext, ParDeadlineKey, ParEvent, ParTransition, Person, WithdrawalReason } from './par-case';
import { DEADLINE_RULES, finalSemester, pendingDeadlines, semesterToReview } from './par-deadlines';
import { panelVote } from './par-outcome';
import type { ParPolicy } from './par-policy';
import { currentGoals, describeProblems, finalReportProblems, monthlyLogProblems, sameGoals } from './par-reports';
import { buildSchedule } from './par-schedule';
import { currentConsultingTeacher, relationTo, type CaseRelation } from './par-relation';
import { blank, close, done, isAssisted, motionRule, pastDue } from './par-step';
import { consent, volunteerNotice } from './par-volunteer';
import { conflict, forbidden, ruleViolation, type ParRefusal } from './refusal';

/**
 * One PAR intervention (RULES.md PAR-*) as a pure state machine, like grievance-process.ts: the workflow feeds it
 * actions and passed deadlines, and it answers with the new state (and notes naming the rules applied, from which
 * the workflow sends notices) or the reason it refuses, changing nothing. No I/O, no Temporal.
 */

export type InterventionStart = {
  /** The district's case number; the workflow id is `par:<district>:<id>`. */
  readonly id: string;
  readonly district: string;
  /** The program policy in force today: the case keeps this copy to the end. */
  readonly policy: ParPolicy;
  readonly participant: Person;
  readonly principal?: Person | undefined;
  readonly representative?: { readonly id?: string | undefined; readonly name: string; readonly email?: string | undefined } | undefined;
} & (
  | { readonly kind: 'referred'; readonly referredOn: CalendarDate; readonly evaluator: Person; readonly basis?: string | undefined }
  | { readonly kind: 'volunteer'; readonly appliedOn: CalendarDate; readonly evaluator?: Person | undefined; readonly recommendedBy?: string | undefined }
);

/**
 * Opens a case. A referral enters the program at once (the panel "begins implementation once the referral has
 * been made": PAR-ACCEPT-NOTICE runs from it); a Volunteer waits for the panel's vote (PAR-VOL-ELIG).
 * Eligibility and windows are checked before (admission.ts).
 */
export function startIntervention(start: InterventionStart): ParCase {
  const startedOn = start.kind === 'referred' ? start.referredOn : start.appliedOn;
  const base = {
    id: start.id,
    district: start.district,
    policy: start.policy,
    participant: start.participant,
    evaluator: start.evaluator,
    principal: start.principal,
    representative: start.representative ? { ...start.representative, appointedOn: startedOn } : undefined,
    startedOn,
    assignments: [],
    assistants: [],
    goals: [],
    reports: [],
    monthly: { missed: [] },
    reviews: [],
    plannedSemesters: 2 as const,
    finalConferences: [],
    votes: [],
    deliberations: [],
    panelMeetings: [],
    outcomes: [],
    passed: {},
  };
  if (start.kind === 'referred') {
    return { ...base, status: 'awaiting-acceptance-notice', acceptedOn: startedOn, participation: { kind: 'referred', basis: start.basis } };
  }
  return { ...base, status: 'awaiting-panel-vote', participation: { kind: 'volunteer', recommendedBy: start.recommendedBy, consents: [] } };
}

/**
 * Who may take each action, by relation to the case, and the rule it falls under: the API's authorization table
 * for PAR actions, checked again here atomically with the case. PAR-REP: the representative acts for the
 * participant, except to sign (signing is the participant's own receipt), to consent, or to end participation.
 */
export const PAR_ACTIONS: { readonly [K in ParAction['type']]: { readonly rule: RuleId; readonly by: readonly CaseRelation[] } } = {
  'panel-vote': { rule: 'PAR-VOL-ELIG', by: ['panel'] },
  'send-acceptance-notice': { rule: 'PAR-ACCEPT-NOTICE', by: ['panel', 'hr'] },
  'request-consulting-teacher': { rule: 'PAR-CT-SELECT-10', by: ['participant', 'representative'] },
  'assign-consulting-teacher': { rule: 'PAR-CT-SELECT-10', by: ['panel'] },
  'reassign-consulting-teacher': { rule: 'PAR-REASSIGN', by: ['panel'] },
  'add-assistant': { rule: 'PAR-REASSIGN', by: ['panel'] },
  'hold-ipg-conference': { rule: 'PAR-IPG', by: ['consulting-teacher'] },
  'revise-goals': { rule: 'PAR-IPG', by: ['consulting-teacher'] },
  'file-monthly-log': { rule: 'PAR-MONTHLY', by: ['consulting-teacher'] },
  'sign-report': { rule: 'PAR-SIGN', by: ['participant'] },
  'respond-to-report': { rule: 'PAR-SIGN', by: ['participant', 'representative'] },
  'request-panel-meeting': { rule: 'PAR-SIGN', by: ['participant', 'representative'] },
  'panel-meeting-held': { rule: 'PAR-SIGN', by: ['panel'] },
  'review-semester': { rule: 'PAR-SEMESTER', by: ['panel'] },
  'hold-final-conference': { rule: 'PAR-FINAL-CONF', by: ['consulting-teacher'] },
  'file-final-report': { rule: 'PAR-FINAL-CONF', by: ['consulting-teacher'] },
  'record-district-decision': { rule: 'PAR-OUTCOME', by: ['hr'] },
  'volunteer-notice': { rule: 'PAR-VOL-TERM', by: ['participant'] },
  withdraw: { rule: 'PAR-MAX-18', by: ['participant', 'hr'] },
  'appoint-representative': { rule: 'PAR-REP', by: ['participant', 'hr'] },
  'remove-representative': { rule: 'PAR-REP', by: ['participant', 'hr'] },
  'record-deliberation': { rule: 'PAR-PANEL-CONF', by: ['panel'] },
  'give-consent': { rule: 'PAR-VOL-CONF', by: ['participant'] },
  'revoke-consent': { rule: 'PAR-VOL-CONF', by: ['participant'] },
};

/** Applies an action or a system event. Refusals change nothing: 'conflict' (409), 'rule' (422), 'forbidden' (403). */
export function transition(state: ParCase, event: ParEvent, ctx: ParContext): ParTransition {
  if (state.status === 'closed') {
    return conflict(state.closed!.rule, `the case is closed (${state.closed!.reason}): no further action is possible`);
  }
  if (event.type === 'deadline-passed') return deadlinePassed(state, event.deadline, ctx);
  if (event.type === 'place-offered') {
    if (state.status !== 'waiting-for-place') return conflict('PAR-PRIORITY', 'the case is not waiting for a place');
    return done({ ...state, status: 'awaiting-acceptance-notice', acceptedOn: ctx.today }, `PAR-PRIORITY: a place freed on ${ctx.today}: the volunteer is accepted`);
  }
  const permission = PAR_ACTIONS[event.type];
  const relation = relationTo(state, ctx.actor);
  if (!permission.by.includes(relation)) {
    return forbidden(event.type === 'panel-vote' ? motionRule(event.motion) : permission.rule, `${event.type} is for the ${permission.by.join(' or ')} of the case`);
  }
  return act(state, event, ctx, relation);
}

function act(state: ParCase, event: ParAction, ctx: ParContext, relation: CaseRelation): ParTransition {
  const { today } = ctx;
  switch (event.type) {
    case 'panel-vote':
      return panelVote(state, event.motion, event.votes, ctx);
    case 'send-acceptance-notice': {
      if (state.status !== 'awaiting-acceptance-notice') return conflict('PAR-ACCEPT-NOTICE', `no acceptance notice is due at this stage (${state.status})`);
      const list = [...new Set(event.consultingTeachers.map((ct) => ct.trim()).filter(Boolean))];
      if (list.length === 0) return ruleViolation('PAR-ACCEPT-NOTICE', 'the notice lists the consulting teachers available to the participant');
      const notice = { sentOn: today, consultingTeachers: list, trackingNumber: event.trackingNumber };
      return done(
        { ...state, status: 'selecting-consulting-teacher', acceptanceNotice: notice },
        `PAR-ACCEPT-NOTICE: acceptance notice sent by registered mail on ${today} with ${list.length} consulting teacher(s)`,
        'PAR-CT-SELECT-10: the participant has 10 work days to request a consulting teacher from the list',
      );
    }
    case 'request-consulting-teacher': {
      if (state.status !== 'selecting-consulting-teacher') return conflict('PAR-CT-SELECT-10', `no consulting teacher is being selected at this stage (${state.status})`);
      const closedOn = state.passed['consulting-teacher-request'] ?? pastDue(ctx, 'consulting-teacher-request');
      if (closedOn) return ruleViolation('PAR-CT-SELECT-10', `the 10 work days to request a consulting teacher ended on ${closedOn}: the panel designates one`);
      const preferences = event.preferences.map((p) => p.trim());
      const offered = state.acceptanceNotice!.consultingTeachers;
      const unknown = preferences.filter((p) => !offered.includes(p));
      if (preferences.length === 0 || unknown.length > 0 || new Set(preferences).size !== preferences.length) {
        return ruleViolation('PAR-CT-SELECT-10', `request one or more consulting teachers, each once, from the list sent: ${offered.join(', ')}${unknown.length ? ` (not on it: ${unknown.join(', ')})` : ''}`);
      }
      // [design] A new request within the window replaces the earlier one.
      return done({ ...state, request: { on: today, preferences, by: ctx.actor.id } }, `PAR-CT-SELECT-10: the participant requests ${preferences.join(', then ')}; the panel approves the choice`);
    }
    case 'assign-consulting-teacher':
      return assign(state, event.consultingTeacher.trim(), event.reason, ctx);
    case 'reassign-consulting-teacher': {
      if (!isAssisted(state)) return conflict('PAR-REASSIGN', 'no consulting teacher is assigned yet');
      const consultingTeacher = event.consultingTeacher.trim();
      if (consultingTeacher === currentConsultingTeacher(state)) return conflict('PAR-REASSIGN', `${consultingTeacher} is already the consulting teacher`);
      if (blank(event.reason)) return ruleViolation('PAR-REASSIGN', 'state why the consulting teacher is reassigned');
      const assignment = { consultingTeacher, on: today, by: ctx.actor.id, how: 'reassigned' as const, cause: event.cause, reason: trimText(event.reason) };
      // The schedule is not touched: every reporting timeline stays exactly as it was.
      return done({ ...state, assignments: [...state.assignments, assignment] }, `PAR-REASSIGN: ${consultingTeacher} reassigned (${event.cause}); reporting timelines unchanged`);
    }
    case 'add-assistant': {
      if (!isAssisted(state)) return conflict('PAR-REASSIGN', 'assistance has not started');
      if (blank(event.person)) return ruleViolation('PAR-REASSIGN', 'name the person added');
      const assistant = { person: event.person.trim(), role: event.role, on: today };
      return done({ ...state, assistants: [...state.assistants, assistant] }, `PAR-REASSIGN: ${assistant.person} added as ${event.role}; reporting timelines unchanged`);
    }
    case 'hold-ipg-conference':
    case 'revise-goals':
      return setGoals(state, event, ctx);
    case 'file-monthly-log': {
      if (state.status !== 'in-assistance') return conflict('PAR-MONTHLY', `monthly logs are filed during assistance, not at this stage (${state.status})`);
      if (state.participation.kind === 'volunteer' && state.policy.volunteerRecords === 'none') {
        return ruleViolation('PAR-VOL-CONF', 'under the program policy no written records are kept of a Volunteer\'s assistance');
      }
      const goals = currentGoals(state);
      if (state.participation.kind === 'referred' && !goals) return conflict('PAR-IPG', 'the IPG conference sets the goals before the first monthly log');
      const problems = monthlyLogProblems(event.log, today);
      if (problems.length > 0) return ruleViolation('PAR-MONTHLY', `the monthly log is incomplete: ${describeProblems(problems)}`);
      if (goals && state.participation.kind === 'referred' && !sameGoals(event.log.goals, goals)) {
        return ruleViolation('PAR-IPG', `the log lists goals other than those in force (${goals.map(describeText).join('; ')}): goals change only in a meeting of participant, consulting teacher and evaluator`);
      }
      const id = `monthly-log-${state.reports.filter((r) => r.kind === 'monthly-log').length + 1}`;
      const report = { id, kind: 'monthly-log' as const, content: event.log, filedOn: today, by: ctx.actor.id, round: state.plannedSemesters, responses: [] };
      const filed = state.participation.kind === 'referred' ? 'filed with the panel' : 'kept confidential between consulting teacher and volunteer (PAR-VOL-CONF)';
      return done({ ...state, reports: [...state.reports, report] }, `PAR-MONTHLY: ${id} ${filed}`, `PAR-SIGN: a copy goes to the participant to sign for receipt`);
    }
    case 'sign-report': {
      const report = state.reports.find((r) => r.id === event.reportId);
      if (!report) return conflict('PAR-SIGN', `there is no report ${event.reportId}`);
      if (report.signedOn) return conflict('PAR-SIGN', `${report.id} was already signed on ${report.signedOn}`);
      return done(withReport(state, { ...report, signedOn: today }), `PAR-SIGN: ${report.id} signed for receipt (signing is not agreement)`);
    }
    case 'respond-to-report': {
      const report = state.reports.find((r) => r.id === event.reportId);
      if (!report) return conflict('PAR-SIGN', `there is no report ${event.reportId}`);
      if (blank(event.text)) return ruleViolation('PAR-SIGN', 'a written response has text');
      const responses = [...report.responses, { on: today, by: ctx.actor.id, text: trimText(event.text) }];
      return done(withReport(state, { ...report, responses }), `PAR-SIGN: written response to ${report.id} attached`);
    }
    case 'request-panel-meeting': {
      const meeting = { requestedOn: today, requestedBy: ctx.actor.id, reason: blank(event.reason) ? undefined : trimText(event.reason) };
      return done({ ...state, panelMeetings: [...state.panelMeetings, meeting] }, 'PAR-SIGN: the participant asks to meet the panel (PAR-FINAL-CONF: to appear before it)');
    }
    case 'panel-meeting-held': {
      const index = state.panelMeetings.findIndex((m) => !m.heldOn);
      if (index < 0) return conflict('PAR-SIGN', 'no meeting with the panel is requested');
      const on = event.on ?? today;
      if (on > today) return ruleViolation('PAR-SIGN', `${on} is in the future: record the meeting once held`);
      const panelMeetings = state.panelMeetings.map((m, i) => (i === index ? { ...m, heldOn: on } : m));
      return done({ ...state, panelMeetings }, `PAR-SIGN: the participant met the panel on ${on}`);
    }
    case 'review-semester': {
      if (state.participation.kind !== 'referred') return conflict('PAR-VOL-CONF', 'a Volunteer\'s assistance is peer assistance only: the panel does not review its progress');
      if (!isAssisted(state)) return conflict('PAR-SEMESTER', 'assistance has not started');
      const semester = state.schedule!.semesters.find((s) => s.ordinal === event.ordinal);
      if (!semester) return ruleViolation('PAR-SEMESTER', `semester ${event.ordinal} is not one of the participant's known semesters`);
      if (today < semester.end) return ruleViolation('PAR-SEMESTER', `semester ${event.ordinal} (${semester.name}) ends on ${semester.end}: the panel reviews it at its end`);
      if (state.reviews.some((r) => r.ordinal === event.ordinal && r.reviewedOn)) return conflict('PAR-SEMESTER', `semester ${event.ordinal} is already reviewed`);
      const reviews = [...state.reviews.filter((r) => r.ordinal !== event.ordinal), { ordinal: event.ordinal, reviewedOn: today, via: 'review' as const }];
      return done({ ...state, reviews }, `PAR-SEMESTER: the panel reviewed the progress of semester ${event.ordinal}`);
    }
    case 'hold-final-conference': {
      if (state.participation.kind !== 'referred') return conflict('PAR-VOL-CONF', 'a Volunteer\'s assistance ends without a review conference');
      if (state.status !== 'in-assistance') return conflict('PAR-FINAL-CONF', `no final conference is due at this stage (${state.status})`);
      if (state.goals.length === 0) return conflict('PAR-IPG', 'the IPG conference sets the goals first');
      if (state.finalConferences.some((c) => c.round === state.plannedSemesters)) return conflict('PAR-FINAL-CONF', 'the final conference is already held');
      const early = beforeFinalWindow(state, ctx);
      if (early) return early;
      const on = event.on ?? today;
      if (on > today) return ruleViolation('PAR-FINAL-CONF', `${on} is in the future: record the conference once held`);
      if (!event.evaluatorPresent) return ruleViolation('PAR-FINAL-CONF', 'the final conference is held with the evaluating administrator');
      // [design] A participant who does not come cannot block the conference; their absence is explained.
      if (!event.participantPresent && blank(event.absenceReason)) return ruleViolation('PAR-FINAL-CONF', 'the final conference is held with the participant: state why they were absent');
      const conference = { round: state.plannedSemesters, on, participantPresent: event.participantPresent, absenceReason: blank(event.absenceReason) ? undefined : trimText(event.absenceReason) };
      return done({ ...state, finalConferences: [...state.finalConferences, conference] }, `PAR-FINAL-CONF: final conference held on ${on}`);
    }
    case 'file-final-report': {
      if (state.participation.kind !== 'referred') return conflict('PAR-VOL-CONF', 'a Volunteer\'s assistance ends without a report to the panel');
      if (state.status !== 'in-assistance') return conflict('PAR-FINAL-CONF', `no final report is due at this stage (${state.status})`);
      if (!state.finalConferences.some((c) => c.round === state.plannedSemesters)) {
        return conflict('PAR-FINAL-CONF', 'the consulting teacher holds the final conference with participant and evaluating administrator before filing the final report');
      }
      const early = beforeFinalWindow(state, ctx);
      if (early) return early;
      const problems = finalReportProblems(event.report, today);
      if (problems.length > 0) return ruleViolation('PAR-FINAL-CONF', `the final report is incomplete: ${describeProblems(problems)}`);
      const goals = currentGoals(state)!;
      if (!sameGoals(event.report.goals, goals)) return ruleViolation('PAR-IPG', `the report lists goals other than those in force (${goals.map(describeText).join('; ')})`);
      const report = { id: `final-report-${state.plannedSemesters}`, kind: 'final-report' as const, content: event.report, filedOn: today, by: ctx.actor.id, round: state.plannedSemesters, responses: [] };
      return done(
        { ...state, status: 'awaiting-outcome', reports: [...state.reports, report] },
        `PAR-FINAL-CONF: ${report.id} filed with the panel; the participant may respond and appear before the panel`,
        'PAR-SIGN: a copy goes to the participant to sign for receipt',
      );
    }
    case 'record-district-decision': {
      if (state.status !== 'awaiting-district-decision') return conflict('PAR-OUTCOME', 'the district decides only after the panel reports insufficient progress after three semesters');
      const decided = { ...state, districtDecision: { decision: event.decision, on: today, by: ctx.actor.id } };
      return done(close(decided, 'district-decision', today, 'PAR-OUTCOME'), `PAR-OUTCOME: the district decided: ${event.decision}`);
    }
    case 'volunteer-notice':
      return volunteerNotice(state, event.receivedOn ?? today, today);
    case 'withdraw':
      return withdraw(state, event.reason, relation, today);
    case 'appoint-representative': {
      if (blank(event.representative.name)) return ruleViolation('PAR-REP', 'name the association representative');
      const representative = { ...event.representative, name: event.representative.name.trim(), appointedOn: today };
      // [design] PAR-REP names Referred participants; a Volunteer keeps the representation every unit member has.
      return done({ ...state, representative }, `PAR-REP: ${representative.name} represents the participant`);
    }
    case 'remove-representative':
      if (!state.representative) return conflict('PAR-REP', 'the participant has no representative');
      return done({ ...state, representative: undefined }, `PAR-REP: ${state.representative.name} no longer represents the participant`);
    case 'record-deliberation': {
      if (blank(event.text)) return ruleViolation('PAR-PANEL-CONF', 'a deliberation note has text');
      const note = { on: today, by: ctx.actor.id, text: trimText(event.text) };
      return done({ ...state, deliberations: [...state.deliberations, note] }, 'PAR-PANEL-CONF: deliberation recorded (closed: the panel alone sees it)');
    }
    case 'give-consent':
    case 'revoke-consent':
      return consent(state, event, today);
    default: {
      const unknown: never = event;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * PAR-FINAL-CONF [design]: the final conference and report close the plan's last semester, in its last weeks (the
 * policy's window of school days); earlier, the semesters are not yet full (PAR-OUTCOME). A case opened before the
 * full-semester rules has no window.
 */
function beforeFinalWindow(state: ParCase, ctx: ParContext): ParRefusal | undefined {
  const rules = state.policy.assistance;
  if (!rules) return undefined;
  const last = finalSemester(state);
  if (!last) return conflict('PAR-FINAL-CONF', `semester ${state.plannedSemesters} is not on a published district calendar yet: the final conference closes it`);
  let opens: CalendarDate;
  try {
    opens = shiftDate(ctx.calendars, addDays(last.end, 1), 'school-day', -rules.finalWindowSchoolDays);
  } catch {
    opens = last.start;
  }
  if (ctx.today < opens) {
    return conflict('PAR-FINAL-CONF', `the final conference and report close semester ${last.ordinal} (${last.name}, ending ${last.end}): they are held in its last ${rules.finalWindowSchoolDays} school days, from ${opens}`);
  }
  return undefined;
}

/** PAR-CT-SELECT-10: the panel approves the requested consulting teacher or designates one; assistance starts. */
function assign(state: ParCase, consultingTeacher: string, reason: LongText | undefined, ctx: ParContext): ParTransition {
  if (state.status !== 'selecting-consulting-teacher') return conflict('PAR-CT-SELECT-10', `no consulting teacher is being selected at this stage (${state.status})`);
  if (!consultingTeacher) return ruleViolation('PAR-CT-SELECT-10', 'name the consulting teacher');
  const windowOpen = !state.request && state.passed['consulting-teacher-request'] === undefined && !pastDue(ctx, 'consulting-teacher-request');
  if (windowOpen) {
    const until = ctx.dueOf('consulting-teacher-request');
    return conflict('PAR-CT-SELECT-10', `the participant may request a consulting teacher${until ? ` until ${until}` : ''}: the panel designates one only after`);
  }
  const first = state.request?.preferences[0];
  if (first && consultingTeacher !== first && blank(reason)) {
    return ruleViolation('PAR-CT-SELECT-10', `the panel weighs both sides' preferences: state why the participant's first choice (${first}) is not assigned`);
  }
  const how = state.request?.preferences.includes(consultingTeacher) ? ('requested' as const) : ('designated' as const);
  const assignment = { consultingTeacher, on: ctx.today, by: ctx.actor.id, how, reason: blank(reason) ? undefined : trimText(reason) };
  const schedule = buildSchedule(ctx.calendars, state, ctx.today);
  const notes = [`PAR-CT-SELECT-10: ${consultingTeacher} ${how === 'requested' ? 'approved as requested' : 'designated by the panel'}`, `assistance starts on ${schedule.startsOn}`];
  if (state.participation.kind === 'referred' && schedule.semesters.length < 2) notes.push('PAR-SEMESTER: some semesters await the publication of the district calendar');
  return done({ ...state, status: 'in-assistance', assignments: [...state.assignments, assignment], schedule }, ...notes);
}

/** PAR-IPG: goals are set in a conference of participant, consulting teacher and evaluator, and changed only in one. */
function setGoals(state: ParCase, event: Extract<ParAction, { type: 'hold-ipg-conference' | 'revise-goals' }>, ctx: ParContext): ParTransition {
  if (state.participation.kind !== 'referred') {
    return conflict('PAR-VOL-CONF', 'a Volunteer\'s assistance is confidential from the evaluator: there is no IPG conference');
  }
  if (!isAssisted(state)) return conflict('PAR-IPG', 'goals are set once a consulting teacher is assigned');
  if (event.type === 'hold-ipg-conference' && state.goals.length > 0) return conflict('PAR-IPG', 'the IPG conference was held: goals change only by revising them in a meeting of all three');
  if (event.type === 'revise-goals' && state.goals.length === 0) return conflict('PAR-IPG', 'no goals are set yet: hold the IPG conference');
  const absent = (['participant', 'consultingTeacher', 'evaluator'] as const satisfies readonly (keyof Attendance)[]).filter((who) => !event.present[who]);
  if (absent.length > 0) {
    return ruleViolation('PAR-IPG', `goals are set and changed only in a meeting of participant, consulting teacher and evaluator; absent: ${absent.join(', ')}`);
  }
  const goals = event.goals.map(trimText).filter((g) => !blank(g));
  if (goals.length === 0) return ruleViolation('PAR-IPG', 'state the Individual Performance Goals');
  const on = event.on ?? ctx.today;
  if (on > ctx.today) return ruleViolation('PAR-IPG', `${on} is in the future: record the meeting once held`);
  const specialists = event.type === 'hold-ipg-conference' ? (event.specialistsRequested ?? []).filter((s) => !blank(s)) : [];
  const representationRequested = event.type === 'hold-ipg-conference' && event.representationRequested === true;
  const record = { on, goals, present: event.present, specialistsRequested: specialists, representationRequested };
  // Notes travel to deadline causes, timelines and notices: they name the step, never the goals themselves, which
  // only readers of the goals may see (par-visibility.ts).
  const notes = [event.type === 'hold-ipg-conference' ? `PAR-IPG: ${goals.length} goal(s) set on ${on}` : `PAR-IPG: goals changed on ${on} in a meeting of all three`];
  if (specialists.length > 0) notes.push(`PAR-IPG: the participant asks for subject-area specialists (${specialists.join(', ')}): the panel may add them (PAR-REASSIGN)`);
  if (representationRequested) notes.push('PAR-REP: the participant asks for union representation');
  return done({ ...state, goals: [...state.goals, record] }, ...notes);
}

function withdraw(state: ParCase, reason: WithdrawalReason, relation: CaseRelation, today: CalendarDate): ParTransition {
  const referred = state.participation.kind === 'referred';
  switch (reason) {
    case 'application-withdrawn':
      if (relation !== 'participant') return forbidden('PAR-VOL-TERM', 'only the volunteer withdraws an application');
      if (referred) return conflict('PAR-VOL-TERM', 'a referral is not an application: HR withdraws a referral');
      if (isAssisted(state)) return conflict('PAR-VOL-TERM', 'assistance has started: the volunteer ends it by written notice');
      return done(close(state, 'application-withdrawn', today, 'PAR-VOL-TERM'), 'PAR-VOL-TERM: the volunteer withdrew the application');
    case 'referral-withdrawn':
      if (relation !== 'hr') return forbidden('PAR-REF-ELIG', 'HR withdraws a referral');
      if (!referred) return conflict('PAR-REF-ELIG', 'a Volunteer case has no referral');
      // [design] E.g. the unsatisfactory evaluation was set aside on grievance: the referral falls.
      return done(close(state, 'referral-withdrawn', today, 'PAR-REF-ELIG'), 'PAR-REF-ELIG: the referral was withdrawn');
    case 'satisfactory-evaluation':
      if (relation !== 'hr') return forbidden('PAR-MAX-18', 'HR records the evaluation');
      if (!referred || !isAssisted(state)) return conflict('PAR-MAX-18', 'only a Referred participant in assistance leaves PAR on a satisfactory evaluation');
      return done(close(state, 'satisfactory-evaluation', today, 'PAR-MAX-18'), 'PAR-MAX-18: a satisfactory evaluation ends PAR');
    case 'separated':
      if (relation !== 'hr') return forbidden('PAR-MAX-18', 'HR records a separation');
      return done(close(state, 'separated', today, referred ? 'PAR-MAX-18' : 'PAR-VOL-TERM'), 'the participant separated from the district: PAR ends');
    default: {
      const unknown: never = reason;
      throw new Error(`unknown withdrawal ${String(unknown)}`);
    }
  }
}

function withReport(state: ParCase, report: ParCase['reports'][number]): ParCase {
  return { ...state, reports: state.reports.map((r) => (r.id === report.id ? report : r)) };
}

/** A deadline passed unmet: recorded, and the case moves on where the rules say so. */
function deadlinePassed(state: ParCase, key: ParDeadlineKey, ctx: ParContext): ParTransition {
  if (!pendingDeadlines(state)[key]) return conflict(DEADLINE_RULES[key], `no ${key} deadline is running`);
  const due = ctx.dueOf(key) ?? ctx.today;
  const late = (note: string) => done({ ...state, passed: { ...state.passed, [key]: due } }, note);
  switch (key) {
    case 'acceptance-notice':
      return late(`PAR-ACCEPT-NOTICE: no acceptance notice by ${due}: overdue, the panel is told`);
    case 'consulting-teacher-request':
      return late(`PAR-CT-SELECT-10: no request within 10 work days (by ${due}): the panel designates a consulting teacher`);
    case 'consulting-teacher-assignment':
      return late(`PAR-CT-SELECT-10: no consulting teacher assigned by ${due}: overdue, the panel is told`);
    case 'ipg-conference':
      return late(`PAR-IPG: no IPG conference by ${due}: overdue, the panel is told`);
    case 'monthly-log':
      return done({ ...state, monthly: { ...state.monthly, missed: [...state.monthly.missed, due] } }, `PAR-MONTHLY: no monthly log by ${due}: overdue notice to the panel`);
    case 'semester-review': {
      const ordinal = semesterToReview(state)!.ordinal;
      return done({ ...state, reviews: [...state.reviews, { ordinal, missedOn: due }] }, `PAR-SEMESTER: the panel did not review semester ${ordinal} by ${due}: overdue`);
    }
    case 'final-conference':
      return late(`PAR-FINAL-CONF: no final conference by ${due}: overdue, the panel is told`);
    case 'final-report':
      return late(`PAR-FINAL-CONF: no final report by ${due}: overdue, the panel is told`);
    case 'final-response':
      return late(`PAR-FINAL-CONF: the participant's time to respond to the final report ended on ${due}: the panel may report`);
    case 'outcome':
      return late(`PAR-OUTCOME: the panel has not reported by ${due}: overdue`);
    case 'max-duration':
      return done(close(state, 'time-limit', due, 'PAR-MAX-18'), `PAR-MAX-18: 18 months in PAR reached on ${due}: PAR ends`);
    case 'volunteer-term':
      return done(close(state, 'term-ended', due, 'PAR-VOL-TERM'), `PAR-VOL-TERM: the maximum term of assistance ended on ${due}`);
    case 'volunteer-notice':
      return done(close(state, 'ended-by-notice', due, 'PAR-VOL-TERM'), `PAR-VOL-TERM: the volunteer's notice takes effect on ${due}: participation ends`);
    default: {
      const unknown: never = key;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}
