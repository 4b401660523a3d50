import type { Client } from '@temporalio/client';
import type { ProcedureMigrationNotice } from '../src/domain/grievance/procedure-record';
import type { Logger } from '../src/logger';
import { procedureMigratedSignal } from '../workflows/grievance/grievance-procedure-messages';
import { startBatchSignal } from './calendars';

/** Tells every running grievance of a district about a procedure migration. */
export interface MigrationSignaller {
  signalRunningGrievances(notice: ProcedureMigrationNotice, jobId: string): Promise<void>;
}

export interface GrievanceProcedureDeps {
  readonly temporal: { readonly client: Client; readonly namespace: string };
  readonly procedureMigrations?: MigrationSignaller;
  readonly logger: Logger;
}

/** Issue 16: one server-side batch signal to the district's running grievances; each case checks its pinned version. */
export function batchMigrationSignaller(client: Client, namespace: string): MigrationSignaller {
  return {
    signalRunningGrievances: (notice, jobId) =>
      startBatchSignal(client, namespace, {
        query: `CaseType = 'grievance' AND CaseDistrict = '${notice.district}' AND ExecutionStatus = 'Running'`,
        signal: procedureMigratedSignal.name,
        input: notice,
        jobId,
        reason: `grievance procedure ${notice.unit}: v${notice.migration.fromVersions.join(', v')} -> v${notice.migration.toVersion}`,
        identity: 'case-deadlines-grievance-procedure',
      }),
  };
}

export function createGrievanceProcedureActivities(deps: GrievanceProcedureDeps) {
  const signaller = deps.procedureMigrations ?? batchMigrationSignaller(deps.temporal.client, deps.temporal.namespace);
  return {
    /** An HR migration reaches the running cases (the job id makes a retried activity a no-op). */
    async announceProcedureMigration(notice: ProcedureMigrationNotice): Promise<{ jobId: string }> {
      const jobId = `grievance-procedure-${notice.district}-${notice.unit}-${notice.migration.id}`;
      await signaller.signalRunningGrievances(notice, jobId);
      deps.logger.info({ jobId, toVersion: notice.migration.toVersion }, 'grievance procedure migration announced to running cases');
      return { jobId };
    },
  };
}
