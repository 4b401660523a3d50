import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../../src/audit/document-store';
import { HttpProblem } from '../plugins/problem-details';
import { claimCheckSchema } from '../schemas/document';
import { problemResponses } from '../schemas/problem';

/** The media types a case document may have: what districts keep as evidence and letters. */
export const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

/**
 * `POST /v1/documents`: a document (evidence, an attachment, a long text) into the case document store, answered by
 * its claim check `{ sha256, size, contentType }`. An action then names the document by that claim check, and the
 * case's history carries the claim check, never the bytes. The store is per district (the caller's); putting the
 * same bytes twice stores them once. Reading a document goes through the case that names it, projected for the
 * reader. Issue 15 item 5: the upload is sealed under the district's key of the day until a case keeps it.
 */
export async function documentRoutes(app: FastifyInstance) {
  // Bytes as they came, for the listed types only (text/plain included: Fastify's own reads it as a string).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser([...DOCUMENT_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_request, body, done) => done(null, body));

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/documents',
    {
      bodyLimit: MAX_DOCUMENT_BYTES,
      schema: {
        tags: ['documents'],
        summary: 'Store a case document; answers its claim check',
        description:
          `The request body is the document itself, at most ${MAX_DOCUMENT_BYTES} bytes (10 MiB; larger answers 413), ` +
          `with its Content-Type one of ${DOCUMENT_CONTENT_TYPES.join(', ')} (another answers 415). ` +
          'Answers 201 with `{ sha256, size, contentType }`, the claim check an action names the document by. ' +
          'Documents are kept per district, encrypted at rest: the same bytes again answer the same claim check. ' +
          'An upload is named by an action on its day (UTC) or the next; the case then keeps it, and it is destroyed with the case.',
        security: [{ bearerAuth: [] }],
        // The body as the parser above reads it: the bytes of one of these types (text/plain first: its example is
        // what a client can send as it is), at most MAX_DOCUMENT_BYTES.
        consumes: ['text/plain', ...DOCUMENT_CONTENT_TYPES.filter((type) => type !== 'text/plain')],
        body: z.any().meta({
          description: `The document's bytes as they are (no JSON, no form encoding), at most ${MAX_DOCUMENT_BYTES} bytes (10 MiB; larger answers 413), at least one byte; the Content-Type header says which of the listed types it is (another answers 415)`,
          examples: ['Witness statement, 2026-10-05: the post-observation conference was not held.'],
        }),
        response: { 201: claimCheckSchema, ...problemResponses(400, 401, 403, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new HttpProblem(415, `A document's Content-Type is one of ${DOCUMENT_CONTENT_TYPES.join(', ')}.`, {
          errors: [{ in: 'headers', field: '/content-type', message: `must be one of ${DOCUMENT_CONTENT_TYPES.join(', ')}` }],
        });
      }
      if (body.byteLength === 0) {
        throw new HttpProblem(400, 'A document has at least one byte.', { errors: [{ in: 'body', field: '/', message: 'is empty' }] });
      }
      const claim = await app.documents.put(request.user.district, body, mediaType(request.headers['content-type']));
      return reply.code(201).send(claim);
    },
  );
}

/** `Text/Plain; charset=UTF-8` -> `text/plain`: the parser only let listed types in. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

