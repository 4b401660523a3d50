import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { CaseDestroyedError } from '../src/audit/case-tombstone';
import { caseDocumentStore, type ClaimCheck, type DocumentStore } from '../src/audit/document-store';
import { localRecordStore, type RecordStore } from '../src/audit/record-store';
import type { Logger } from '../src/logger';

export type { ClaimCheck } from '../src/audit/document-store';

export interface DocumentDeps {
  /** The case document store (the service passes the one beside the configured archive). */
  readonly documents?: DocumentStore | undefined;
  /** Without `documents`: the documents go beside this archive, else into `archive/` in the outbox folder. */
  readonly archive?: RecordStore | undefined;
  readonly outboxDir: string;
  /** Without `documents`: the client whose key ring seals the documents (issue 15). */
  readonly temporal?: { readonly client: Client } | undefined;
}

/** The document store activities read and write: the one given, else the one beside the archive, sealed with the client's key ring. */
export function documentStoreOf(deps: DocumentDeps): DocumentStore {
  return (
    deps.documents ??
    caseDocumentStore(deps.archive ?? localRecordStore(path.join(deps.outboxDir, 'archive')), { codecs: deps.temporal?.client.options.loadedDataConverter.payloadCodecs })
  );
}

/** What a case asks to keep (issue 15 item 5): the documents an accepted opening or action names, by SHA-256. */
export interface KeepCaseDocumentsRequest {
  readonly district: string;
  readonly workflowId: string;
  readonly sha256s: readonly string[];
}

/**
 * What a keep found: documents the case keeps now (kept before or just now), names the store does not hold, and
 * whether the case was destroyed already (nothing is kept for it then).
 */
export interface KeptCaseDocuments {
  readonly kept: number;
  readonly missing: number;
  readonly destroyed?: true;
}

export function createDocumentActivities(deps: DocumentDeps & { readonly logger: Logger }) {
  const store = documentStoreOf(deps);
  return {
    /**
     * The claim check of a stored document, or null when the district has none with this SHA-256: a workflow
     * checks that what an action names exists without the bytes ever entering its history. Asked by a case, the
     * document is the case's to keep (issue 15 item 5: sealed under its key, destroyed with it).
     */
    async describeCaseDocument(request: { readonly district: string; readonly sha256: string }): Promise<ClaimCheck | null> {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      const claim = workflowId ? await store.keep({ district: request.district, workflowId }, request.sha256) : await store.find(request.district, request.sha256);
      return claim ?? null;
    },

    /**
     * Issue 15 item 5: takes the documents a case's accepted opening or action names into the case (sealed under
     * its key, destroyed with it), so a case never names a document whose upload day was swept: the API keeps them
     * right after the case took the request, but it may die (or the store fail) in between; the case runs this
     * activity, with retries, after every accepted request that names a document. Idempotent: a document the case
     * keeps already is left as it is. A name the store does not hold (the case's own checks refused what they could)
     * and a destroyed case are logged, never thrown: a case is not failed for them. Logs carry no SHA-256 (a short
     * text's digest would confirm a guess), only the case and the counts.
     */
    async keepCaseDocuments(request: KeepCaseDocumentsRequest): Promise<KeptCaseDocuments> {
      const holder = { district: request.district, workflowId: request.workflowId };
      const named = [...new Set(request.sha256s)];
      let kept = 0;
      try {
        for (const sha256 of named) if (await store.keep(holder, sha256)) kept += 1;
      } catch (error) {
        if (!(error instanceof CaseDestroyedError)) throw error;
        deps.logger.warn({ workflowId: request.workflowId }, 'case documents not kept: the case was destroyed');
        return { kept, missing: named.length - kept, destroyed: true };
      }
      const missing = named.length - kept;
      if (missing > 0) deps.logger.warn({ workflowId: request.workflowId, kept, missing }, 'a case names documents the document store does not hold');
      return { kept, missing };
    },
  };
}
