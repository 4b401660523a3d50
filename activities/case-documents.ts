import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { caseDocumentStore, type ClaimCheck, type DocumentStore } from '../src/audit/document-store';
import { localRecordStore, type RecordStore } from '../src/audit/record-store';

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

export function createDocumentActivities(deps: DocumentDeps) {
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
  };
}
