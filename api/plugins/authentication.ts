import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import buildGetJwks from 'get-jwks';
import { z } from 'zod';
import type { Config } from '../../src/config/config';
import { ROLES, hasAnyRole, type Actor, type Role } from '../../src/domain/actor';
import { rolesOfRoute } from '../authorization';
import { HttpProblem } from './problem-details';

/** The claims every bearer token must carry. */
export const actorClaimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  district: z.string().min(1),
  /** For a decider: the grievance levels they decide (GRV-DECIDE-10: principal, Chief Officer, superintendent). */
  levels: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
});

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: z.infer<typeof actorClaimsSchema>;
    user: Actor;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook (before body parsing and validation): answers 401 unless the request carries a valid bearer token with actor claims. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** onRequest hook factory: answers 403 unless the actor holds one of the roles. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
  }
}

/**
 * Bearer JWT authentication. Tokens are verified with the configured HS256 secret (embedded run) or, in
 * production, against a JWKS document. The actor on every case action comes from here, never from a body.
 */
export const authentication = fp(
  async (app: FastifyInstance, opts: { auth: Config['auth'] }) => {
    const { auth } = opts;
    const verify = {
      ...(auth.issuer ? { allowedIss: auth.issuer } : {}),
      ...(auth.audience ? { allowedAud: auth.audience } : {}),
    };
    if (auth.jwksUrl) {
      const url = new URL(auth.jwksUrl);
      const getJwks = buildGetJwks({ providerDiscovery: false, jwksPath: url.pathname + url.search });
      await app.register(fastifyJwt, {
        decode: { complete: true },
        verify,
        secret: async (_request: FastifyRequest, token: unknown) => {
          const { header } = token as { header: { kid?: string; alg?: string } };
          return getJwks.getPublicKey({ domain: url.origin, kid: header.kid, alg: header.alg });
        },
        formatUser: (payload) => toActor(payload, auth.employeeIdClaim),
      });
    } else {
      await app.register(fastifyJwt, { secret: auth.jwtSecret, verify, formatUser: (payload) => toActor(payload, auth.employeeIdClaim) });
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      try {
        await request.jwtVerify();
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'invalid token';
        throw new HttpProblem(401, `A valid bearer token is required: ${reason}`);
      }
    });

    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      if (!hasAnyRole(request.user, roles)) {
        throw new HttpProblem(403, `This action needs one of the roles: ${roles.join(', ')}.`);
      }
    });

    // The authorization matrix, in one place: every /v1 route authenticates, then checks its row of ROUTE_ROLES.
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/v1/')) return;
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        const roles = rolesOfRoute(method, route.url);
        if (!roles) throw new Error(`${method} ${route.url} is missing from the authorization matrix (api/authorization.ts)`);
        route.onRequest = [app.authenticate, app.requireRole(...roles), ...[route.onRequest ?? []].flat()];
      }
    });
  },
  { name: 'authentication', dependencies: ['problem-details'] },
);

/** The actor of a verified token; `employeeIdClaim` names the claim with the employee id, where the district issues one. */
export function toActor(payload: unknown, employeeIdClaim?: string): Actor {
  const claims = actorClaimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new Error(`token claims are invalid: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const { sub, roles, district, levels } = claims.data;
  const employeeId = employeeIdClaim ? (payload as Record<string, unknown>)[employeeIdClaim] : undefined;
  return { id: sub, roles, district, ...(levels ? { levels } : {}), ...(typeof employeeId === 'string' && employeeId.length > 0 && employeeId.length <= 200 ? { employeeId } : {}) };
}
