import { z } from 'zod';

/**
 * How bearer tokens are verified, read from AUTH_* variables. The embedded run signs and verifies with a public
 * development secret; a deployment verifies against its identity provider's JWKS (AUTH_JWKS_URL), or against a
 * secret of its own. Either way a token must carry `exp`, `iss` and `aud`, so a token the provider issued for
 * another application, or one that never expires, is refused.
 */

export const DEV_JWT_SECRET = 'embedded-dev-secret-do-not-use-in-production-0123456789';
/** The `iss` and `aud` of tokens signed with a secret (the dev tokens of `npm run token`) unless set. */
export const DEFAULT_TOKEN_ISSUER = 'case-deadlines';
export const DEFAULT_TOKEN_AUDIENCE = 'case-deadlines-api';

/** Asymmetric algorithms only: an HMAC algorithm over a public key is the classic algorithm-confusion attack. */
export const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
const DEFAULT_JWKS_ALGORITHMS = ['RS256', 'ES256'];

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `250ms`, `5s`, `5m`, `12h`, `1d`, or a bare number of seconds, in milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
}

/** A duration variable between two bounds, in milliseconds. */
function duration(min: string, max: string, fallback: string) {
  const [minMs, maxMs] = [parseDuration(min)!, parseDuration(max)!];
  return z
    .string()
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 250ms, 5s, 5m or 12h (a bare number is seconds)' });
        return z.NEVER;
      }
      if (ms < minMs || ms > maxMs) {
        ctx.addIssue({ code: 'custom', message: `must be between ${min} and ${max}` });
        return z.NEVER;
      }
      return ms;
    })
    .default(parseDuration(fallback)!);
}

export const authEnvShape = {
  /** HS256 secret for bearer tokens. The embedded default is public, for local runs only. */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  /** Production: verify tokens against this JWKS document instead of a shared secret. */
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** A token claim holding the employee id the district's identity provider issues (cases may record people by it). */
  AUTH_EMPLOYEE_ID_CLAIM: z.string().regex(/^[A-Za-z_][A-Za-z0-9_:.-]{0,63}$/, 'must be a claim name').optional(),
  /** The algorithms a JWKS-verified token may be signed with, comma-separated. */
  AUTH_ALGORITHMS: z
    .string()
    .transform((text) => text.split(',').map((alg) => alg.trim()).filter((alg) => alg !== ''))
    .pipe(z.array(z.enum(JWKS_ALGORITHMS, { error: `each must be one of ${JWKS_ALGORITHMS.join(', ')}` })).min(1))
    .optional(),
  /** The longest a token may live (`exp` - `iat`): a stolen token is worth at most this long. */
  AUTH_MAX_TOKEN_LIFETIME: duration('1m', '7d', '12h'),
  /** How far the provider's clock may be off ours, for `exp`, `nbf` and `iat`. */
  AUTH_CLOCK_SKEW: duration('0s', '5m', '60s'),
  /** How long a fetched JWKS is trusted: a key the provider stops publishing stops verifying within this time. */
  AUTH_JWKS_CACHE_LIFETIME: duration('100ms', '1d', '5m'),
  /** How long one JWKS fetch may take before requests answer 503 (or use the keys known, see AUTH_JWKS_MAX_STALE). */
  AUTH_JWKS_TIMEOUT: duration('10ms', '60s', '5s'),
  /** The least time between two JWKS fetches, whatever the tokens ask: unknown `kid`s cannot flood the provider. */
  AUTH_JWKS_MIN_INTERVAL: duration('0s', '1h', '30s'),
  /** How long past its lifetime a JWKS is still used while the provider cannot be reached. */
  AUTH_JWKS_MAX_STALE: duration('0s', '7d', '1h'),
  /** Only read to refuse the development secret in a production image (the Dockerfile sets it). */
  NODE_ENV: z.string().optional(),
};

type AuthEnv = z.output<z.ZodObject<typeof authEnvShape>>;

export interface AuthConfig {
  jwtSecret: string;
  jwksUrl: string | undefined;
  /** The required `iss` and `aud` (from AUTH_ISSUER / AUTH_AUDIENCE; with a secret, the defaults above unless set). */
  issuer: string;
  audience: string;
  employeeIdClaim: string | undefined;
  usesDevSecret: boolean;
  /** The accepted `alg` values: HS256 with a secret, AUTH_ALGORITHMS with a JWKS. */
  algorithms: string[];
  maxTokenLifetimeMs: number;
  clockSkewMs: number;
  jwks: { cacheLifetimeMs: number; timeoutMs: number; minFetchIntervalMs: number; maxStaleMs: number };
}

/** The auth part of the configuration, or the problems that stop the process (each naming its variable). */
export function authConfig(e: AuthEnv, embedded: boolean): { config: AuthConfig } | { problems: { variable: string; message: string }[] } {
  const problems: { variable: string; message: string }[] = [];
  if (e.AUTH_JWKS_URL !== undefined) {
    // Without both, the service would accept any token the district's provider issues, for any of its applications.
    if (e.AUTH_ISSUER === undefined) problems.push({ variable: 'AUTH_ISSUER', message: 'is required with AUTH_JWKS_URL: the issuer (iss) your identity provider writes in its tokens' });
    if (e.AUTH_AUDIENCE === undefined) problems.push({ variable: 'AUTH_AUDIENCE', message: 'is required with AUTH_JWKS_URL: the audience (aud) your identity provider issues tokens for this service with' });
  } else if (e.AUTH_ALGORITHMS !== undefined) {
    problems.push({ variable: 'AUTH_ALGORITHMS', message: 'applies with AUTH_JWKS_URL only: tokens signed with AUTH_JWT_SECRET are HS256' });
  }
  const usesDevSecret = e.AUTH_JWKS_URL === undefined && e.AUTH_JWT_SECRET === DEV_JWT_SECRET;
  const outside = !embedded ? 'TEMPORAL_EMBEDDED=false' : e.NODE_ENV === 'production' ? 'NODE_ENV=production' : undefined;
  if (usesDevSecret && outside !== undefined) {
    problems.push({
      variable: 'AUTH_JWT_SECRET',
      message: `the built-in development secret is public and serves the embedded run only (here ${outside}): set AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE for your identity provider, or AUTH_JWT_SECRET to a secret of your own (32+ characters)`,
    });
  }
  if (e.AUTH_JWKS_MIN_INTERVAL > e.AUTH_JWKS_CACHE_LIFETIME) {
    // A refetch held back past the lifetime would keep a withdrawn key valid longer than the lifetime promises.
    problems.push({ variable: 'AUTH_JWKS_MIN_INTERVAL', message: 'must not be longer than AUTH_JWKS_CACHE_LIFETIME' });
  }
  if (problems.length > 0) return { problems };
  return {
    config: {
      jwtSecret: e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER ?? DEFAULT_TOKEN_ISSUER,
      audience: e.AUTH_AUDIENCE ?? DEFAULT_TOKEN_AUDIENCE,
      employeeIdClaim: e.AUTH_EMPLOYEE_ID_CLAIM,
      usesDevSecret,
      algorithms: e.AUTH_JWKS_URL === undefined ? ['HS256'] : (e.AUTH_ALGORITHMS ?? DEFAULT_JWKS_ALGORITHMS),
      maxTokenLifetimeMs: e.AUTH_MAX_TOKEN_LIFETIME,
      clockSkewMs: e.AUTH_CLOCK_SKEW,
      jwks: {
        cacheLifetimeMs: e.AUTH_JWKS_CACHE_LIFETIME,
        timeoutMs: e.AUTH_JWKS_TIMEOUT,
        minFetchIntervalMs: e.AUTH_JWKS_MIN_INTERVAL,
        maxStaleMs: e.AUTH_JWKS_MAX_STALE,
      },
    },
  };
}
