import type { Actor } from '../../../src/domain/actor';
import { DistrictCalendars, computeDeadline, type CalendarDate, type DistrictCalendar } from '../../../src/domain/calendar';
import type { FinalReport, MonthlyLog, ParCase, ParContext, ParDeadlineKey, ParEvent } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../../src/domain/par/par-policy';
import { startIntervention, transition } from '../../../src/domain/par/par-process';

/**
 * Riverside, a synthetic district with three school years written out by hand (so every expected date in the PAR
 * tests can be checked on a paper calendar): a staff year that ends a week after the last school day, two
 * semesters a year, the usual holidays and breaks.
 */
const DISTRICT = 'riverside';

type Day = readonly [id: string, kind: 'holiday' | 'break' | 'staff-day', name: string, start: CalendarDate, end?: CalendarDate];

/** One Riverside school year: instructional days, a staff year one week longer, fall and spring semesters. */
function riverside(
  start: number,
  days: { first: CalendarDate; fallEnd: CalendarDate; springStart: CalendarDate; last: CalendarDate; staffFirst: CalendarDate; staffLast: CalendarDate },
  events: readonly Day[],
): DistrictCalendar {
  return {
    district: DISTRICT,
    schoolYear: `${start}-${start + 1}`,
    timeZone: 'America/Los_Angeles',
    firstInstructionalDay: days.first,
    lastInstructionalDay: days.last,
    staffYear: { firstDay: days.staffFirst, lastDay: days.staffLast },
    semesters: [
      { name: `Fall ${start}`, start: days.first, end: days.fallEnd },
      { name: `Spring ${start + 1}`, start: days.springStart, end: days.last },
    ],
    events: events.map(([id, kind, name, from, to]) => ({ id, kind, name, start: from, ...(to ? { end: to } : {}) })),
    version: 1,
  };
}

export const riverside2026 = riverside(
  2026,
  { first: '2026-08-19', fallEnd: '2027-01-15', springStart: '2027-01-19', last: '2027-06-04', staffFirst: '2026-08-17', staffLast: '2027-06-11' },
  [
    ['labor', 'holiday', 'Labor Day', '2026-09-07'],
    ['veterans', 'holiday', 'Veterans Day', '2026-11-11'],
    ['thanksgiving', 'break', 'Thanksgiving break', '2026-11-25', '2026-11-27'],
    ['winter', 'break', 'Winter break', '2026-12-21', '2027-01-01'],
    ['mlk', 'holiday', 'Martin Luther King Jr. Day', '2027-01-18'],
    ['presidents', 'holiday', "Presidents' Day", '2027-02-15'],
    ['spring', 'break', 'Spring break', '2027-03-29', '2027-04-02'],
    ['memorial', 'holiday', 'Memorial Day', '2027-05-31'],
  ],
);

export const riverside2027 = riverside(
  2027,
  { first: '2027-08-18', fallEnd: '2028-01-14', springStart: '2028-01-18', last: '2028-06-02', staffFirst: '2027-08-16', staffLast: '2028-06-09' },
  [
    ['labor', 'holiday', 'Labor Day', '2027-09-06'],
    ['veterans', 'holiday', 'Veterans Day', '2027-11-11'],
    ['thanksgiving', 'break', 'Thanksgiving break', '2027-11-24', '2027-11-26'],
    ['winter', 'break', 'Winter break', '2027-12-20', '2027-12-31'],
    ['mlk', 'holiday', 'Martin Luther King Jr. Day', '2028-01-17'],
    ['presidents', 'holiday', "Presidents' Day", '2028-02-21'],
    ['spring', 'break', 'Spring break', '2028-03-27', '2028-03-31'],
    ['memorial', 'holiday', 'Memorial Day', '2028-05-29'],
  ],
);

export const riverside2028 = riverside(
  2028,
  { first: '2028-08-16', fallEnd: '2029-01-12', springStart: '2029-01-16', last: '2029-06-01', staffFirst: '2028-08-14', staffLast: '2029-06-08' },
  [
    ['labor', 'holiday', 'Labor Day', '2028-09-04'],
    ['veterans', 'holiday', 'Veterans Day (observed)', '2028-11-10'],
    ['thanksgiving', 'break', 'Thanksgiving break', '2028-11-22', '2028-11-24'],
    ['winter', 'break', 'Winter break', '2028-12-18', '2028-12-29'],
    ['new-year', 'holiday', "New Year's Day", '2029-01-01'],
    ['mlk', 'holiday', 'Martin Luther King Jr. Day', '2029-01-15'],
  ],
);

export const calendars = new DistrictCalendars(DISTRICT, [riverside2026, riverside2027, riverside2028]);
/** The district before it published 2028-2029: the third semester is not known yet. */
export const twoYears = new DistrictCalendars(DISTRICT, [riverside2026, riverside2027]);

const actor = (id: string, ...roles: Actor['roles'][number][]): Actor => ({ id, roles, district: DISTRICT });
export const hr = actor('hr-1', 'hr');
export const panel = actor('panel-chair', 'panel');
export const dana = actor('dana', 'participant');
export const rep = actor('rep-lee', 'participant');
export const ctKim = actor('ct-kim', 'consulting-teacher');
export const ctOrtiz = actor('ct-ortiz', 'consulting-teacher');
export const evaluator = actor('eval-park', 'decider');
export const principal = actor('principal-ng', 'decider');
export const auditor = actor('auditor-1', 'auditor');
export const system: Actor = { id: 'system:deadline', roles: [], district: DISTRICT };

/** Five panel members voting, `yes` of them in favour and the rest against. */
export const votes = (yes: number, no = 5 - yes, abstain = 0) => [
  ...Array.from({ length: yes }, (_, i) => ({ member: `member-${i + 1}`, vote: 'yes' as const })),
  ...Array.from({ length: no }, (_, i) => ({ member: `member-${yes + i + 1}`, vote: 'no' as const })),
  ...Array.from({ length: abstain }, (_, i) => ({ member: `member-${yes + no + i + 1}`, vote: 'abstain' as const })),
];

export const GOALS = ['Plan lessons aligned to standards', 'Manage transitions without lost instruction time'];

export const monthlyLog = (progressSharedOn: CalendarDate, goals = GOALS): MonthlyLog => ({
  goals,
  assistancePlan: 'Weekly co-planning; two observations a month',
  observationDates: [progressSharedOn],
  preObservationConferences: [progressSharedOn],
  postObservationConferences: [progressSharedOn],
  otherResources: ['District literacy coach'],
  reportsFromOthers: [],
  progressSharedOn,
});

export const finalReport = (on: CalendarDate): FinalReport => ({ ...monthlyLog(on), summary: 'Both goals progressing; lesson plans now aligned.' });

/** The policy copy of a case opened before the full-semester rules (no `assistance`): such cases keep running as they did. */
export const LEGACY_PAR_POLICY: ParPolicy = (({ assistance: _rules, ...rest }: ParPolicy) => rest)(DEFAULT_PAR_POLICY);

export function referral(policy: ParPolicy = DEFAULT_PAR_POLICY, referredOn = '2027-05-10'): ParCase {
  return startIntervention({
    kind: 'referred',
    id: 'PAR-2027-001',
    district: DISTRICT,
    policy,
    participant: { id: dana.id, name: 'Dana Reyes' },
    evaluator: { id: evaluator.id, name: 'Sam Park' },
    principal: { id: principal.id, name: 'Lin Ng' },
    referredOn,
  });
}

export function application(policy: ParPolicy = DEFAULT_PAR_POLICY, appliedOn = '2027-01-06'): ParCase {
  return startIntervention({
    kind: 'volunteer',
    id: 'PAR-2027-V01',
    district: DISTRICT,
    policy,
    participant: { id: dana.id, name: 'Dana Reyes' },
    evaluator: { id: evaluator.id, name: 'Sam Park' },
    principal: { id: principal.id, name: 'Lin Ng' },
    appliedOn,
  });
}

/** The due date the case clock would compute now for a pending deadline (CAL-1 on the Riverside calendars). */
export function dueOf(state: ParCase, key: ParDeadlineKey, on: DistrictCalendars = calendars): CalendarDate | undefined {
  const spec = pendingDeadlines(state)[key];
  if (!spec) return undefined;
  const deadline = computeDeadline(on, spec);
  return deadline.state === 'running' ? deadline.due : undefined;
}

/** All pending deadlines with their computed due dates, `key: due`. */
export function dues(state: ParCase, on: DistrictCalendars = calendars): Record<string, CalendarDate | undefined> {
  return Object.fromEntries(Object.keys(pendingDeadlines(state)).map((key) => [key, dueOf(state, key as ParDeadlineKey, on)]));
}

export function ctx(state: ParCase, today: CalendarDate, by: Actor, extra: Partial<ParContext> = {}): ParContext {
  return { today, actor: by, calendars, dueOf: (key) => dueOf(state, key, extra.calendars ?? calendars), ...extra };
}

export type Step = readonly [event: ParEvent, today: CalendarDate, by: Actor, extra?: Partial<ParContext>];

/** Applies events in order, failing the test on any refusal; returns the state and every note. */
export function run(state: ParCase, steps: readonly Step[]): ParCase {
  return steps.reduce((s, [event, today, by, extra]) => {
    const result = transition(s, event, ctx(s, today, by, extra));
    if (!result.ok) throw new Error(`${event.type} on ${today} refused: ${result.rule} ${result.message}`);
    return result.state;
  }, state);
}

/** The notes of one step, for asserting what the workflow will announce. */
export function notesOf(state: ParCase, [event, today, by, extra]: Step): readonly string[] {
  const result = transition(state, event, ctx(state, today, by, extra));
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
  return result.notes;
}

/** A referred case through acceptance, request and assignment of ct-kim on 2027-05-27, the goals set on 2027-08-25. */
export function assisted(policy: ParPolicy = DEFAULT_PAR_POLICY): ParCase {
  return run(referral(policy), [
    [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel],
    [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana],
    [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel],
    [{ type: 'hold-ipg-conference', present: { participant: true, consultingTeacher: true, evaluator: true }, goals: GOALS }, '2027-08-25', ctKim],
  ]);
}

/** A Volunteer applied January 6, approved with a place on the 12th, ct-ortiz assigned on the 20th as requested. */
export function volunteering(policy: ParPolicy = DEFAULT_PAR_POLICY): ParCase {
  return run(application(policy), [
    [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }],
    [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-01-13', panel],
    [{ type: 'request-consulting-teacher', preferences: ['ct-ortiz'] }, '2027-01-15', dana],
    [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-01-20', panel],
  ]);
}

/** The assisted case after its final conference of 2028-05-25 and the final report of 2028-05-30 (awaiting the outcome). */
export function finalReported(state: ParCase = assisted(), ct: Actor = ctKim): ParCase {
  return run(state, [
    [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ct],
    [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ct],
  ]);
}
