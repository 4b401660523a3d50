import { retentionPolicyRoutes } from './routes/retention/retention-policies';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../src/config/config';
import type { Logger } from '../src/logger';
import { caseDocumentStore, type DocumentStore } from '../src/audit/document-store';
import { createRecordStore, type RecordStore } from '../src/audit/record-store';
import { archiveStore } from './plugins/archive-store';
import { authentication } from './plugins/authentication';
import { openApi } from './plugins/openapi';
import { problemDetails } from './plugins/problem-details';
import { temporalClient } from './plugins/temporal-client';
import { auditRoutes } from './routes/audit';
import { calendarRoutes } from './routes/calendars';
import { caseRoutes } from './routes/cases';
import { documentRoutes } from './routes/documents';
import { codecRoutes } from './routes/codec';
import { REGISTERED_FAMILIES } from './families';
import { caseFamilyRoutes } from './routes/case-family-routes';
import { healthRoutes } from './routes/health';
import { parProgramRoutes } from './routes/par/program';

export interface AppOptions {
  config: Pick<Config, 'auth' | 'api' | 'archive'> & { temporal: Pick<Config['temporal'], 'taskQueue'>; notices?: Pick<Config['notices'], 'templatesDir'>; codec?: Config['codec'] };
  logger: Logger;
  temporal: Client;
  /** The case archive; default the store `config.archive` names. */
  archive?: RecordStore | undefined;
  /** The case document store; default the one beside the archive. */
  documents?: DocumentStore | undefined;
}

/** Builds the REST API (not listening): plugins first, then routes per case type. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: options.logger as FastifyBaseLogger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // CAL-4: districts publish their calendars as iCalendar files.
  app.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  await app.register(problemDetails);
  await app.register(openApi, { publicUrl: options.config.api.publicUrl });
  await app.register(temporalClient, { client: options.temporal, taskQueue: options.config.temporal.taskQueue });
  await app.register(authentication, { auth: options.config.auth });
  const archive = options.archive ?? createRecordStore(options.config.archive);
  // Issue 15 item 5: documents sealed under keys the client's key ring wraps.
  const documents = options.documents ?? caseDocumentStore(archive, { codecs: options.temporal.options.loadedDataConverter.payloadCodecs });
  await app.register(archiveStore, { store: archive, documents });

  await app.register(healthRoutes);
  await app.register(calendarRoutes);
  await app.register(parProgramRoutes);
  for (const { api, routes } of REGISTERED_FAMILIES) {
    await app.register(routes);
    await app.register(caseFamilyRoutes, { api });
  }
  await app.register(documentRoutes);
  await app.register(retentionPolicyRoutes);
  await app.register(auditRoutes);
  await app.register(caseRoutes, { templatesDir: options.config.notices?.templatesDir });
  // Issue 15: the Web UI's and the CLI's codec endpoint, CORS limited to the UI's origin.
  await app.register(codecRoutes, { corsOrigins: options.config.codec?.corsOrigins ?? ['http://127.0.0.1:8233', 'http://localhost:8233'] });
  return app;
}
