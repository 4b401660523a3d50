import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import type { PolicyProblem } from '../../src/domain/case/policy-validation';
import {
  emptyProcedureRecord,
  migrateProcedure,
  setProcedure,
  type GrievanceProcedureRecord,
  type ProcedureChange,
  type ProcedureMigrationNotice,
} from '../../src/domain/grievance/procedure-record';
import { PROCEDURE_REJECTED, getGrievanceProcedureQuery, migrateGrievanceCasesUpdate, setGrievanceProcedureUpdate } from './grievance-procedure-messages';

const { announceProcedureMigration } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  // Every running case pinned to the migrated versions must hear of it: retry until the fan-out is accepted.
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * The grievance procedure of one district and bargaining unit (`grievance-procedure:<district>:<unit>`, issue 16):
 * versions HR sets (its history is the change log) and the migrations HR runs. A new version applies to cases filed
 * from then on; a migration applies it to running cases pinned to the versions it names, each recording the old and
 * new limits.
 */
export async function grievanceProcedureWorkflow(start: { district: string; unit: string; record?: GrievanceProcedureRecord }): Promise<void> {
  let record = start.record ?? emptyProcedureRecord(start.district, start.unit);
  const toAnnounce: ProcedureMigrationNotice[] = [];
  const now = () => new Date().toISOString();

  setHandler(getGrievanceProcedureQuery, () => record);
  setHandler(
    setGrievanceProcedureUpdate,
    (r) => {
      const result = accepted(setProcedure(record, r.policy, r.by, r.reason, now()));
      record = result.record;
      return { record, changed: result.result.changed };
    },
    { validator: (r) => void accepted(setProcedure(record, r.policy, r.by, r.reason, now())) },
  );
  setHandler(
    migrateGrievanceCasesUpdate,
    (r) => {
      const result = accepted(migrateProcedure(record, r.fromVersions, r.by, r.reason, now()));
      record = result.record;
      toAnnounce.push({ district: record.district, unit: record.unit, migration: result.result, policy: record.current });
      return result.result;
    },
    { validator: (r) => void accepted(migrateProcedure(record, r.fromVersions, r.by, r.reason, now())) },
  );

  for (;;) {
    await condition(() => toAnnounce.length > 0 || workflowInfo().continueAsNewSuggested);
    while (toAnnounce.length > 0) await announceProcedureMigration(toAnnounce.shift()!);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (toAnnounce.length === 0) await continueAsNew<typeof grievanceProcedureWorkflow>({ ...start, record });
    }
  }
}

function accepted<T>(change: ProcedureChange<T>): Extract<ProcedureChange<T>, { ok: true }> {
  if (!change.ok) throw rejection(change.problems);
  return change;
}

function rejection(problems: readonly PolicyProblem[]) {
  return ApplicationFailure.create({
    type: PROCEDURE_REJECTED,
    message: problems.map((p) => `${p.field} ${p.message}`).join('; '),
    details: [problems],
    nonRetryable: true,
  });
}
