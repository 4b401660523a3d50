import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { Config } from '../../src/config/config';
import { ROLES, hasAnyRole, type Actor, type Role } from '../../src/domain/actor';
import { IdentityProviderUnavailableError, TokenRefusedError, createTokenVerifier } from '../auth/token-verifier';
import { rolesOfRoute } from '../authorization';
import { HttpProblem, serviceUnavailable } from './problem-details';

/** The claims every bearer token must carry. */
export const actorClaimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  district: z.string().min(1),
  /** For a decider: the grievance levels they decide (GRV-DECIDE-10: principal, Chief Officer, superintendent). */
  levels: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
});

declare module 'fastify' {
  interface FastifyRequest {
    /** The actor of a verified bearer token: set by `authenticate` on every /v1 route before its handler runs. */
    user: Actor;
  }
  interface FastifyInstance {
    /** onRequest hook (before body parsing and validation): answers 401 unless the request carries a valid bearer token with actor claims. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** onRequest hook factory: answers 403 unless the actor holds one of the roles. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
  }
}

/**
 * Bearer JWT authentication. Tokens are verified with the configured HS256 secret (embedded run) or, in
 * production, against the identity provider's JWKS (api/auth/). The actor on every case action comes from here,
 * never from a body. Refusals say what is wrong with the token in the caller's terms, never internal error text.
 */
export const authentication = fp(
  async (app: FastifyInstance, opts: { auth: Config['auth'] }) => {
    const { auth } = opts;
    const verifier = createTokenVerifier(auth, {
      // The log names the provider's URL and the failure, never a token or who sent it.
      onJwksFetchFailed: (reason) => app.log.warn({ jwksUrl: auth.jwksUrl, reason }, 'the identity provider JWKS could not be fetched'),
      onUnexpected: (error) => app.log.warn({ error: error instanceof Error ? error.name : typeof error }, 'a bearer token failed verification unexpectedly'),
    });
    app.decorateRequest('user', null as unknown as Actor);

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      try {
        request.user = toActor(await verifier.verify(token), auth.employeeIdClaim);
      } catch (error) {
        if (error instanceof TokenRefusedError) throw new HttpProblem(401, error.detail, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
        if (error instanceof IdentityProviderUnavailableError) {
          throw serviceUnavailable("The identity provider cannot be reached to check the token's signing key: try again shortly.", error.retryAfterSeconds);
        }
        throw error;
      }
    });

    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      if (!hasAnyRole(request.user, roles)) {
        throw new HttpProblem(403, `This action needs one of the roles ${roles.join(', ')}; the token carries ${request.user.roles.join(', ')}.`);
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

/** The token of an `Authorization: Bearer <token>` header; 401 without one. */
function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new HttpProblem(401, 'A bearer token is required: send Authorization: Bearer <token>.', {}, { 'www-authenticate': 'Bearer' });
  }
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpProblem(401, 'The Authorization header must be "Bearer <token>".', {}, { 'www-authenticate': 'Bearer error="invalid_request"' });
  return match[1]!;
}

/** The actor of a verified token; `employeeIdClaim` names the claim with the employee id, where the district issues one. */
export function toActor(payload: unknown, employeeIdClaim?: string): Actor {
  const claims = actorClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const names = [...new Set(claims.error.issues.map((issue) => String(issue.path[0] ?? 'claims')))];
    throw new TokenRefusedError(`The token lacks claims this service needs, or they are malformed: ${names.join(', ')}.`);
  }
  const { sub, roles, district, levels } = claims.data;
  const employeeId = employeeIdClaim ? (payload as Record<string, unknown>)[employeeIdClaim] : undefined;
  return { id: sub, roles, district, ...(levels ? { levels } : {}), ...(typeof employeeId === 'string' && employeeId.length > 0 && employeeId.length <= 200 ? { employeeId } : {}) };
}
