import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { describeServerConventions } from './openapi-conventions';

/** The OpenAPI document, generated from the routes' zod schemas, at /docs/json and browsable at /docs. */
export const openApi = fp(
  async (app: FastifyInstance, opts: { publicUrl?: string | undefined }) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'School-district case deadlines API',
          description:
            'Grievances, Peer Assistance and Review, Teacher Assistance Plans and improvement plans as durable cases whose contractual ' +
            'deadlines are counted on the district calendar. Errors are RFC 9457 problem+json.',
          version: '0.1.0',
          license: { name: 'Proprietary (UNLICENSED)', url: 'https://spdx.org/licenses/' },
        },
        // Without API_PUBLIC_URL the paths are relative to wherever this document was fetched from.
        servers: [{ url: opts.publicUrl ?? '/', description: opts.publicUrl ? 'API_PUBLIC_URL' : 'This server' }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      transform: jsonSchemaTransform,
      // Every route's document gets the server's own conventions (problem+json, 401/403/503, Location, ...).
      transformObject: (document) => describeServerConventions(jsonSchemaTransformObject(document)) as ReturnType<typeof jsonSchemaTransformObject>,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
