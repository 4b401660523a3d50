import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenRefusedError, VERIFIED_FOR_MS, createTokenVerifier, formatDuration, type TokenVerifier } from '../../../api/auth/token-verifier';
import { loadConfig } from '../../../src/config/config';
import { PROVIDER_AUDIENCE, PROVIDER_ISSUER, providerKey, providerToken, startJwksProvider, type JwksProvider, type ProviderKey } from '../../helpers/jwks-provider';

const SECRET = 'a-secret-of-this-district-0123456789abcdef';
const HOUR = 3600;

const now = () => Math.floor(Date.now() / 1000);

interface Mode {
  verifier: TokenVerifier;
  sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;
}

let provider: JwksProvider;
let rsa: ProviderKey;
let ec: ProviderKey;
let stranger: ProviderKey;
const modes: Record<'secret' | 'jwks', Mode> = {} as never;

beforeAll(async () => {
  provider = await startJwksProvider();
  [rsa, ec, stranger] = await Promise.all([providerKey('rsa-1', 'RS256'), providerKey('ec-1', 'ES256'), providerKey('rsa-1', 'RS256')]);
  provider.publish(rsa, ec);
  const secretAuth = loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: PROVIDER_ISSUER, AUTH_AUDIENCE: PROVIDER_AUDIENCE }).auth;
  modes.secret = {
    verifier: createTokenVerifier(secretAuth),
    sign: async (claims, header = {}) => {
      const payload = Object.fromEntries(Object.entries(baseClaims(claims)).filter(([, v]) => v !== undefined));
      const crit = Array.isArray(header.crit) ? { crit: Object.fromEntries(header.crit.map((n) => [String(n), true])) } : {};
      return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...header }).sign(new TextEncoder().encode(SECRET), crit);
    },
  };
  const jwksAuth = loadConfig({ AUTH_JWKS_URL: provider.url, AUTH_ISSUER: PROVIDER_ISSUER, AUTH_AUDIENCE: PROVIDER_AUDIENCE }).auth;
  modes.jwks = { verifier: createTokenVerifier(jwksAuth), sign: (claims, header) => providerToken(rsa, baseClaims(claims), header) };
});
afterAll(() => provider?.close());

/** Claims every case starts from: valid for an hour from now; a case overrides or (undefined) removes some. */
function baseClaims(claims: Record<string, unknown>) {
  return { sub: 'hr-1', roles: ['hr'], district: 'district-a', iss: PROVIDER_ISSUER, aud: PROVIDER_AUDIENCE, iat: now(), exp: now() + HOUR, ...claims };
}

async function refusalOf(mode: Mode, token: string): Promise<string> {
  const error = await mode.verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRefusedError);
  return (error as TokenRefusedError).detail;
}

describe.each(['secret', 'jwks'] as const)('token verification with a %s', (name) => {
  const mode = () => modes[name];

  it('accepts a token with exp, iss and aud within the lifetime and skew', async () => {
    await expect(mode().verifier.verify(await mode().sign({}))).resolves.toMatchObject({ sub: 'hr-1', roles: ['hr'] });
    await expect(mode().verifier.verify(await mode().sign({ aud: ['another-app', PROVIDER_AUDIENCE] }))).resolves.toBeDefined();
    // Clocks 30 s apart (skew 60 s): just expired, or issued a moment "in the future", still pass.
    await expect(mode().verifier.verify(await mode().sign({ exp: now() - 30, iat: now() - HOUR }))).resolves.toBeDefined();
    await expect(mode().verifier.verify(await mode().sign({ iat: now() + 30 }))).resolves.toBeDefined();
    await expect(mode().verifier.verify(await mode().sign({ iat: undefined }))).resolves.toBeDefined();
  });

  it.each([
    ['no exp', { exp: undefined }, /^The token has no expiry \(exp\): this service accepts only tokens that expire\.$/],
    ['expired beyond the skew', { exp: now() - 120, iat: now() - HOUR }, /^The token has expired \(exp\)/],
    ['no iss', { iss: undefined }, /^The token names no issuer \(iss\)\.$/],
    ['another iss', { iss: 'https://evil.example/' }, /issuer this service does not trust \(iss\)/],
    ['no aud', { aud: undefined }, /^The token names no audience \(aud\)\.$/],
    ['another aud', { aud: 'api://payroll' }, /meant for another application \(aud\)/],
    ['nbf in the future', { nbf: now() + 600 }, /not valid yet \(nbf\)/],
    ['iat in the future', { iat: now() + 600, exp: now() + 2 * HOUR }, /issued in the future \(iat\)/],
    ['a lifetime over the maximum', { iat: now(), exp: now() + 13 * HOUR }, /lives longer than this service accepts \(exp - iat is at most 12h\)/],
    ['no iat and exp beyond the maximum', { iat: undefined, exp: now() + 13 * HOUR }, /lives longer than this service accepts/],
    ['an exp that is not a number', { exp: 'tomorrow' }, /exp claim is malformed/],
  ])('refuses a token with %s, saying so', async (_case, claims, detail) => {
    expect(await refusalOf(mode(), await mode().sign(claims))).toMatch(detail);
  });

  it('refuses unsigned, altered, foreign-algorithm, crit-extended, malformed and huge tokens', async () => {
    const unsigned = new UnsecuredJWT(baseClaims({})).encode();
    expect(await refusalOf(mode(), unsigned)).toMatch(/algorithm this service does not accept \(alg\)/);
    const [head, , signature] = (await mode().sign({})).split('.');
    const altered = `${head}.${Buffer.from(JSON.stringify(baseClaims({ roles: ['hr', 'auditor'] }))).toString('base64url')}.${signature}`;
    expect(await refusalOf(mode(), altered)).toMatch(/signature does not verify/);
    expect(await refusalOf(mode(), await mode().sign({}, { crit: ['x-unknown'], 'x-unknown': true }))).toMatch(/not a well-formed signed JWT|does not support/);
    expect(await refusalOf(mode(), 'not.a.token')).toBe('The bearer token is not a well-formed signed JWT.');
    expect(await refusalOf(mode(), `${head}.${'a'.repeat(20_000)}.${signature}`)).toMatch(/too large/);
  });
});

describe('token verification against a JWKS: algorithms and keys', () => {
  it('accepts RSA and EC keys the provider publishes', async () => {
    await expect(modes.jwks.verifier.verify(await providerToken(ec))).resolves.toMatchObject({ sub: 'auditor-9' });
    await expect(modes.jwks.verifier.verify(await providerToken(rsa))).resolves.toMatchObject({ sub: 'auditor-9' });
  });

  it('refuses an HS256 token (algorithm confusion), a token of a stranger key under a published kid, and an unknown kid', async () => {
    const hs = await new SignJWT(baseClaims({})).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).sign(new TextEncoder().encode(SECRET));
    expect(await refusalOf(modes.jwks, hs)).toBe('The token is signed with an algorithm this service does not accept (alg): it accepts RS256, ES256.');
    expect(await refusalOf(modes.jwks, await providerToken(stranger))).toMatch(/signature does not verify/);
    expect(await refusalOf(modes.jwks, await providerToken(rsa, {}, { kid: 'made-up' }))).toMatch(/key the identity provider does not publish \(kid\)/);
  });

  it('refuses an RS256 token in the secret mode, where HS256 alone is accepted', async () => {
    expect(await refusalOf(modes.secret, await providerToken(rsa))).toMatch(/it accepts HS256\.$/);
  });
});

describe('formatDuration', () => {
  it('names a duration in its largest whole unit', () => {
    expect([formatDuration(43_200_000), formatDuration(90_000), formatDuration(1_500), formatDuration(86_400_000)]).toEqual(['12h', '90s', '1500ms', '1d']);
  });
});

describe('a token sent with many requests (issue 11: verified once, for a minute at most)', () => {
  const auth = () => loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: PROVIDER_ISSUER, AUTH_AUDIENCE: PROVIDER_AUDIENCE }).auth;
  const sign = (claims: Record<string, unknown>) => new SignJWT(baseClaims(claims)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

  it('is refused once it expires, though it was accepted a moment before', async () => {
    let clock = Date.now();
    const verifier = createTokenVerifier(auth(), { now: () => clock });
    // Expired 50 s ago: accepted within the 60 s skew, for 10 s more.
    const token = await sign({ iat: now() - HOUR, exp: Math.floor(clock / 1000) - 50 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'hr-1' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'hr-1' });
    // Past its expiry and the skew, well within the minute it was taken as verified.
    clock += 15_000;
    const refused = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TokenRefusedError);
    expect((refused as TokenRefusedError).detail).toMatch(/^The token has expired \(exp\)/);
  });

  it('is checked again after the minute: a signing key the identity provider withdrew stops it', async () => {
    let clock = Date.now();
    const jwksAuth = loadConfig({ AUTH_JWKS_URL: provider.url, AUTH_ISSUER: PROVIDER_ISSUER, AUTH_AUDIENCE: PROVIDER_AUDIENCE }).auth;
    const verifier = createTokenVerifier(jwksAuth, { now: () => clock });
    const other = await providerKey('rsa-2', 'RS256');
    provider.publish(rsa, ec, other);
    const token = await providerToken(other, baseClaims({}));
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'hr-1' });
    provider.publish(rsa, ec);
    // Within the minute the token stands as verified; past it (and past the JWKS cache's lifetime) it is checked again.
    clock += VERIFIED_FOR_MS - 1_000;
    await expect(verifier.verify(token)).resolves.toBeDefined();
    clock += Math.max(VERIFIED_FOR_MS, jwksAuth.jwks.cacheLifetimeMs, jwksAuth.jwks.minFetchIntervalMs) + 1_000;
    expect(await refusalOf({ verifier, sign: async () => token }, token)).toMatch(/does not publish \(kid\)/);
  });
});
