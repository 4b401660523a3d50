import { describe, expect, it } from 'vitest';
import { coachingRequired, DEFAULT_OBSERVATION_POLICY, policyProblems, RATINGS, resolveTrack, type EducatorProfile, type ObservationPolicy } from '../../../src/domain/observation/observation-policy';
import { applySetup, certificationOn, emptyObservationYear, setupProblems } from '../../../src/domain/observation/observation-year';
import { hr } from './observation-fixtures';

const teacher = (license: EducatorProfile['license'], loe?: 1 | 2 | 3 | 4 | 5, growth?: 1 | 2 | 3 | 4 | 5): EducatorProfile => ({ category: 'teacher', license, prior: { loe, growth } });
const services = (license: EducatorProfile['license']): EducatorProfile => ({ category: 'school-services', license, prior: { loe: 3 } });

describe('the track table (OBS-TRACK, district policy data)', () => {
  it.each([
    ['apprentice, prior LOE 3', teacher('apprentice', 3, 3), 'apprentice', 4, 0, 'half-unannounced'],
    ['out-of-state, prior LOE 2', teacher('out-of-state', 2), 'apprentice', 4, 0, 'half-unannounced'],
    ['transitional, no prior rating', teacher('transitional'), 'apprentice', 4, 0, 'half-unannounced'],
    ['professional, prior LOE 1', teacher('professional', 1, 4), 'prior-rating-1', 4, 0, 'half-unannounced'],
    ['professional, prior growth 1 only', teacher('professional', 4, 1), 'prior-rating-1', 4, 0, 'half-unannounced'],
    ['professional, prior 2-4', teacher('professional', 2, 4), 'professional', 2, 0, 'half-unannounced'],
    ['professional, prior 4', teacher('professional', 4), 'professional', 2, 0, 'half-unannounced'],
    ['professional, prior 5', teacher('professional', 5, 5), 'prior-rating-5', 1, 2, 'half-unannounced'],
    ['apprentice, prior 5', teacher('apprentice', 5), 'prior-rating-5', 1, 2, 'half-unannounced'],
    ['school services, professional license', services('professional'), 'school-services-professional', 4, 0, 'all-announced'],
    ['school services, apprentice license', services('apprentice'), 'school-services-apprentice', 6, 0, 'all-announced'],
  ] as const)('OBS-TRACK: %s is on track %s: %i formal observation(s) and %i walkthrough(s), %s', (_name, profile, track, observations, walkthroughs, announcement) => {
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, profile)).toMatchObject({ id: track, observations, walkthroughs, announcement, policyVersion: 1 });
  });

  it('OBS-TRACK: the default policy is the table of RULES.md: each track\'s label and who it is for, first match wins', () => {
    const rows = DEFAULT_OBSERVATION_POLICY.tracks.map(({ id, label, when }) => [id, label, when.categories, when.licenses, when.anyRatingOf]);
    expect(DEFAULT_OBSERVATION_POLICY.version).toBe(1);
    expect(rows).toEqual([
      ['school-services-professional', 'School services personnel, professional license', ['school-services'], ['professional'], undefined],
      ['school-services-apprentice', 'School services personnel, apprentice license', ['school-services'], undefined, undefined],
      ['prior-rating-1', 'Prior LOE or individual growth of 1', undefined, undefined, [1]],
      ['prior-rating-5', 'Prior LOE or individual growth of 5', undefined, undefined, [5]],
      ['apprentice', 'Apprentice, out-of-state or transitional license', undefined, ['apprentice', 'out-of-state', 'transitional'], undefined],
      ['professional', 'Professional license, prior 2-4', undefined, ['professional'], undefined],
    ]);
  });

  it('OBS-TRACK: a prior rating (LOE or growth) is 1 to 5', () => {
    expect(RATINGS).toEqual([1, 2, 3, 4, 5]);
  });

  it('OBS-TRACK: school services personnel need 60 (professional) or 90 (apprentice) minutes of contact in all', () => {
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, services('professional'))?.contactMinutes).toBe(60);
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, services('apprentice'))?.contactMinutes).toBe(90);
  });

  it('OBS-TRACK: the table is data: a district policy that observes professionals three times is followed', () => {
    const policy: ObservationPolicy = { version: 2, tracks: DEFAULT_OBSERVATION_POLICY.tracks.map((t) => (t.id === 'professional' ? { ...t, observations: 3 } : t)) };
    expect(policyProblems(policy)).toEqual([]);
    expect(resolveTrack(policy, teacher('professional', 3))).toMatchObject({ id: 'professional', observations: 3, policyVersion: 2 });
  });

  it.each([
    ['a policy that leaves some educator without a track', { version: 1, tracks: DEFAULT_OBSERVATION_POLICY.tracks.slice(0, 2) }, '/tracks'],
    ['a negative count', { version: 1, tracks: [{ ...DEFAULT_OBSERVATION_POLICY.tracks[0]!, observations: -1 }, ...DEFAULT_OBSERVATION_POLICY.tracks.slice(1)] }, '/tracks/0/observations'],
    ['a track with nothing to observe', { version: 1, tracks: [...DEFAULT_OBSERVATION_POLICY.tracks, { id: 'none', label: 'none', when: {}, observations: 0, walkthroughs: 0, announcement: 'half-unannounced' }] }, '/tracks/6/observations'],
    ['a track id used twice', { version: 1, tracks: [...DEFAULT_OBSERVATION_POLICY.tracks, DEFAULT_OBSERVATION_POLICY.tracks[0]!] }, '/tracks/6/id'],
    ['version 0', { ...DEFAULT_OBSERVATION_POLICY, version: 0 }, '/version'],
  ] as const)('OBS-TRACK: %s is refused naming %s', (_name, policy, field) => {
    expect(policyProblems(policy as ObservationPolicy).map((p) => p.field)).toContain(field);
  });

  it.each([
    [{ loe: 1 }, true],
    [{ growth: 1 }, true],
    [{ loe: 2, growth: 1 }, true],
    [{ loe: 2, growth: 2 }, false],
    [{}, false],
  ] as const)('OBS-COACHING: prior ratings %j call for a coaching conversation: %s', (prior, required) => {
    expect(coachingRequired(prior)).toBe(required);
  });
});

describe('the evaluator certification list of a school year (OBS-CERTIFIED)', () => {
  // A function, not a constant of the describe block (run while the module loads: a static mutant, stryker-js#6144).
  const year = () => applySetup(emptyObservationYear('riverside', '2027-2028'), { evaluators: [{ id: 'ev-lee', role: 'principal', certifiedOn: '2027-08-01' }, { id: 'ev-ng', role: 'assistant-principal', certifiedOn: '2027-10-15' }] }, hr, '2027-07-01T00:00:00Z');

  it.each([
    ['ev-lee', '2027-09-01', true, ''],
    ['ev-ng', '2027-09-01', false, 'only from 2027-10-15'],
    ['ev-ng', '2027-10-15', true, ''],
    ['ev-other', '2027-09-01', false, "not on the district's list"],
  ])('OBS-CERTIFIED: %s on %s is certified: %s', (id, on, ok, reason) => {
    const certification = certificationOn(year(), id, on);
    expect(certification.certified).toBe(ok);
    if (!certification.certified) expect(certification.reason).toContain(reason);
    expect(certification.listVersion).toBe(1);
  });

  it('OBS-CERTIFIED: a district without a list for the year certifies no one', () => {
    expect(certificationOn(undefined, 'ev-lee', '2027-09-01')).toMatchObject({ certified: false, reason: expect.stringContaining('no evaluator certification list') });
  });

  it.each([
    ['an evaluator listed twice', { evaluators: [{ id: 'a', role: 'principal', certifiedOn: '2027-08-01' }, { id: 'a', role: 'principal', certifiedOn: '2027-08-01' }] }, '/evaluators/1/id'],
    ['a certification after the year', { evaluators: [{ id: 'a', role: 'principal', certifiedOn: '2028-07-01' }] }, '/evaluators/0/certifiedOn'],
    ['a changed policy under the same version', { evaluators: [], policy: { ...DEFAULT_OBSERVATION_POLICY, tracks: DEFAULT_OBSERVATION_POLICY.tracks.map((t) => ({ ...t, observations: t.observations + 1 })) } }, '/policy/version'],
  ] as const)('OBS-CERTIFIED / OBS-TRACK: %s is refused naming %s', (_name, setup, field) => {
    expect(setupProblems(year(), setup as never).map((p) => p.field)).toContain(field);
  });
});

describe('a district policy checked before it is used (OBS-TRACK), with the reasons', () => {
  const base = DEFAULT_OBSERVATION_POLICY.tracks;
  const withFirst = (over: Partial<(typeof base)[number]>): ObservationPolicy => ({ version: 1, tracks: [{ ...base[0]!, ...over }, ...base.slice(1)] });

  it('OBS-TRACK: the first track that holds is the educator\'s: school services before a prior rating of 1', () => {
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, { category: 'school-services', license: 'professional', prior: { loe: 1 } })?.id).toBe('school-services-professional');
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, { category: 'school-services', license: 'transitional', prior: {} })?.id).toBe('school-services-apprentice');
    expect(resolveTrack(DEFAULT_OBSERVATION_POLICY, teacher('professional'))).toStrictEqual({
      id: 'professional',
      label: 'Professional license, prior 2-4',
      observations: 2,
      walkthroughs: 0,
      announcement: 'half-unannounced',
      policyVersion: 1,
    });
    expect(resolveTrack({ version: 3, tracks: [] }, teacher('professional'))).toBeUndefined();
  });

  it('OBS-TRACK: counts from 0 to 20, contact minutes from 1 to 2000, whole numbers; the version a whole number from 1', () => {
    expect(policyProblems(withFirst({ observations: 20, walkthroughs: 20, contactMinutes: 2000 }))).toEqual([]);
    expect(policyProblems(withFirst({ observations: 0, walkthroughs: 1, contactMinutes: 1 }))).toEqual([]);
    expect(policyProblems(withFirst({ observations: 21, walkthroughs: 1.5 }))).toEqual([
      { field: '/tracks/0/observations', message: 'must be a whole number from 0 to 20' },
      { field: '/tracks/0/walkthroughs', message: 'must be a whole number from 0 to 20' },
    ]);
    expect(policyProblems(withFirst({ walkthroughs: -1 }))).toEqual([{ field: '/tracks/0/walkthroughs', message: 'must be a whole number from 0 to 20' }]);
    for (const contactMinutes of [0, 2001, 59.5]) {
      expect(policyProblems(withFirst({ contactMinutes }))).toEqual([{ field: '/tracks/0/contactMinutes', message: 'must be a whole number from 1 to 2000' }]);
    }
    expect(policyProblems(withFirst({ observations: 0, walkthroughs: 0 }))).toEqual([{ field: '/tracks/0/observations', message: 'a track requires at least one observation' }]);
    expect(policyProblems({ ...DEFAULT_OBSERVATION_POLICY, version: 1.5 })).toEqual([{ field: '/version', message: 'must be a whole number of at least 1' }]);
    expect(policyProblems({ ...DEFAULT_OBSERVATION_POLICY, tracks: [...base, { ...base[1]!, id: base[0]!.id }] })).toEqual([{ field: '/tracks/6/id', message: 'track id school-services-professional is used twice' }]);
  });

  it('OBS-TRACK: every educator is placed: the first one left without a track is named', () => {
    expect(policyProblems({ version: 1, tracks: base.slice(0, 2) })).toEqual([{ field: '/tracks', message: 'no track for teacher with a apprentice license and prior LOE none, growth none' }]);
    expect(policyProblems({ version: 1, tracks: base.filter((t) => t.id !== 'prior-rating-5') })).toEqual([]);
    expect(policyProblems({ version: 1, tracks: base.filter((t) => t.id !== 'professional') })).toEqual([{ field: '/tracks', message: 'no track for teacher with a professional license and prior LOE none, growth none' }]);
    expect(policyProblems({ version: 1, tracks: [...base.slice(0, 5), { ...base[5]!, when: { licenses: ['professional'], anyRatingOf: [2, 3, 4] } }] })).toEqual([
      { field: '/tracks', message: 'no track for teacher with a professional license and prior LOE none, growth none' },
    ]);
    expect(policyProblems({ version: 1, tracks: [...base.slice(0, 5), { ...base[5]!, when: { licenses: ['professional'], anyRatingOf: [2, 3, 4] } }, { ...base[5]!, id: 'new', when: { categories: ['teacher'], licenses: ['professional'] } }] })).toEqual([]);
  });
});
