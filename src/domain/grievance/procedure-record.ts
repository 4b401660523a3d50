import type { Actor } from '../actor';
import { sameSettings, type PolicyProblem } from '../case/policy-validation';
import { DEFAULT_GRIEVANCE_POLICY, validateGrievancePolicy, type GrievancePolicy } from './grievance-policy';

/**
 * A district's grievance procedure for one bargaining unit, as its workflow keeps it
 * (`grievance-procedure:<district>:<unit>`): the version in force and every version before it with who set it,
 * when and why, and the migrations HR ran. Like a district calendar, it is data every case is counted on; unlike a
 * calendar amendment, a new version reaches running cases only through an explicit migration (issue 16).
 */
export const DEFAULT_UNIT = 'default';
export const UNIT_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface ProcedureVersion {
  readonly version: number;
  readonly policy: GrievancePolicy;
  readonly by: Actor;
  readonly at: string;
  readonly reason: string;
}

/** An HR migration: the version in force applied to the running cases pinned to `fromVersions`. */
export interface ProcedureMigration {
  readonly id: string;
  readonly toVersion: number;
  readonly fromVersions: readonly number[];
  readonly by: Actor;
  readonly at: string;
  readonly reason: string;
}

export interface GrievanceProcedureRecord {
  readonly district: string;
  readonly unit: string;
  /** The version in force: RULES.md's procedure (version 1) until HR sets the district's own. */
  readonly current: GrievancePolicy;
  /** Whether HR has set a procedure (else `current` is the default). */
  readonly configured: boolean;
  /** The change log, oldest first. */
  readonly versions: readonly ProcedureVersion[];
  readonly migrations: readonly ProcedureMigration[];
}

export type ProcedureChange<T> = { readonly ok: true; readonly record: GrievanceProcedureRecord; readonly result: T } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/** The procedure in force for a unit where HR set none: RULES.md's, stamped with the unit. */
export function defaultProcedure(unit: string): GrievancePolicy {
  return { ...DEFAULT_GRIEVANCE_POLICY, unit };
}

export function emptyProcedureRecord(district: string, unit: string): GrievanceProcedureRecord {
  return { district, unit, current: defaultProcedure(unit), configured: false, versions: [], migrations: [] };
}

const MAX_VERSIONS = 200;
const MAX_MIGRATIONS = 200;

/**
 * A new version (validated, each problem naming its field under `/policy`). A changed procedure needs a higher
 * version; sending the version in force again changes nothing (`changed: false`), so a retried request is harmless.
 */
export function setProcedure(record: GrievanceProcedureRecord, input: unknown, by: Actor, reason: string, at: string): ProcedureChange<{ changed: boolean }> {
  const checked = validateGrievancePolicy(input);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => ({ field: `/policy${p.field}`, message: p.message })) };
  const policy: GrievancePolicy = { ...checked.policy, unit: record.unit };
  if (policy.version <= record.current.version) {
    if (record.configured && policy.version === record.current.version && sameSettings(policy, record.current)) return { ok: true, record, result: { changed: false } };
    return { ok: false, problems: [{ field: '/policy/version', message: `must be higher than ${record.current.version}, the version in force, for a changed procedure` }] };
  }
  if (record.versions.length >= MAX_VERSIONS) return { ok: false, problems: [{ field: '/policy/version', message: `at most ${MAX_VERSIONS} versions are kept` }] };
  const entry: ProcedureVersion = { version: policy.version, policy, by, at, reason };
  return { ok: true, record: { ...record, current: policy, configured: true, versions: [...record.versions, entry] }, result: { changed: true } };
}

/**
 * An HR migration of the running cases pinned to `fromVersions` to the version in force. Only earlier versions of
 * this unit (RULES.md's version 1 included) can be migrated from; the cases themselves record what changed.
 */
export function migrateProcedure(record: GrievanceProcedureRecord, fromVersions: readonly number[], by: Actor, reason: string, at: string): ProcedureChange<ProcedureMigration> {
  const known = new Set([DEFAULT_GRIEVANCE_POLICY.version, ...record.versions.map((v) => v.version)]);
  const problems: PolicyProblem[] = [];
  if (!record.configured) problems.push({ field: '/fromVersions', message: 'no procedure was set for this unit: there is nothing to migrate to' });
  fromVersions.forEach((version, i) => {
    if (version >= record.current.version) problems.push({ field: `/fromVersions/${i}`, message: `must be an earlier version than ${record.current.version}, the version in force` });
    else if (!known.has(version)) problems.push({ field: `/fromVersions/${i}`, message: `version ${version} was never in force` });
  });
  if (record.migrations.length >= MAX_MIGRATIONS) problems.push({ field: '/fromVersions', message: `at most ${MAX_MIGRATIONS} migrations are kept` });
  if (problems.length > 0) return { ok: false, problems };
  const migration: ProcedureMigration = { id: `m${record.migrations.length + 1}`, toVersion: record.current.version, fromVersions: [...fromVersions], by, at, reason };
  return { ok: true, record: { ...record, migrations: [...record.migrations, migration] }, result: migration };
}

/** What a migration sends every running case of the district; a case applies it only when pinned to one of the versions. */
export interface ProcedureMigrationNotice {
  readonly district: string;
  readonly unit: string;
  readonly migration: ProcedureMigration;
  readonly policy: GrievancePolicy;
}

/** Whether a case pinned to `pinned` takes the migration. Cases without a pinned procedure never do. */
export function migrationApplies(pinned: GrievancePolicy | undefined, notice: ProcedureMigrationNotice): boolean {
  return pinned !== undefined && (pinned.unit ?? DEFAULT_UNIT) === notice.unit && notice.migration.fromVersions.includes(pinned.version);
}
