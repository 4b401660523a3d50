import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DocumentStore } from '../../src/audit/document-store';
import type { RecordStore } from '../../src/audit/record-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The append-only archive of closed cases (history, timeline, digest chain): read when Temporal no longer has a case. */
    archive: RecordStore;
    /** The case document store beside the archive: long texts and attachments, addressed by their SHA-256. */
    documents: DocumentStore;
  }
}

/** Decorates the app with the case archive the audit routes read (`createRecordStore(config.archive)`) and the documents beside it. */
export const archiveStore = fp(
  async (app: FastifyInstance, opts: { store: RecordStore; documents: DocumentStore }) => {
    app.decorate('archive', opts.store);
    app.decorate('documents', opts.documents);
  },
  { name: 'archive-store' },
);
