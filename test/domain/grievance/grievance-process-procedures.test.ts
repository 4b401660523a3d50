import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { addDays, DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import { DEFAULT_GRIEVANCE_POLICY, type GrievancePolicy } from '../../../src/domain/grievance/grievance-policy';
import type { GrievanceRelation } from '../../../src/domain/grievance/grievance-parties';
import {
  pendingDeadlines,
  policyChanges,
  startProcess,
  transition,
  type GrievanceEvent,
  type GrievanceProcess,
  type TransitionContext,
} from '../../../src/domain/grievance/grievance-process';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { lakeview2026 } from '../../helpers/calendars';

/**
 * Issue 16: the grievance procedure under a district's own contract, the steps its levels and last level decide:
 * conferences a level does not have, the demand for arbitration after the last level, migrations between
 * procedures. Notes and messages are written out here.
 */
const lakeview = new DistrictCalendars('lakeview', [lakeview2026]);
const actor: Actor = { id: 'someone', roles: ['hr'], district: 'lakeview' };
const ctx = (today: string, relation: GrievanceRelation = 'hr', dues: Partial<Record<string, string>> = {}): TransitionContext => ({
  today,
  actor: { ...actor, id: relation },
  shift: (date, limit) => (limit.unit === 'calendar-day' ? addDays(date, limit.count) : shiftDate(lakeview, date, limit.unit, limit.count)),
  dueOf: (key) => dues[key],
  parties: { relation, decidesAt: () => true },
});

function accept(state: GrievanceProcess, event: GrievanceEvent, context: TransitionContext): { state: GrievanceProcess; notes: readonly string[] } {
  const result = transition(state, event, context);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
  return result;
}

const two = TWO_LEVEL_ARBITRATION_POLICY;
const at = (policy: GrievancePolicy, level: 0 | 1 | 2 | 3, conferenceRequested = false) => startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level, conferenceRequested, policy });
const denied = { type: 'decide', outcome: 'denied', text: 'No.' } as const;
/** The two-level contract with no conference at level 1 either. */
const noConferences: GrievancePolicy = { ...two, levels: [{ ...two.levels[0]!, conference: { allowed: false } }, two.levels[1]!] };

describe('GRV-CONF-5: a conference a level of the procedure does not have', () => {
  it('GRV-CONF-5: is refused when declared formal or appealed with one, and not asked for, the step goes ahead', () => {
    expect(transition(at(noConferences, 0), { type: 'declare-formal', conferenceRequested: true }, ctx('2026-10-06'))).toStrictEqual({
      ok: false,
      kind: 'rule',
      rule: 'GRV-CONF-5',
      message: "the district's procedure has no conference at level 1",
    });
    expect(accept(at(noConferences, 0), { type: 'declare-formal', conferenceRequested: false }, ctx('2026-10-06')).state).toMatchObject({ status: 'awaiting-decision', level: 1 });

    const window = accept(at(two, 1), denied, ctx('2026-10-14', 'decider')).state;
    expect(transition(window, { type: 'appeal', conferenceRequested: true }, ctx('2026-10-15', 'grievant'))).toStrictEqual({
      ok: false,
      kind: 'rule',
      rule: 'GRV-CONF-5',
      message: "the district's procedure has no conference at level 2",
    });
    expect(accept(window, { type: 'appeal', conferenceRequested: false }, ctx('2026-10-15', 'grievant')).state).toMatchObject({ status: 'awaiting-decision', level: 2, receivedOn: '2026-10-15' });
  });

  it('GRV-CONF-5: a case waiting for a conference its procedure no longer has (after a migration) runs no conference deadline', () => {
    const waiting = at(two, 1, true);
    expect(pendingDeadlines(waiting)).toStrictEqual({ conference: { rule: 'GRV-CONF-5', trigger: '2026-10-05', count: 5, unit: 'work-day', label: 'level 1 conference to be scheduled' } });
    expect(pendingDeadlines({ ...waiting, policy: noConferences })).toStrictEqual({});
  });

  it('GRV-CONF-5: where the limit bounds the scheduling, a conference set in time may be held after the limit', () => {
    const scheduled = transition(at(two, 1, true), { type: 'schedule-conference', on: '2026-10-20' }, ctx('2026-10-07', 'decider', { conference: '2026-10-12' }));
    expect(scheduled).toMatchObject({ ok: true, state: { status: 'awaiting-decision', conference: { on: '2026-10-20' } } });
  });
});

describe('GRV-FINAL: after the last level of a procedure that ends in arbitration', () => {
  const lastDecided = () => accept(at(two, 2), denied, ctx('2026-10-14', 'decider'));

  it('GRV-FINAL: the last decision opens the demand for arbitration, within the contract limit', () => {
    expect(lastDecided().notes).toStrictEqual(['GRV-FINAL: level 2 decided; a demand for arbitration may follow within 20 work days']);
  });

  it('GRV-FINAL: there is no next level to appeal to', () => {
    expect(transition(lastDecided().state, { type: 'appeal', conferenceRequested: false }, ctx('2026-10-15', 'grievant'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-FINAL',
      message: "level 2 is the last level of the district's procedure: the next step is a demand for arbitration (demand-arbitration)",
    });
  });

  it('GRV-FINAL: a demand made in time sends the case out of the procedure; one made at another stage is refused', () => {
    expect(accept(lastDecided().state, { type: 'demand-arbitration' }, ctx('2026-10-20', 'grievant')).notes).toStrictEqual(["GRV-FINAL: arbitration demanded: the grievance leaves the district's procedure"]);
    expect(transition(at(two, 2), { type: 'demand-arbitration' }, ctx('2026-10-20', 'grievant'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-FINAL',
      message: "no demand for arbitration is open at this stage: the district's procedure allows one after its last level's decision",
    });
  });

  it('GRV-DECISION-LATE / GRV-ACCEPT: a late last decision opens the demand as if denied; a demand not made in time accepts the decision', () => {
    const late = accept(at(two, 2), { type: 'deadline-passed', deadline: 'decision' }, ctx('2026-10-27', 'hr', { decision: '2026-10-26' }));
    expect(late.notes).toStrictEqual(['GRV-DECISION-LATE: no level 2 decision by 2026-10-26; arbitration may be demanded as if denied']);
    const passed = accept(late.state, { type: 'deadline-passed', deadline: 'arbitration' }, ctx('2026-11-24', 'hr', { arbitration: '2026-11-23' }));
    expect(passed.notes).toStrictEqual(['GRV-ACCEPT: no demand for arbitration in time: the level 2 decision is accepted']);
    expect(passed.state.closed).toStrictEqual({ reason: 'accepted', on: '2026-11-23', rule: 'GRV-ACCEPT' });
  });

  it('GRV-EXTEND: the demand limit can be extended by mutual agreement, in its own unit', () => {
    const proposed = accept(lastDecided().state, { type: 'propose-extension', deadline: 'arbitration', count: 3 }, ctx('2026-10-15', 'hr')).state;
    const agreed = accept(proposed, { type: 'accept-extension' }, ctx('2026-10-16', 'grievant'));
    expect(agreed.notes).toStrictEqual(['GRV-EXTEND: arbitration extended by 3 work days by mutual agreement']);
    expect(pendingDeadlines(agreed.state)).toStrictEqual({ arbitration: { rule: 'GRV-FINAL', trigger: '2026-10-14', count: 23, unit: 'work-day', label: 'demand for arbitration due' } });
  });

  it('GRV-EXTEND / GRV-DECISION-LATE: an extension agreed after the final decision became late is worded in school days (RULES.md)', () => {
    const proposed = accept(at(DEFAULT_GRIEVANCE_POLICY, 3), { type: 'propose-extension', deadline: 'decision', count: 2 }, ctx('2026-10-08', 'hr')).state;
    const late = accept(proposed, { type: 'deadline-passed', deadline: 'decision' }, ctx('2026-10-20', 'hr', { decision: '2026-10-19' })).state;
    expect(pendingDeadlines(late)).toStrictEqual({});
    expect(accept(late, { type: 'accept-extension' }, ctx('2026-10-20', 'grievant')).notes).toStrictEqual(['GRV-EXTEND: decision extended by 2 school days by mutual agreement']);
  });

  it('GRV-FINAL: a case in its demand window migrated to a procedure ending in a final decision runs no demand deadline', () => {
    const window = lastDecided().state;
    expect(pendingDeadlines({ ...window, policy: { ...two, lastLevel: { kind: 'final-decision' } } })).toStrictEqual({});
  });
});

describe('GRV-FINAL: an HR migration to a corrected procedure', () => {
  it('GRV-FINAL: a case at the last level of the new procedure takes it; one above it keeps its own', () => {
    const corrected: GrievancePolicy = { ...two, version: 2, representativeDelay: { count: 3, unit: 'work-day' }, lastLevel: { kind: 'final-decision' } };
    expect(accept(at(two, 2), { type: 'policy-migrated', policy: corrected, reason: 'article 7' }, ctx('2026-10-06')).notes).toStrictEqual([
      'procedure v1 -> v2 (article 7): GRV-REP: representative delay 2 work days -> 3 work days; GRV-FINAL: after the last level arbitration demand within 20 work days -> final decision',
    ]);
    expect(transition(at(DEFAULT_GRIEVANCE_POLICY, 3), { type: 'policy-migrated', policy: corrected, reason: 'article 7' }, ctx('2026-10-06'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-FINAL',
      message: 'procedure v2 has 2 levels; the case is at level 3',
    });
  });

  it('GRV-FILE-40: a new version with the same limits says so', () => {
    expect(accept(at(two, 1), { type: 'policy-migrated', policy: { ...two, version: 4, title: 'Renamed' }, reason: 'title' }, ctx('2026-10-06')).notes).toStrictEqual(['procedure v1 -> v4 (title): no limit changed']);
  });

  it('GRV-FILE-40 / GRV-REP / GRV-CONF-5 / GRV-DECIDE-10 / GRV-APPEAL-5 / GRV-FINAL: every limit a migration changes, level by level, both ways', () => {
    expect(policyChanges(DEFAULT_GRIEVANCE_POLICY, two)).toStrictEqual([
      'GRV-FILE-40: filing 40 school days -> 30 work days',
      'GRV-REP: representative delay 1 work day -> 2 work days',
      'GRV-CONF-5: level 1 conference 5 school days (scheduling) -> 5 work days (scheduling)',
      'GRV-DECIDE-10: level 1 decision 10 school days (conference-or-receipt) -> 10 work days (conference-or-receipt)',
      'GRV-APPEAL-5: level 1 appeal 5 school days -> 7 calendar days',
      'GRV-CONF-5: level 2 conference 5 school days (scheduling) -> none',
      'GRV-DECIDE-10: level 2 decision 10 school days (conference-or-receipt) -> 15 work days (receipt)',
      'GRV-APPEAL-5: level 2 appeal 5 school days -> none',
      'GRV-CONF-5: level 3 conference 5 school days (scheduling) -> none',
      'GRV-DECIDE-10: level 3 decision 10 school days (conference-or-receipt) -> none',
      'GRV-FINAL: after the last level final decision -> arbitration demand within 20 work days',
    ]);
    expect(policyChanges(two, DEFAULT_GRIEVANCE_POLICY)).toStrictEqual([
      'GRV-FILE-40: filing 30 work days -> 40 school days',
      'GRV-REP: representative delay 2 work days -> 1 work day',
      'GRV-CONF-5: level 1 conference 5 work days (scheduling) -> 5 school days (scheduling)',
      'GRV-DECIDE-10: level 1 decision 10 work days (conference-or-receipt) -> 10 school days (conference-or-receipt)',
      'GRV-APPEAL-5: level 1 appeal 7 calendar days -> 5 school days',
      'GRV-CONF-5: level 2 conference none -> 5 school days (scheduling)',
      'GRV-DECIDE-10: level 2 decision 15 work days (receipt) -> 10 school days (conference-or-receipt)',
      'GRV-APPEAL-5: level 2 appeal none -> 5 school days',
      'GRV-CONF-5: level 3 conference none -> 5 school days (scheduling)',
      'GRV-DECIDE-10: level 3 decision none -> 10 school days (conference-or-receipt)',
      'GRV-FINAL: after the last level arbitration demand within 20 work days -> final decision',
    ]);
    expect(policyChanges(two, two)).toStrictEqual([]);
  });
});
