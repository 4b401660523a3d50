import type { FastifyReply } from 'fastify';

/**
 * 201 with `Location` for a resource the request created, 200 for one it replaced: on a 2xx, Location names a
 * resource created (RFC 9110 section 10.2.2), and the OpenAPI document declares it on 201 only.
 */
export function createdOrReplaced(reply: FastifyReply, created: boolean, location: string): FastifyReply {
  return created ? reply.code(201).header('location', location) : reply.code(200);
}
