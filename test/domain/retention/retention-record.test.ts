import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { KEEP_EVERYTHING } from '../../../src/domain/retention/retention-policy';
import { emptyRetentionRecord, setRetentionPolicy, type RetentionPolicyRecord } from '../../../src/domain/retention/retention-record';

/** Issue 15, item 5: a district's retention policy as its workflow keeps it, with the change log. */
describe('retention policy record (issue 15 item 5)', () => {
  const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
  const policyV = (version: number) => ({ version, grievance: { withdrawn: 'forever', closed: 'forever' }, par: { count: 5, unit: 'year' }, tap: 'forever', pip: 'forever', 'observation-cycle': 'forever' });

  it('a district that set nothing keeps everything, not configured, with an empty change log', () => {
    expect(emptyRetentionRecord('lakeview')).toEqual({ district: 'lakeview', current: KEEP_EVERYTHING, configured: false, versions: [] });
  });

  it('a version below the one in force is refused, even when it holds the same settings', () => {
    const first = setRetentionPolicy(emptyRetentionRecord('lakeview'), policyV(2), hr, 'board vote', '2027-01-10T10:00:00.000Z');
    if (!first.ok) throw new Error('version 2 refused');
    expect(setRetentionPolicy(first.record, { ...policyV(2), version: 1 }, hr, 'older', '2027-01-11T10:00:00.000Z')).toEqual({
      ok: false,
      problems: [{ field: '/policy/version', message: 'must be higher than 2, the version in force, for a changed policy' }],
    });
  });

  it('at most 200 versions are kept: the 200th is set, a 201st refused', () => {
    const withVersions = (count: number): RetentionPolicyRecord => {
      const versions = Array.from({ length: count }, (_, i) => ({ version: i + 1, policy: { ...KEEP_EVERYTHING, version: i + 1 }, by: hr, at: '2027-01-10T10:00:00.000Z', reason: `v${i + 1}` }));
      return { district: 'lakeview', current: { ...KEEP_EVERYTHING, version: count }, configured: true, versions };
    };
    const set = setRetentionPolicy(withVersions(199), policyV(200), hr, 'the 200th', '2027-02-01T10:00:00.000Z');
    expect(set.ok && [set.changed, set.record.versions.length, set.record.current.version]).toEqual([true, 200, 200]);
    expect(setRetentionPolicy(withVersions(200), policyV(201), hr, 'the 201st', '2027-02-01T10:00:00.000Z')).toEqual({
      ok: false,
      problems: [{ field: '/policy/version', message: 'at most 200 versions are kept' }],
    });
  });
});
