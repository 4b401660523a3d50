import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, DEV_JWT_SECRET, parseDuration } from '../../src/config/auth-config';
import { ConfigError, loadConfig } from '../../src/config/config';

/** A cluster of our own needs a payload key ring too (issue 15); the file is only read at start. */
const KEYS = { PAYLOAD_KEY_RING_FILE: '/run/secrets/payload-key-ring.json' };
const JWKS = { AUTH_JWKS_URL: 'https://idp.district.example/.well-known/jwks.json', AUTH_ISSUER: 'https://idp.district.example/', AUTH_AUDIENCE: 'api://case-deadlines' };

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('bearer-token configuration (AUTH_*)', () => {
  it('verifies HS256 dev tokens with issuer, audience, a 12h maximum lifetime and a 60s skew in the embedded run', () => {
    expect(loadConfig({}).auth).toEqual({
      jwtSecret: DEV_JWT_SECRET,
      jwksUrl: undefined,
      issuer: DEFAULT_TOKEN_ISSUER,
      audience: DEFAULT_TOKEN_AUDIENCE,
      employeeIdClaim: undefined,
      usesDevSecret: true,
      algorithms: ['HS256'],
      maxTokenLifetimeMs: 12 * 3_600_000,
      clockSkewMs: 60_000,
      jwks: { cacheLifetimeMs: 300_000, timeoutMs: 5_000, minFetchIntervalMs: 30_000, maxStaleMs: 3_600_000 },
    });
  });

  it('verifies against a JWKS with the provider issuer and audience, RS256 and ES256 unless AUTH_ALGORITHMS says otherwise', () => {
    const auth = loadConfig({ ...JWKS, ...KEYS, TEMPORAL_EMBEDDED: 'false', NODE_ENV: 'production' }).auth;
    expect(auth).toMatchObject({ jwksUrl: JWKS.AUTH_JWKS_URL, issuer: JWKS.AUTH_ISSUER, audience: JWKS.AUTH_AUDIENCE, usesDevSecret: false, algorithms: ['RS256', 'ES256'] });
    expect(loadConfig({ ...JWKS, AUTH_ALGORITHMS: 'PS256, ES384' }).auth.algorithms).toEqual(['PS256', 'ES384']);
  });

  it('reads the lifetime, skew and cache durations with their units', () => {
    const auth = loadConfig({
      ...JWKS,
      AUTH_MAX_TOKEN_LIFETIME: '1h',
      AUTH_CLOCK_SKEW: '30',
      AUTH_JWKS_CACHE_LIFETIME: '10m',
      AUTH_JWKS_TIMEOUT: '250ms',
      AUTH_JWKS_MIN_INTERVAL: '0',
      AUTH_JWKS_MAX_STALE: '2h',
    }).auth;
    expect(auth).toMatchObject({ maxTokenLifetimeMs: 3_600_000, clockSkewMs: 30_000, jwks: { cacheLifetimeMs: 600_000, timeoutMs: 250, minFetchIntervalMs: 0, maxStaleMs: 7_200_000 } });
    expect([parseDuration('5m'), parseDuration('1d'), parseDuration('5 minutes'), parseDuration('-1s')]).toEqual([300_000, 86_400_000, undefined, undefined]);
  });

  it('refuses AUTH_JWKS_URL without AUTH_ISSUER and AUTH_AUDIENCE, naming both', () => {
    const problems = problemsOf({ AUTH_JWKS_URL: JWKS.AUTH_JWKS_URL });
    expect(problems.map((p) => p.variable)).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE']);
    expect(problems.every((p) => p.message.includes('AUTH_JWKS_URL'))).toBe(true);
    expect(problemsOf({ AUTH_JWKS_URL: JWKS.AUTH_JWKS_URL, AUTH_ISSUER: JWKS.AUTH_ISSUER }).map((p) => p.variable)).toEqual(['AUTH_AUDIENCE']);
  });

  it.each([
    ['TEMPORAL_EMBEDDED=false', { TEMPORAL_EMBEDDED: 'false' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['the dev secret set explicitly', { NODE_ENV: 'production', AUTH_JWT_SECRET: DEV_JWT_SECRET }],
  ])('refuses the public development secret outside the embedded run (%s), saying what to set', (_case, env) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['AUTH_JWT_SECRET']);
    expect((error as Error).message).toMatch(/development secret.*embedded run.*AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE.*AUTH_JWT_SECRET/);
  });

  it('accepts a secret of the deployment’s own, or a JWKS, outside the embedded run', () => {
    const own = loadConfig({ ...KEYS, TEMPORAL_EMBEDDED: 'false', NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-secret-of-this-district-0123456789abcdef' }).auth;
    expect(own).toMatchObject({ usesDevSecret: false, algorithms: ['HS256'], issuer: DEFAULT_TOKEN_ISSUER });
    expect(loadConfig({ TEMPORAL_EMBEDDED: 'false', ...JWKS, ...KEYS }).auth.usesDevSecret).toBe(false);
  });

  it.each([
    ['AUTH_ALGORITHMS', 'HS256', JWKS],
    ['AUTH_ALGORITHMS', 'none', JWKS],
    ['AUTH_ALGORITHMS', ' , ', JWKS],
    ['AUTH_ALGORITHMS', 'RS256', {}],
    ['AUTH_MAX_TOKEN_LIFETIME', '30d', {}],
    ['AUTH_MAX_TOKEN_LIFETIME', 'forever', {}],
    ['AUTH_CLOCK_SKEW', '1h', {}],
    ['AUTH_JWKS_TIMEOUT', '0', JWKS],
    ['AUTH_JWKS_CACHE_LIFETIME', '2d', JWKS],
    ['AUTH_JWKS_MIN_INTERVAL', '10m', JWKS],
    ['AUTH_JWKS_URL', 'ftp://idp.example/jwks', { AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' }],
  ])('refuses %s=%j naming it', (variable, value, env) => {
    expect(problemsOf({ ...env, [variable]: value }).map((p) => p.variable)).toEqual([variable]);
  });
});
