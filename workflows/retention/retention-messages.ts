import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { RetentionPolicyRecord } from '../../src/domain/retention/retention-record';

/** The district's retention policy in force and its change log. */
export const getRetentionPolicyQuery = defineQuery<RetentionPolicyRecord>('getRetentionPolicy');

/** A new version of the policy (validated in the update's validator: a refusal leaves no trace in the history). */
export const setRetentionPolicyUpdate = defineUpdate<{ record: RetentionPolicyRecord; changed: boolean }, [{ policy: unknown; by: Actor; reason: string }]>('setRetentionPolicy');

/** Sent to every waiting case retention workflow when a district's policy changes: those of that district look again. */
export const retentionPolicyChangedSignal = defineSignal<[{ district: string; version: number }]>('retentionPolicyChanged');

/** Where a closed case stands: the day it is due for destruction under the policy in force (none: kept). */
export interface CaseRetentionStatus {
  readonly policyVersion: number;
  readonly destroyOn?: string | undefined;
}
export const getCaseRetentionQuery = defineQuery<CaseRetentionStatus | undefined>('getCaseRetention');

/** The type of ApplicationFailure a refused policy carries; its details hold the problems. */
export const RETENTION_REJECTED = 'RetentionPolicyRejected';

/** `retention-policy:<district>`. */
export const retentionPolicyWorkflowId = (district: string) => `retention-policy:${district}`;

/** `case-retention:<case workflow id>`: one per closed case, started when its last run is archived. */
export const caseRetentionWorkflowId = (caseWorkflowId: string) => `case-retention:${caseWorkflowId}`;
