import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { namedDocuments } from '../../src/domain/case/claim-checks';

/**
 * Issue 15 item 5: the patch under which a case keeps, itself, the documents its accepted opening and actions name.
 * Cases that took requests before it replay without the activity (the API's own keep was all they had).
 */
export const KEEP_CASE_DOCUMENTS = 'keep-case-documents';

// An upload lives on its day and the next (UTC, UPLOAD_DAYS_KEPT): retrying longer keeps nothing more. Once its day
// is swept the activity finds no upload and answers, so only a store that stays down runs out of retries.
const { keepCaseDocuments } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '2 days',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Keeps a case's documents without holding up the case (issue 15 item 5): an upload no case keeps is swept after
 * its next day, so the case itself, once it accepted an opening or an action naming claim checks, runs
 * `keepCaseDocuments` with retries, like its notices: started, never awaited by the Update, whose answer goes out at
 * once (the API does not wait for the keep either: issue 11). `pending()` is what the run waits for before it ends.
 */
export class CaseDocuments {
  private readonly under = new Set<Promise<void>>();

  constructor(
    private readonly district: string,
    private readonly workflowId: string,
  ) {}

  /** Keeps every document `accepted` (an opening's state, an accepted action) names; nothing when it names none. */
  keep(accepted: unknown): void {
    const sha256s = namedDocuments(accepted);
    // Asked only when there is something to keep: a request naming no document records no marker.
    if (sha256s.length === 0 || !patched(KEEP_CASE_DOCUMENTS)) return;
    const keeping: Promise<void> = keepCaseDocuments({ district: this.district, workflowId: this.workflowId, sha256s }).then(
      () => undefined,
      // Out of retries (the store down for days): the case goes on; what it names may be gone, and the log says so.
      (error: unknown) => log.error('case documents not kept', { workflowId: this.workflowId, error: String(error) }),
    );
    this.under.add(keeping);
    void keeping.finally(() => this.under.delete(keeping));
  }

  /** The keeps under way. */
  pending(): readonly Promise<void>[] {
    return [...this.under];
  }
}
