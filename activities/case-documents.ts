import path from 'node:path';
import { caseDocumentStore, type ClaimCheck, type DocumentStore } from '../src/audit/document-store';
import { localRecordStore, type RecordStore } from '../src/audit/record-store';

export type { ClaimCheck } from '../src/audit/document-store';

export interface DocumentDeps {
  /** The case document store (the service passes the one beside the configured archive). */
  readonly documents?: DocumentStore | undefined;
  /** Without `documents`: the documents go beside this archive, else into `archive/` in the outbox folder. */
  readonly archive?: RecordStore | undefined;
  readonly outboxDir: string;
}

/** The document store activities read and write: the one given, else the one beside the archive. */
export function documentStoreOf(deps: DocumentDeps): DocumentStore {
  return deps.documents ?? caseDocumentStore(deps.archive ?? localRecordStore(path.join(deps.outboxDir, 'archive')));
}

export function createDocumentActivities(deps: DocumentDeps) {
  const store = documentStoreOf(deps);
  return {
    /**
     * The claim check of a stored document, or null when the district has none with this SHA-256: a workflow
     * checks that what an action names exists without the bytes ever entering its history.
     */
    async describeCaseDocument(request: { readonly district: string; readonly sha256: string }): Promise<ClaimCheck | null> {
      return (await store.get(request.district, request.sha256))?.claim ?? null;
    },
  };
}
