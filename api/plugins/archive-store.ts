import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RecordStore } from '../../src/audit/record-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The append-only archive of closed cases (history, timeline, digest chain): read when Temporal no longer has a case. */
    archive: RecordStore;
  }
}

/** Decorates the app with the case archive the audit routes read (`createRecordStore(config.archive)`). */
export const archiveStore = fp(
  async (app: FastifyInstance, opts: { store: RecordStore }) => {
    app.decorate('archive', opts.store);
  },
  { name: 'archive-store' },
);
