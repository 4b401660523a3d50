import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { addDays, computeDeadline, DistrictCalendars, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import { filingRefusal } from '../../../src/domain/grievance/filing-rules';
import {
  DEFAULT_GRIEVANCE_POLICY,
  UNPINNED_GRIEVANCE_POLICY,
  validateGrievancePolicy,
  type GrievancePolicy,
} from '../../../src/domain/grievance/grievance-policy';
import {
  pendingDeadlines,
  policyChanges,
  startProcess,
  transition,
  type GrievanceEvent,
  type GrievanceProcess,
  type Level,
  type TransitionContext,
} from '../../../src/domain/grievance/grievance-process';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { aFiling } from '../../helpers/grievance-fixtures';
import { lakeview2026 } from '../../helpers/calendars';

/**
 * Issue 16: the grievance procedure as the district's contract says it. The same steps run under RULES.md's
 * procedure (the default) and under a second contract (two levels, 30 work days to file, 7 calendar days to appeal,
 * arbitration demanded within 20 work days), and each gets its own limits; nonsense procedures are refused naming
 * the field.
 */
const lakeview = new DistrictCalendars('lakeview', [lakeview2026]);
const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };

const ctx = (today: string, dues: Partial<Record<string, string>> = {}): TransitionContext => ({
  today,
  actor: hr,
  shift: (date, limit) => (limit.unit === 'calendar-day' ? addDays(date, limit.count) : shiftDate(lakeview, date, limit.unit, limit.count)),
  dueOf: (key) => dues[key],
  parties: { relation: 'hr', decidesAt: () => true },
});

const decider = (today: string): TransitionContext => ({ ...ctx(today), parties: { relation: 'decider', decidesAt: () => true } });

function accept(state: GrievanceProcess, event: GrievanceEvent, context: TransitionContext): GrievanceProcess {
  const result = transition(state, event, context);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
  return result.state;
}

const at = (policy: GrievancePolicy | undefined, level: 0 | Level, conferenceRequested = false) =>
  startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level, conferenceRequested, policy });
const denied = { type: 'decide', outcome: 'denied', text: 'No.' } as const;

describe('GRV: a procedure is validated, each problem naming its field', () => {
  it.each([
    ['the default (RULES.md)', DEFAULT_GRIEVANCE_POLICY],
    ['the two-level contract with arbitration', TWO_LEVEL_ARBITRATION_POLICY],
  ])('GRV-FILE-40 / GRV-FINAL: %s is accepted as it is', (_name, policy) => {
    expect(validateGrievancePolicy(JSON.parse(JSON.stringify(policy)))).toStrictEqual({ ok: true, policy });
  });

  const valid = () => JSON.parse(JSON.stringify(TWO_LEVEL_ARBITRATION_POLICY)) as Record<string, any>;
  it.each<[string, (p: Record<string, any>) => unknown, string, string]>([
    ['no levels', (p) => ({ ...p, levels: [] }), '/levels', 'must list'],
    ['levels missing', (p) => ({ ...p, levels: undefined }), '/levels', 'must list'],
    ['four levels', (p) => ({ ...p, levels: [...DEFAULT_GRIEVANCE_POLICY.levels, p.levels[1]] }), '/levels', 'at most 3 levels'],
    ['a zero filing limit', (p) => ({ ...p, filing: { limit: { count: 0, unit: 'work-day' } } }), '/filing/limit/count', 'between 1 and 260'],
    ['a negative appeal limit', (p) => ({ ...p, levels: [{ ...p.levels[0], appeal: { count: -7, unit: 'calendar-day' } }, p.levels[1]] }), '/levels/0/appeal/count', 'between 1 and 365'],
    ['a fractional decision limit', (p) => ({ ...p, levels: [{ ...p.levels[0], decision: { limit: { count: 2.5, unit: 'work-day' } } }, p.levels[1]] }), '/levels/0/decision/limit/count', 'whole number'],
    ['an unknown unit', (p) => ({ ...p, representativeDelay: { count: 1, unit: 'fortnight' } }), '/representativeDelay/unit', 'must be one of "school-day", "work-day", "calendar-day"'],
    ['a misspelt setting', (p) => ({ ...p, filingLimit: 30 }), '/filingLimit', 'is not a procedure setting'],
    ['an appeal after the last level', (p) => ({ ...p, levels: [p.levels[0], { ...p.levels[1], appeal: { count: 5, unit: 'work-day' } }] }), '/levels/1/appeal', 'the last level has no appeal'],
    ['no appeal between levels', (p) => ({ ...p, levels: [{ ...p.levels[0], appeal: undefined }, p.levels[1]] }), '/levels/0/appeal', 'must be an object'],
    ['an arbitration demand without its limit', (p) => ({ ...p, lastLevel: { kind: 'arbitration-demand' } }), '/lastLevel/limit', 'must be an object'],
    ['an unknown last-level kind', (p) => ({ ...p, lastLevel: { kind: 'mediation' } }), '/lastLevel/kind', 'must be one of'],
    ['version 0', (p) => ({ ...p, version: 0 }), '/version', 'between 1 and'],
    ['a conference limit where none is allowed', (p) => ({ ...p, levels: [p.levels[0], { ...p.levels[1], conference: { allowed: false, limit: { count: 5, unit: 'work-day' } } }] }), '/levels/1/conference/limit', 'no conference limit'],
    ['a decider without a title', (p) => ({ ...p, levels: [{ ...p.levels[0], decider: { role: 'principal' } }, p.levels[1]] }), '/levels/0/decider/title', 'must be a text'],
  ])('GRV-FILE-40 and the rest: %s is refused naming %s', (_name, change, field, message) => {
    const result = validateGrievancePolicy(change(valid()));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('GRV-FILE-40: something that is not an object is refused as a whole', () => {
    expect(validateGrievancePolicy([1, 2])).toStrictEqual({ ok: false, problems: [{ field: '', message: 'must be an object' }] });
  });
});

describe('GRV: the same steps under two contracts get each contract limits', () => {
  it.each([
    ['RULES.md', DEFAULT_GRIEVANCE_POLICY, { count: 40, unit: 'school-day' }, 'written grievance due (40 school days after the teacher knew)'],
    ['two levels', TWO_LEVEL_ARBITRATION_POLICY, { count: 30, unit: 'work-day' }, 'written grievance due (30 work days after the teacher knew)'],
  ] as const)('GRV-FILE-40: under %s the informal step runs the filing limit of the contract', (_name, policy, limit, label) => {
    expect(pendingDeadlines(at(policy, 0))).toStrictEqual({ filing: { rule: 'GRV-FILE-40', trigger: '2026-10-01', ...limit, label } });
  });

  it.each([
    ['RULES.md', DEFAULT_GRIEVANCE_POLICY, { count: 10, unit: 'school-day' }, { rule: 'GRV-APPEAL-5', count: 5, unit: 'school-day', label: 'appeal to level 2 due' }],
    ['two levels', TWO_LEVEL_ARBITRATION_POLICY, { count: 10, unit: 'work-day' }, { rule: 'GRV-APPEAL-5', count: 7, unit: 'calendar-day', label: 'appeal to level 2 due' }],
  ] as const)('GRV-DECIDE-10 / GRV-APPEAL-5: under %s the level 1 decision and appeal limits are the contract ones', (_name, policy, decision, appeal) => {
    const filed = at(policy, 1);
    expect(pendingDeadlines(filed).decision).toMatchObject({ rule: 'GRV-DECIDE-10', trigger: '2026-10-05', ...decision });
    const decided = accept(filed, denied, decider('2026-10-14'));
    expect(pendingDeadlines(decided)).toStrictEqual({ appeal: { trigger: '2026-10-14', ...appeal } });
  });

  it('GRV-FINAL: under RULES.md the level 3 decision is final; under the two-level contract level 2 opens the 20-work-day arbitration demand', () => {
    const final = accept(at(DEFAULT_GRIEVANCE_POLICY, 3), denied, decider('2026-10-14'));
    expect(final).toMatchObject({ status: 'closed', closed: { reason: 'final', rule: 'GRV-FINAL' } });

    const second = accept(at(TWO_LEVEL_ARBITRATION_POLICY, 2), denied, decider('2026-10-14'));
    expect(second.status).toBe('appeal-window');
    expect(pendingDeadlines(second)).toStrictEqual({ arbitration: { rule: 'GRV-FINAL', trigger: '2026-10-14', count: 20, unit: 'work-day', label: 'demand for arbitration due' } });
    // There is no level 3 to appeal to: the next step is the demand.
    expect(transition(second, { type: 'appeal', conferenceRequested: false }, ctx('2026-10-15'))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-FINAL' });
    expect(accept(second, { type: 'demand-arbitration' }, ctx('2026-10-20'))).toMatchObject({ status: 'closed', closed: { reason: 'sent-to-arbitration', on: '2026-10-20', rule: 'GRV-FINAL' } });
    expect(accept(second, { type: 'deadline-passed', deadline: 'arbitration' }, ctx('2026-11-12', { arbitration: '2026-11-11' }))).toMatchObject({
      status: 'closed',
      closed: { reason: 'accepted', on: '2026-11-11', rule: 'GRV-ACCEPT' },
    });
  });

  it('GRV-FINAL: a demand for arbitration is refused where the procedure ends in a final decision', () => {
    const window = accept(at(DEFAULT_GRIEVANCE_POLICY, 1), denied, decider('2026-10-14'));
    expect(transition(window, { type: 'demand-arbitration' }, ctx('2026-10-15'))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-FINAL' });
  });

  it('GRV-DECISION-LATE: a missed last-level decision opens the arbitration demand as if denied', () => {
    const late = accept(at(TWO_LEVEL_ARBITRATION_POLICY, 2), { type: 'deadline-passed', deadline: 'decision' }, ctx('2026-10-27', { decision: '2026-10-26' }));
    expect(late.status).toBe('appeal-window');
    expect(pendingDeadlines(late).arbitration).toMatchObject({ trigger: '2026-10-26', count: 20, unit: 'work-day' });
  });

  it('GRV-CONF-5: a level without a conference refuses one asked for on appeal', () => {
    const window = accept(at(TWO_LEVEL_ARBITRATION_POLICY, 1), denied, decider('2026-10-14'));
    expect(transition(window, { type: 'appeal', conferenceRequested: true }, ctx('2026-10-15'))).toMatchObject({ ok: false, kind: 'rule', rule: 'GRV-CONF-5' });
  });

  it('GRV-DECIDE-10: a level whose decision counts from receipt ignores the conference date', () => {
    const level2: GrievancePolicy = { ...TWO_LEVEL_ARBITRATION_POLICY, levels: [TWO_LEVEL_ARBITRATION_POLICY.levels[0]!, { ...TWO_LEVEL_ARBITRATION_POLICY.levels[1]!, conference: { allowed: true, limit: { count: 5, unit: 'work-day' }, constrains: 'scheduling' } }] };
    const scheduled = accept(at(level2, 2, true), { type: 'schedule-conference', on: '2026-10-20' }, decider('2026-10-06'));
    expect(pendingDeadlines(scheduled).decision).toMatchObject({ trigger: '2026-10-05', count: 15, unit: 'work-day' });
  });

  it('GRV-REP: the representative delay is the contract one (2 work days here)', () => {
    const scheduled = accept(at(TWO_LEVEL_ARBITRATION_POLICY, 1, true), { type: 'schedule-conference', on: '2026-10-08' }, decider('2026-10-06'));
    const delayed = transition(scheduled, { type: 'representative-unavailable' }, ctx('2026-10-07'));
    expect(delayed).toMatchObject({ ok: true, state: { conference: { on: shiftDate(lakeview, '2026-10-08', 'work-day', 2), representativeDelayed: true } } });
    expect(delayed.ok && delayed.notes).toEqual([`GRV-REP: conference delayed 2 work days to ${shiftDate(lakeview, '2026-10-08', 'work-day', 2)}`]);
  });
});

describe('GRV-CONF-5: the act of scheduling happens within the limit; the conference is held on the date set', () => {
  const due = shiftDate(lakeview, '2026-10-05', 'school-day', 5);
  const later = shiftDate(lakeview, due, 'school-day', 3);

  it('GRV-CONF-5: under the default procedure a conference scheduled in time may be held after the fifth school day', () => {
    const filed = at(DEFAULT_GRIEVANCE_POLICY, 1, true);
    expect(pendingDeadlines(filed).conference).toMatchObject({ count: 5, unit: 'school-day', label: 'level 1 conference to be scheduled' });
    const scheduled = accept(filed, { type: 'schedule-conference', on: later }, decider('2026-10-07'));
    expect(scheduled.conference?.on).toBe(later);
    // GRV-DECIDE-10: the decision counts from the conference.
    expect(pendingDeadlines(scheduled).decision).toMatchObject({ trigger: later, count: 10 });
  });

  it('GRV-CONF-5: a case filed before procedures were data keeps the old reading (the conference itself within 5 school days)', () => {
    const filed = startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: true });
    expect(pendingDeadlines(filed).conference).toMatchObject({ label: 'level 1 conference to be held' });
    const refused = transition(filed, { type: 'schedule-conference', on: later }, { ...decider('2026-10-07'), dueOf: (key) => (key === 'conference' ? due : undefined) });
    expect(refused).toMatchObject({ ok: false, kind: 'rule', rule: 'GRV-CONF-5', message: `the conference must be held within 5 school days after receipt, by ${due}` });
  });

  it('GRV-CONF-5: "holding" as a procedure option refuses a date after the limit, in the contract units', () => {
    const holding: GrievancePolicy = { ...TWO_LEVEL_ARBITRATION_POLICY, levels: [{ ...TWO_LEVEL_ARBITRATION_POLICY.levels[0]!, conference: { allowed: true, limit: { count: 5, unit: 'work-day' }, constrains: 'holding' } }, TWO_LEVEL_ARBITRATION_POLICY.levels[1]!] };
    const refused = transition(at(holding, 1, true), { type: 'schedule-conference', on: later }, { ...decider('2026-10-07'), dueOf: () => due });
    expect(refused).toMatchObject({ ok: false, rule: 'GRV-CONF-5', message: `the conference must be held within 5 work days after receipt, by ${due}` });
  });

  it.each([
    ['from-conference-deadline', '2026-10-12', 'the decision clock runs from its deadline'],
    ['from-receipt', '2026-10-05', 'the decision clock runs from receipt'],
  ] as const)('GRV-CONF-5: a requested conference never scheduled: the decision counts %s', (option, trigger, note) => {
    const policy: GrievancePolicy = { ...DEFAULT_GRIEVANCE_POLICY, conferenceNeverScheduled: option };
    const result = transition(at(policy, 1, true), { type: 'deadline-passed', deadline: 'conference' }, ctx('2026-10-13', { conference: '2026-10-12' }));
    expect(result).toMatchObject({ ok: true, notes: [`GRV-CONF-5: the conference was not scheduled in time; ${note}`] });
    expect(result.ok && pendingDeadlines(result.state).decision).toMatchObject({ trigger, count: 10 });
  });
});

describe('GRV: messages state the configured numbers and units', () => {
  it('GRV-FILE-40: a late filing is refused with the contract limit, counted in its unit', () => {
    const filing = aFiling({ knewOn: '2026-09-01', receivedOn: '2026-10-20' });
    const limit = computeDeadline(lakeview, { rule: 'GRV-FILE-40', trigger: '2026-09-01', unit: 'work-day', count: 30 }) as RunningDeadline;
    expect(filingRefusal(filing, lakeview, '2026-10-20', TWO_LEVEL_ARBITRATION_POLICY)).toMatchObject({
      rule: 'GRV-FILE-40',
      field: '/knewOn',
      message: `a grievance must be presented in writing within 30 work days after 2026-09-01, by ${limit.due}; received 2026-10-20, it is waived`,
    });
    // The same filing is in time under RULES.md's 40 school days.
    expect(filingRefusal(filing, lakeview, '2026-10-20', DEFAULT_GRIEVANCE_POLICY)).toBeUndefined();
  });

  it('GRV-COLLECTIVE / GRV-CONF-5: a filing above the last level, or asking for a conference a level has none of, is refused naming the field', () => {
    const collective = { grievants: [aFiling().grievants[0]!, { name: 'Sam Ito', position: 'Grade 5 teacher' }] };
    expect(filingRefusal(aFiling({ ...collective, level: 3 }), lakeview, '2026-10-05', TWO_LEVEL_ARBITRATION_POLICY)).toMatchObject({ rule: 'GRV-COLLECTIVE', field: '/level' });
    expect(filingRefusal(aFiling({ ...collective, level: 2, conferenceRequested: true }), lakeview, '2026-10-05', TWO_LEVEL_ARBITRATION_POLICY)).toMatchObject({
      rule: 'GRV-CONF-5',
      field: '/conferenceRequested',
    });
  });

  it('GRV-EXTEND: an extension is worded in the unit of the limit it extends', () => {
    const window = accept(at(TWO_LEVEL_ARBITRATION_POLICY, 1), denied, decider('2026-10-14'));
    const proposed = transition(window, { type: 'propose-extension', deadline: 'appeal', count: 3 }, ctx('2026-10-15'));
    expect(proposed.ok && proposed.notes).toEqual(['GRV-EXTEND: district proposes 3 more calendar days']);
  });

  it('GRV-FILE-40 and the rest: a migration lists every limit it changes, old and new', () => {
    expect(policyChanges(DEFAULT_GRIEVANCE_POLICY, UNPINNED_GRIEVANCE_POLICY)).toEqual([
      'GRV-CONF-5: level 1 conference 5 school days (scheduling) -> 5 school days (holding)',
      'GRV-CONF-5: level 2 conference 5 school days (scheduling) -> 5 school days (holding)',
      'GRV-CONF-5: level 3 conference 5 school days (scheduling) -> 5 school days (holding)',
    ]);
    const corrected: GrievancePolicy = { ...TWO_LEVEL_ARBITRATION_POLICY, version: 2, filing: { limit: { count: 35, unit: 'work-day' }, countsFrom: 'knew-on' } };
    const migrated = transition(at(TWO_LEVEL_ARBITRATION_POLICY, 0), { type: 'policy-migrated', policy: corrected, reason: 'typo in article 7' }, ctx('2026-10-06'));
    expect(migrated).toMatchObject({ ok: true, notes: ['procedure v1 -> v2 (typo in article 7): GRV-FILE-40: filing 30 work days -> 35 work days'] });
    expect(migrated.ok && pendingDeadlines(migrated.state).filing).toMatchObject({ count: 35, unit: 'work-day' });
  });

  it('GRV-FINAL: a migration to a procedure without the case level is refused, and the case keeps its procedure', () => {
    const atThree = at(DEFAULT_GRIEVANCE_POLICY, 3);
    expect(transition(atThree, { type: 'policy-migrated', policy: TWO_LEVEL_ARBITRATION_POLICY, reason: 'new contract' }, ctx('2026-10-06'))).toMatchObject({ ok: false, kind: 'conflict' });
  });
});
