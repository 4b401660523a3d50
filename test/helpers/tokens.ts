import { createSigner } from 'fast-jwt';
import { mintToken } from '../../src/cli/mint-token';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER } from '../../src/config/config';
import type { Role } from '../../src/domain/actor';

/**
 * The suite's HS256 secret: not the public development secret, which the service refuses outside the embedded run
 * (the end-to-end tests run with TEMPORAL_EMBEDDED=false). buildTestApp and those tests configure it.
 */
export const TEST_JWT_SECRET = 'test-suite-secret-not-for-any-deployment-0123456789';

/** A bearer header for an actor, signed like the dev tokens of the embedded run (with exp, iss and aud). */
export function bearer(roles: Role[], options: { sub?: string; district?: string; secret?: string; levels?: (1 | 2 | 3)[] | null } = {}) {
  // A decider decides at every level unless the test says otherwise (null: a token without the claim).
  const levels = options.levels === null ? undefined : (options.levels ?? (roles.includes('decider') ? [1, 2, 3] : undefined));
  const token = mintToken(
    { sub: options.sub ?? `${roles.join('+')}-user`, roles, district: options.district ?? 'district-a', ...(levels ? { levels } : {}) },
    { jwtSecret: options.secret ?? TEST_JWT_SECRET, issuer: DEFAULT_TOKEN_ISSUER, audience: DEFAULT_TOKEN_AUDIENCE },
  );
  return { authorization: `Bearer ${token}` };
}

/** A token with exactly these claims besides a valid exp, iss and aud (to test what the service makes of odd claims). */
export function signedClaims(claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
  return createSigner({ key: secret, algorithm: 'HS256', expiresIn: 3_600_000, iss: DEFAULT_TOKEN_ISSUER, aud: DEFAULT_TOKEN_AUDIENCE })(claims);
}
