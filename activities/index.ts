import { archiveStoreOf, createArchiveActivities, type ArchiveDeps } from './case-archive';
import { createCaseRetentionActivities } from './case-retention';
import { createRetentionPolicyActivities, type RetentionDeps } from './retention-policies';
import { createCalendarActivities, type CalendarDeps } from './calendars';
import { createGrievanceProcedureActivities, type GrievanceProcedureDeps } from './grievance-procedures';
import { createDocumentActivities, documentStoreOf, type DocumentDeps } from './case-documents';
import { createNoticeActivities, type NoticeDeps } from './notices';

export type { OutboxNotice, NoticeSettings, WebhookSettings } from './notices';
export type { Notice, NoticeReceipt } from '../src/domain/notices/notice';
export type { ArchivedRun, CaseArchiveRequest } from './case-archive';
export type { ClaimCheck } from './case-documents';
export type { CaseDestructionRequest } from './case-retention';

/** Everything activities need from the outside world; tests pass real or fake dependencies. */
export type ActivityDeps = NoticeDeps & CalendarDeps & ArchiveDeps & DocumentDeps & GrievanceProcedureDeps & RetentionDeps;

/** All activities the worker registers. Workflows reach them through `proxyActivities<CaseActivities>()`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createNoticeActivities(deps),
    ...createCalendarActivities(deps),
    ...createGrievanceProcedureActivities(deps),
    ...createArchiveActivities(deps),
    ...createDocumentActivities(deps),
    ...createRetentionPolicyActivities(deps),
    ...createCaseRetentionActivities(deps, archiveStoreOf(deps), documentStoreOf(deps)),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
