import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { GrievanceProcedureRecord, ProcedureMigration, ProcedureMigrationNotice } from '../../src/domain/grievance/procedure-record';

/** The procedure in force, its change log and its migrations. */
export const getGrievanceProcedureQuery = defineQuery<GrievanceProcedureRecord>('getGrievanceProcedure');

/** A new version of the procedure (validated in the update's validator: a refusal leaves no trace in the history). */
export const setGrievanceProcedureUpdate = defineUpdate<{ record: GrievanceProcedureRecord; changed: boolean }, [{ policy: unknown; by: Actor; reason: string }]>('setGrievanceProcedure');

/** An HR migration of running cases to the version in force. */
export const migrateGrievanceCasesUpdate = defineUpdate<ProcedureMigration, [{ fromVersions: number[]; by: Actor; reason: string }]>('migrateGrievanceCases');

/** Sent to every running grievance of the district; a case pinned to one of the versions applies it. */
export const procedureMigratedSignal = defineSignal<[ProcedureMigrationNotice]>('grievanceProcedureMigrated');

/** The type of ApplicationFailure a refused procedure change carries; its details hold the problems. */
export const PROCEDURE_REJECTED = 'GrievanceProcedureRejected';

/** `grievance-procedure:<district>:<unit>`. */
export const grievanceProcedureWorkflowId = (district: string, unit: string) => `grievance-procedure:${district}:${unit}`;
