import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: { client: Client; taskQueue: string };
  }
}

/** Decorates the app with the Temporal client the routes start, query and update cases through. */
export const temporalClient = fp(
  async (app: FastifyInstance, opts: { client: Client; taskQueue: string }) => {
    app.decorate('temporal', { client: opts.client, taskQueue: opts.taskQueue });
  },
  { name: 'temporal-client' },
);
