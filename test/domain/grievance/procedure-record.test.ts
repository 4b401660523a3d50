import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { DEFAULT_GRIEVANCE_POLICY, type GrievancePolicy } from '../../../src/domain/grievance/grievance-policy';
import {
  defaultProcedure,
  emptyProcedureRecord,
  migrateProcedure,
  migrationApplies,
  setProcedure,
  UNIT_PATTERN,
  type GrievanceProcedureRecord,
  type ProcedureMigrationNotice,
} from '../../../src/domain/grievance/procedure-record';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';

/**
 * Issue 16: a unit's grievance procedure as its workflow keeps it: versions set by HR (GRV-FILE-40 and the other
 * limits are the contract's), and migrations of the running cases pinned to earlier versions. Expected records and
 * messages are written out here.
 */
const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
const AT = '2026-11-02T15:00:00.000Z';
/** The two-level contract as HR sends it (plain JSON), under a version. */
const sent = (version: number, changes: Record<string, unknown> = {}) => ({ ...JSON.parse(JSON.stringify(TWO_LEVEL_ARBITRATION_POLICY)), version, ...changes });
const stored = (version: number, unit = 'teachers'): GrievancePolicy => ({ ...TWO_LEVEL_ARBITRATION_POLICY, version, unit });

/** A unit whose procedure HR set at each of `versions` (the last in force). */
function configured(versions: readonly number[], migrations = 0): GrievanceProcedureRecord {
  const last = versions.at(-1)!;
  return {
    district: 'lakeview',
    unit: 'teachers',
    current: stored(last),
    configured: true,
    versions: versions.map((version) => ({ version, policy: stored(version), by: hr, at: AT, reason: 'contract' })),
    migrations: Array.from({ length: migrations }, (_, i) => ({ id: `m${i + 1}`, toVersion: last, fromVersions: [1], by: hr, at: AT, reason: 'old' })),
  };
}

describe('a unit without a procedure of its own', () => {
  it('GRV-FILE-40 (issue 16): runs RULES.md procedure, version 1, stamped with the unit, with an empty log', () => {
    const record = emptyProcedureRecord('lakeview', 'teachers');
    expect(record).toStrictEqual({ district: 'lakeview', unit: 'teachers', current: { ...DEFAULT_GRIEVANCE_POLICY, unit: 'teachers' }, configured: false, versions: [], migrations: [] });
    expect(record.current.version).toBe(1);
    expect(record.current.filing.limit).toStrictEqual({ count: 40, unit: 'school-day' });
    expect(defaultProcedure('default').unit).toBe('default');
  });
});

describe('HR sets a version of the procedure', () => {
  it('GRV-FILE-40 (issue 16): a new version is in force, logged with who, when and why, and stamped with the unit', () => {
    const result = setProcedure(emptyProcedureRecord('lakeview', 'teachers'), sent(2), hr, 'Agreement 2026-2029', AT);
    expect(result).toStrictEqual({
      ok: true,
      result: { changed: true },
      record: {
        district: 'lakeview',
        unit: 'teachers',
        current: stored(2),
        configured: true,
        versions: [{ version: 2, policy: stored(2), by: hr, at: AT, reason: 'Agreement 2026-2029' }],
        migrations: [],
      },
    });
  });

  it('GRV-FILE-40 (issue 16): the problems of a procedure name their field under /policy, and nothing is set', () => {
    expect(setProcedure(emptyProcedureRecord('lakeview', 'teachers'), sent(2, { filing: { limit: { count: 0, unit: 'work-day' } } }), hr, 'x', AT)).toStrictEqual({
      ok: false,
      problems: [{ field: '/policy/filing/limit/count', message: 'must be between 1 and 260' }],
    });
  });

  it('GRV-FILE-40 (issue 16): the version in force sent again changes nothing (a retried request), keys in any order', () => {
    const record = configured([2]);
    const again = setProcedure(record, sent(2), hr, 'retry', AT);
    expect(again).toStrictEqual({ ok: true, record, result: { changed: false } });
    expect(again.ok && again.record).toBe(record);
    // The same procedure written with its keys in another order, at every depth, is the same procedure.
    const reordered = Object.fromEntries(Object.entries(sent(2)).reverse());
    reordered.levels = (reordered.levels as Record<string, unknown>[]).map((level) => Object.fromEntries(Object.entries(level).reverse()));
    expect(setProcedure(record, reordered, hr, 'retry', AT)).toStrictEqual({ ok: true, record, result: { changed: false } });
  });

  it('GRV-FILE-40 (issue 16): a version in force kept with its settings in another order (an older record) is the same procedure', () => {
    const reordered = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reordered) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)])) : value;
    const record: GrievanceProcedureRecord = { ...configured([2]), current: reordered(stored(2)) as GrievancePolicy };
    expect(setProcedure(record, sent(2), hr, 'retry', AT)).toStrictEqual({ ok: true, record, result: { changed: false } });
    expect(setProcedure(record, sent(2, { title: 'Another title' }), hr, 'x', AT)).toMatchObject({ ok: false });
  });

  it('GRV-FILE-40 (issue 16): a changed procedure needs a version above the one in force', () => {
    const refused = (current: number) => ({ ok: false, problems: [{ field: '/policy/version', message: `must be higher than ${current}, the version in force, for a changed procedure` }] });
    const changedFiling = { filing: { limit: { count: 31, unit: 'work-day' }, countsFrom: 'knew-on' } };
    expect(setProcedure(configured([2]), sent(2, changedFiling), hr, 'x', AT)).toStrictEqual(refused(2));
    expect(setProcedure(configured([2]), sent(2, { title: 'Another title' }), hr, 'x', AT)).toStrictEqual(refused(2));
    expect(setProcedure(configured([2, 3]), sent(2), hr, 'x', AT)).toStrictEqual(refused(3));
    // Before HR sets one, version 1 is RULES.md's: even RULES.md's own procedure must come as version 2.
    expect(setProcedure(emptyProcedureRecord('lakeview', 'teachers'), JSON.parse(JSON.stringify(DEFAULT_GRIEVANCE_POLICY)), hr, 'x', AT)).toStrictEqual(refused(1));
  });

  it('GRV-FILE-40 (issue 16): at most 200 versions are kept', () => {
    const full = configured(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(setProcedure(full, sent(202), hr, 'x', AT)).toStrictEqual({ ok: false, problems: [{ field: '/policy/version', message: 'at most 200 versions are kept' }] });
    const almost = configured(Array.from({ length: 199 }, (_, i) => i + 2));
    const set = setProcedure(almost, sent(201), hr, 'x', AT);
    expect(set.ok && set.record.versions.length).toBe(200);
  });
});

describe('HR migrates running cases to the version in force', () => {
  it('GRV-FILE-40 (issue 16): a migration names the earlier versions it reaches, numbered in the log', () => {
    const first = migrateProcedure(configured([2, 3]), [1, 2], hr, 'typo in article 7', AT);
    const migration = { id: 'm1', toVersion: 3, fromVersions: [1, 2], by: hr, at: AT, reason: 'typo in article 7' };
    expect(first).toStrictEqual({ ok: true, result: migration, record: { ...configured([2, 3]), migrations: [migration] } });
    const second = migrateProcedure(configured([2, 3], 1), [2], hr, 'again', AT);
    expect(second.ok && second.result.id).toBe('m2');
  });

  it('GRV-FILE-40 (issue 16): nothing migrates before HR set a procedure', () => {
    expect(migrateProcedure(emptyProcedureRecord('lakeview', 'teachers'), [], hr, 'x', AT)).toStrictEqual({
      ok: false,
      problems: [{ field: '/fromVersions', message: 'no procedure was set for this unit: there is nothing to migrate to' }],
    });
  });

  it('GRV-FILE-40 (issue 16): only earlier versions that were in force can be migrated from, each refusal naming its entry', () => {
    expect(migrateProcedure(configured([2, 5]), [1, 5, 6, 3, 0], hr, 'x', AT)).toStrictEqual({
      ok: false,
      problems: [
        { field: '/fromVersions/1', message: 'must be an earlier version than 5, the version in force' },
        { field: '/fromVersions/2', message: 'must be an earlier version than 5, the version in force' },
        { field: '/fromVersions/3', message: 'version 3 was never in force' },
        { field: '/fromVersions/4', message: 'version 0 was never in force' },
      ],
    });
  });

  it('GRV-FILE-40 (issue 16): at most 200 migrations are kept', () => {
    expect(migrateProcedure(configured([2], 200), [1], hr, 'x', AT)).toStrictEqual({ ok: false, problems: [{ field: '/fromVersions', message: 'at most 200 migrations are kept' }] });
    const last = migrateProcedure(configured([2], 199), [1], hr, 'x', AT);
    expect(last.ok && last.result.id).toBe('m200');
  });
});

describe('which running cases a migration reaches', () => {
  const notice = (unit: string, fromVersions: number[]): ProcedureMigrationNotice => ({
    district: 'lakeview',
    unit,
    policy: stored(3, unit),
    migration: { id: 'm1', toVersion: 3, fromVersions, by: hr, at: AT, reason: 'x' },
  });

  it.each([
    ['a case pinned to a version it names, of its unit', stored(2), notice('teachers', [1, 2]), true],
    ['a case pinned to another version', stored(2), notice('teachers', [1]), false],
    ['a case of another unit', stored(2), notice('default', [2]), false],
    ["a case pinned to the district's procedure before units were stamped", DEFAULT_GRIEVANCE_POLICY, notice('default', [1]), true],
    ['the same, reached by a migration of another unit', DEFAULT_GRIEVANCE_POLICY, notice('teachers', [1]), false],
    ['a case filed before procedures were data (no pinned procedure)', undefined, notice('default', [1]), false],
  ] as const)('GRV-FILE-40 (issue 16): %s: %s', (_name, pinned, migration, applies) => {
    expect(migrationApplies(pinned, migration)).toBe(applies);
  });
});

describe('the name of a bargaining unit', () => {
  it.each([
    ['default', true],
    ['teachers-2026', true],
    ['9', true],
    ['a'.repeat(40), true],
    ['a'.repeat(41), false],
    ['Teachers', false],
    ['-teachers', false],
    ['teachers unit', false],
    ['teachers_unit', false],
    ['', false],
  ])('GRV-FILE-40 (issue 16): %j is a unit name: %s', (unit, valid) => {
    expect(UNIT_PATTERN.test(unit)).toBe(valid);
  });
});
