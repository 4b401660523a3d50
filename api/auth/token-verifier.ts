import { createHash } from 'node:crypto';
import { errors, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from '../../src/config/auth-config';
import { LruMap } from '../../src/lru-map';
import { IdentityProviderUnavailableError, JwksCache, UnknownSigningKeyError } from './jwks-cache';

/** A token this service does not accept; `detail` says why in the caller's terms, never with internal error text. */
export class TokenRefusedError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'TokenRefusedError';
  }
}

export { IdentityProviderUnavailableError };

export interface TokenVerifier {
  /** The verified claims; throws TokenRefusedError (401) or IdentityProviderUnavailableError (503). */
  verify(token: string): Promise<JWTPayload>;
}

/** Headers and claims together stay far below this; a bigger token is refused before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Verifies bearer tokens with the configured secret (HS256) or the identity provider's JWKS, requiring `exp`,
 * `iss` and `aud` in both modes, an accepted algorithm, `iat` not in the future and a lifetime within the maximum.
 */
export function createTokenVerifier(
  auth: AuthConfig,
  hooks: { onJwksFetchFailed?: (reason: string) => void; onUnexpected?: (error: unknown) => void; now?: () => number } = {},
): TokenVerifier {
  const now = hooks.now ?? Date.now;
  const options: JWTVerifyOptions = {
    algorithms: auth.algorithms,
    issuer: auth.issuer,
    audience: auth.audience,
    requiredClaims: ['exp', 'iss', 'aud'],
    clockTolerance: auth.clockSkewMs / 1000,
  };
  let verifySignature: (token: string, at: Date) => Promise<JWTPayload>;
  /** Until when a token verified now stands verified by its key (the key set's freshness, with a JWKS). */
  let keysTrustedUntil: () => number = () => Number.POSITIVE_INFINITY;
  if (auth.jwksUrl === undefined) {
    // The HMAC key imported once (issue 11): jose imports a raw secret again on every verification otherwise.
    const secret = new TextEncoder().encode(auth.jwtSecret);
    let key: Promise<CryptoKey | Uint8Array> | undefined;
    const hmacKey = () => (key ??= importHmacKey(secret, auth.algorithms));
    verifySignature = async (token, at) => (await jwtVerify(token, await hmacKey(), { ...options, currentDate: at })).payload;
  } else {
    const cache = new JwksCache({ url: auth.jwksUrl, ...auth.jwks, now, ...(hooks.onJwksFetchFailed ? { onFetchFailed: hooks.onJwksFetchFailed } : {}) });
    verifySignature = async (token, at) => (await jwtVerify(token, (header) => cache.keyFor(header), { ...options, currentDate: at })).payload;
    keysTrustedUntil = () => cache.freshUntil();
  }

  // Issue 11: a client sends one token with many requests. Its signature and claims verified once are taken as
  // verified for a minute at most, never past its expiry, and with a JWKS never past the key set's freshness: a key
  // the identity provider withdraws stops working as it did without this (at the first fetch after the key set's
  // lifetime).
  const verified = new LruMap<string, { payload: JWTPayload; until: number }>(VERIFIED_TOKENS_KEPT);
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) throw new TokenRefusedError('The bearer token is too large to be one this service issues or accepts.');
      const at = now();
      const digest = createHash('sha256').update(token).digest('base64url');
      const known = verified.get(digest);
      if (known && at < known.until) return known.payload;
      verified.delete(digest);
      let payload: JWTPayload;
      try {
        payload = await verifySignature(token, new Date(at));
      } catch (error) {
        throw refusal(error, auth, hooks.onUnexpected);
      }
      checkLifetime(payload, at / 1000, auth);
      verified.set(digest, { payload, until: Math.min(at + VERIFIED_FOR_MS, ((payload.exp ?? 0) + auth.clockSkewMs / 1000) * 1000, keysTrustedUntil()) });
      return payload;
    },
  };
}

/** How long a verified token is taken as verified without checking it again, and how many such tokens are kept. */
export const VERIFIED_FOR_MS = 60_000;
const VERIFIED_TOKENS_KEPT = 5_000;

/** What jose checks leaves out: an `iat` in the future, and a token meant to live longer than the maximum. */
function checkLifetime(payload: JWTPayload, nowSeconds: number, auth: AuthConfig) {
  const skew = auth.clockSkewMs / 1000;
  const { iat, exp } = payload as { iat?: number; exp: number };
  if (iat !== undefined && iat > nowSeconds + skew) {
    throw new TokenRefusedError("The token was issued in the future (iat): the identity provider's clock and this service's disagree.");
  }
  // Without iat the token's remaining life stands for its lifetime.
  const lifetime = iat !== undefined ? exp - iat : exp - nowSeconds - skew;
  if (lifetime > auth.maxTokenLifetimeMs / 1000) {
    throw new TokenRefusedError(`The token lives longer than this service accepts (exp - iat is at most ${formatDuration(auth.maxTokenLifetimeMs)}).`);
  }
}

const CLAIM_REFUSALS: Record<string, { missing: string; wrong: string }> = {
  exp: { missing: 'The token has no expiry (exp): this service accepts only tokens that expire.', wrong: 'The token has expired (exp): sign in again.' },
  iss: { missing: 'The token names no issuer (iss).', wrong: 'The token was issued by an issuer this service does not trust (iss).' },
  aud: { missing: 'The token names no audience (aud).', wrong: 'The token is meant for another application (aud): ask for a token for this service.' },
  nbf: { missing: 'The token is not valid yet (nbf).', wrong: 'The token is not valid yet (nbf).' },
};

function refusal(error: unknown, auth: AuthConfig, onUnexpected?: (error: unknown) => void): Error {
  if (error instanceof IdentityProviderUnavailableError) return error;
  if (error instanceof UnknownSigningKeyError) {
    return new TokenRefusedError(
      error.reason === 'unknown-kid'
        ? 'The token is signed with a key the identity provider does not publish (kid): unknown, or withdrawn.'
        : error.reason === 'ambiguous-key'
          ? 'The token names no key (kid) and the identity provider publishes several that could have signed it.'
          : 'No key the identity provider publishes fits the token (kid, alg).',
    );
  }
  if (error instanceof errors.JWTExpired) return new TokenRefusedError(CLAIM_REFUSALS.exp!.wrong);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const refusals = CLAIM_REFUSALS[error.claim];
    if (refusals) return new TokenRefusedError(error.reason === 'missing' ? refusals.missing : error.reason === 'check_failed' ? refusals.wrong : `The token's ${error.claim} claim is malformed.`);
    return new TokenRefusedError(`The token's ${error.claim} claim is malformed.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenRefusedError(`The token is signed with an algorithm this service does not accept (alg): it accepts ${auth.algorithms.join(', ')}.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefusedError("The token's signature does not verify: it was signed by a key this service does not trust, or altered.");
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new TokenRefusedError('The bearer token is not a well-formed signed JWT.');
  if (error instanceof errors.JOSENotSupported) return new TokenRefusedError('The token uses a JOSE feature this service does not support.');
  onUnexpected?.(error);
  return new TokenRefusedError('The token could not be verified.');
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * The secret as a WebCrypto key for the one HMAC algorithm configured; with several, the raw secret (jose picks the
 * hash from each token's header).
 */
async function importHmacKey(secret: Uint8Array, algorithms: readonly string[] | undefined): Promise<CryptoKey | Uint8Array> {
  const hash = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' }[algorithms?.length === 1 ? algorithms[0]! : ''];
  return hash ? crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash }, false, ['verify']) : secret;
}
