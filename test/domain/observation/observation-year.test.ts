import { describe, expect, it } from 'vitest';
import { CERTIFIED_STEPS } from '../../../src/domain/observation/observation-cycle';
import { DEFAULT_OBSERVATION_POLICY } from '../../../src/domain/observation/observation-policy';
import { ADMINISTRATIVE_ROLES, applySetup, certificationOn, emptyObservationYear, setupProblems } from '../../../src/domain/observation/observation-year';
import { hr } from './observation-fixtures';

// Functions, not module constants: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144).
const empty = () => emptyObservationYear('riverside', '2027-2028');
const lee = { id: 'ev-lee', role: 'principal', certifiedOn: '2027-08-01' } as const;
const year = () => applySetup(empty(), { evaluators: [lee], reason: 'State list of August' }, hr, '2027-08-02T10:00:00Z');
const morePolicy = { ...DEFAULT_OBSERVATION_POLICY, version: 2, tracks: DEFAULT_OBSERVATION_POLICY.tracks.map((t) => ({ ...t, observations: t.observations + 1 })) };

describe('the observation year of a district (OBS-CERTIFIED, OBS-TRACK)', () => {
  it('OBS-CERTIFIED: only administrative roles observe: building administrators and central office', () => {
    expect(ADMINISTRATIVE_ROLES).toEqual(['principal', 'assistant-principal', 'multi-classroom-leader', 'central-office', 'administrator']);
  });

  it('OBS-CERTIFIED / OBS-TRACK: a year starts empty under the default policy, version 0', () => {
    expect(empty()).toEqual({ district: 'riverside', schoolYear: '2027-2028', version: 0, evaluators: [], policy: DEFAULT_OBSERVATION_POLICY, changes: [] });
  });

  it('OBS-CERTIFIED: each setup is a new version, recorded with who made it, when and why', () => {
    expect(year()).toEqual({ ...empty(), version: 1, evaluators: [lee], changes: [{ version: 1, at: '2027-08-02T10:00:00Z', by: 'hr-clerk-1', reason: 'State list of August' }] });
    const next = applySetup(year(), { evaluators: [], policy: morePolicy }, hr, '2027-09-01T10:00:00Z');
    expect(next).toMatchObject({ version: 2, evaluators: [], policy: morePolicy });
    expect(next.changes).toEqual([year().changes[0], { version: 2, at: '2027-09-01T10:00:00Z', by: 'hr-clerk-1' }]);
  });

  it('OBS-CERTIFIED: the change log keeps the last 100 changes', () => {
    let y = empty();
    for (let i = 0; i < 101; i += 1) y = applySetup(y, { evaluators: [] }, hr, `t${i}`);
    expect(y.changes).toHaveLength(100);
    expect(y.changes[0]!.version).toBe(2);
    expect(y.changes.at(-1)!.version).toBe(101);
  });

  it('OBS-CERTIFIED: a certification passed in the summer before the year, or in the year to June 30, is accepted; after it, refused', () => {
    const ok = (certifiedOn: string) => setupProblems(year(), { evaluators: [{ ...lee, certifiedOn }] });
    expect(ok('2027-06-15')).toEqual([]);
    expect(ok('2028-06-30')).toEqual([]);
    expect(ok('2028-07-01')).toEqual([{ field: '/evaluators/0/certifiedOn', message: 'a certification for 2027-2028 is passed before its end (June 30)' }]);
  });

  it('OBS-CERTIFIED: an evaluator listed twice is named at the second entry', () => {
    expect(setupProblems(year(), { evaluators: [lee, { ...lee, role: 'central-office' }, lee] })).toEqual([
      { field: '/evaluators/1/id', message: 'evaluator ev-lee is listed twice' },
      { field: '/evaluators/2/id', message: 'evaluator ev-lee is listed twice' },
    ]);
  });

  it('OBS-TRACK: a policy\'s own problems are named under /policy; a changed policy needs a higher version, once the year has one', () => {
    expect(setupProblems(year(), { evaluators: [], policy: { ...DEFAULT_OBSERVATION_POLICY, version: 0 } })).toEqual(
      expect.arrayContaining([{ field: '/policy/version', message: 'must be a whole number of at least 1' }]),
    );
    expect(setupProblems(year(), { evaluators: [], policy: DEFAULT_OBSERVATION_POLICY })).toEqual([]);
    expect(setupProblems(year(), { evaluators: [], policy: morePolicy })).toEqual([]);
    expect(setupProblems(year(), { evaluators: [], policy: { ...morePolicy, version: 1 } })).toEqual([
      { field: '/policy/version', message: 'policy version 1 is in force: a changed policy needs a higher version' },
    ]);
    const v2 = applySetup(year(), { evaluators: [], policy: morePolicy }, hr, 't');
    expect(setupProblems(v2, { evaluators: [], policy: DEFAULT_OBSERVATION_POLICY })).toEqual([
      { field: '/policy/version', message: 'the year runs under policy version 2: a changed policy needs a higher version' },
    ]);
    // A year never set up takes any policy as its first.
    expect(setupProblems(empty(), { evaluators: [], policy: { ...DEFAULT_OBSERVATION_POLICY, version: 0 } })).toEqual([{ field: '/policy/version', message: 'must be a whole number of at least 1' }]);
    expect(setupProblems(empty(), { evaluators: [], policy: { ...morePolicy, version: 1 } })).toEqual([]);
  });

  it('OBS-CERTIFIED: how an evaluator stands on a day, with the list version the step records', () => {
    expect(certificationOn(year(), 'ev-lee', '2027-08-01')).toEqual({ certified: true, role: 'principal', certifiedOn: '2027-08-01', listVersion: 1 });
    expect(certificationOn(year(), 'ev-lee', '2027-07-31')).toEqual({ certified: false, reason: 'certified for 2027-2028 only from 2027-08-01', listVersion: 1 });
    expect(certificationOn(year(), 'ev-ng', '2027-09-01')).toEqual({ certified: false, reason: "not on the district's list of certified evaluators for 2027-2028", listVersion: 1 });
    expect(certificationOn(empty(), 'ev-lee', '2027-09-01')).toEqual({ certified: false, reason: 'the district has no evaluator certification list for this school year', listVersion: 0 });
  });
});

describe('the steps a certification is checked for (OBS-CERTIFIED)', () => {
  it('OBS-CERTIFIED: observing and holding the conferences (coaching, pre- and post-conference) take a certified evaluator', () => {
    expect(CERTIFIED_STEPS).toEqual(['hold-coaching-conversation', 'hold-pre-conference', 'observe', 'hold-post-conference']);
  });
});
