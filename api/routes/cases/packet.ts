import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defaultTemplatesDir } from '../../../activities/notices/templates';
import { buildCasePacket } from '../../../src/audit/case-packet';
import { problemResponses } from '../../schemas/problem';
import { auditedCase, caseIdParamsSchema, timelineStateOf } from './case-access';

export interface CasePacketOptions {
  /** The notice templates the packet renders notices with (NOTICE_TEMPLATES_DIR); default `templates/` of the package. */
  templatesDir?: string | undefined;
}

/**
 * `GET /v1/cases/:id/packet`: the arbitration packet of a case, live or archived, as one zip: `packet.pdf` (the
 * timeline, every decision's text, every notice as sent), `history.json` and `chain.json` (the digest chain of
 * the archived records and its check). Reads the archive through `app.archive` (the archiveStore plugin).
 */
export async function casePacketRoute(app: FastifyInstance, opts: CasePacketOptions = {}) {
  if (!app.hasDecorator('archive')) throw new Error('register the archiveStore plugin (api/plugins/archive-store.ts) before casePacketRoute');
  const templatesDir = opts.templatesDir ?? defaultTemplatesDir();
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cases/:id/packet',
    {
      schema: {
        tags: ['audit'],
        summary: "A case's arbitration packet: one zip with the PDF, the JSON history and the digest chain",
        description:
          'A zip (`application/zip`, attachment `<id>.packet.zip`) of `packet.pdf` (timeline, every decision text, every ' +
          'notice rendered with its template), `history.json` (every run, as `GET /v1/cases/:id/history`) and ' +
          '`chain.json` (the digest chain of the archived records with its verification, or `{"archived": false}`). ' +
          "A reader the case family's access table does not give the whole record (PAR: PAR-PANEL-CONF, PAR-VOL-CONF) gets " +
          '`timeline.json`, their timeline, instead of `history.json`, and no content they may not see. ' +
          "Works on cases Temporal has already deleted after the namespace's retention: they are read from the archive.",
        security: [{ bearerAuth: [] }],
        operationId: 'getCasePacket',
        produces: ['application/zip'],
        params: caseIdParamsSchema,
        response: { 200: z.any().meta({ description: 'The packet (zip)', type: 'string', contentMediaType: 'application/zip' }), ...problemResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request, reply) => {
      const audited = await auditedCase(app, request, request.params.id);
      const { workflowId } = audited;
      const zip = await buildCasePacket({ ...audited, latest: timelineStateOf(audited), store: app.archive, documents: app.documents, templatesDir, reader: audited.reader });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${workflowId.replaceAll(':', '-')}.packet.zip"`)
        .send(zip);
    },
  );
}
