import type { Actor } from '../actor';
import { sameSettings, type PolicyProblem } from '../case/policy-validation';
import { KEEP_EVERYTHING, validateRetentionPolicy, type RetentionPolicy } from './retention-policy';

/**
 * A district's retention policy as its workflow keeps it (`retention-policy:<district>`, issue 15 item 5): the
 * version in force and every version before it with who set it, when and why (the change log an auditor reads
 * next to a tombstone: "destroyed on <date> under version <n>"). Every closed case's retention workflow reads the
 * version in force when its day comes, so a change reaches cases already closed.
 */
export interface RetentionVersion {
  readonly version: number;
  readonly policy: RetentionPolicy;
  readonly by: Actor;
  readonly at: string;
  readonly reason: string;
}

export interface RetentionPolicyRecord {
  readonly district: string;
  /** The version in force: keep everything (version 0) until the district sets its own. */
  readonly current: RetentionPolicy;
  readonly configured: boolean;
  /** The change log, oldest first. */
  readonly versions: readonly RetentionVersion[];
}

export type RetentionChange = { readonly ok: true; readonly record: RetentionPolicyRecord; readonly changed: boolean } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

export function emptyRetentionRecord(district: string): RetentionPolicyRecord {
  return { district, current: KEEP_EVERYTHING, configured: false, versions: [] };
}

const MAX_VERSIONS = 200;

/**
 * A new version (validated, each problem naming its field under `/policy`). A changed policy needs a higher
 * version; the version in force sent again changes nothing (`changed: false`), so a retried request is harmless.
 */
export function setRetentionPolicy(record: RetentionPolicyRecord, input: unknown, by: Actor, reason: string, at: string): RetentionChange {
  const checked = validateRetentionPolicy(input);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => ({ field: `/policy${p.field}`, message: p.message })) };
  const { policy } = checked;
  if (policy.version <= record.current.version) {
    if (record.configured && policy.version === record.current.version && sameSettings(policy, record.current)) {
      return { ok: true, record, changed: false };
    }
    return { ok: false, problems: [{ field: '/policy/version', message: `must be higher than ${record.current.version}, the version in force, for a changed policy` }] };
  }
  if (record.versions.length >= MAX_VERSIONS) return { ok: false, problems: [{ field: '/policy/version', message: `at most ${MAX_VERSIONS} versions are kept` }] };
  return { ok: true, record: { ...record, current: policy, configured: true, versions: [...record.versions, { version: policy.version, policy, by, at, reason }] }, changed: true };
}
