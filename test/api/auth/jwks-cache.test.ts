import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IdentityProviderUnavailableError, JwksCache, UnknownSigningKeyError, type JwksCacheOptions } from '../../../api/auth/jwks-cache';
import { providerKey, startJwksProvider, type JwksProvider, type ProviderKey } from '../../helpers/jwks-provider';

// The cache's clock is the test's (lifetimes, intervals, staleness); only the fetch timeout runs on real time.
describe('JWKS cache that follows the identity provider', () => {
  let provider: JwksProvider;
  let rsa: ProviderKey;
  let ec: ProviderKey;
  let rotated: ProviderKey;
  let clock = 0;
  const failures: string[] = [];

  beforeAll(async () => {
    provider = await startJwksProvider();
    [rsa, ec, rotated] = await Promise.all([providerKey('rsa-1', 'RS256'), providerKey('ec-1', 'ES256'), providerKey('rsa-2', 'RS256')]);
  });
  afterEach(() => {
    provider.behave('serve');
    failures.length = 0;
  });
  afterAll(() => provider?.close());

  const cacheWith = (options: Partial<JwksCacheOptions> = {}) =>
    new JwksCache({
      url: provider.url,
      cacheLifetimeMs: 60_000,
      timeoutMs: 5_000,
      minFetchIntervalMs: 10_000,
      maxStaleMs: 3_600_000,
      now: () => clock,
      onFetchFailed: (reason) => failures.push(reason),
      ...options,
    });
  const header = (key: ProviderKey, kid = key.kid) => ({ alg: key.alg, kid });
  const fetchesDuring = async (work: () => Promise<unknown>) => {
    const before = provider.fetches;
    await work();
    return provider.fetches - before;
  };

  it('serves the RSA and EC keys the provider publishes, from one fetch', async () => {
    provider.publish(rsa, ec);
    const cache = cacheWith();
    expect(
      await fetchesDuring(async () => {
        const keys = await Promise.all([cache.keyFor(header(rsa)), cache.keyFor(header(ec)), cache.keyFor(header(rsa))]);
        expect(keys.map((k) => k.algorithm.name)).toEqual(['RSASSA-PKCS1-v1_5', 'ECDSA', 'RSASSA-PKCS1-v1_5']);
      }),
    ).toBe(1);
  });

  it('rotation: a key added is found at its first token; a key withdrawn stops at the first fetch after the lifetime', async () => {
    provider.publish(rsa);
    const cache = cacheWith({ cacheLifetimeMs: 60_000, minFetchIntervalMs: 10_000 });
    clock = 1_000_000;
    await cache.keyFor(header(rsa));

    provider.publish(rsa, rotated);
    clock += 10_000;
    expect(await fetchesDuring(() => cache.keyFor(header(rotated)))).toBe(1);

    provider.publish(rotated);
    clock += 59_999; // within the lifetime of the last fetch: the document stands as fetched
    expect(await fetchesDuring(() => cache.keyFor(header(rsa)))).toBe(0);
    clock += 1; // the lifetime has passed: the next use fetches, and the withdrawn key is gone
    expect(await fetchesDuring(() => expect(cache.keyFor(header(rsa))).rejects.toEqual(new UnknownSigningKeyError('unknown-kid')))).toBe(1);
    await expect(cache.keyFor(header(rotated))).resolves.toBeDefined();
  });

  it('a key withdrawn is not kept by being used: each fetch replaces the key set whole', async () => {
    provider.publish(rsa);
    const cache = cacheWith({ cacheLifetimeMs: 60_000 });
    clock = 2_000_000;
    for (let i = 0; i < 5; i += 1) {
      await cache.keyFor(header(rsa));
      clock += 11_000;
    }
    provider.publish(ec);
    clock += 60_000;
    await expect(cache.keyFor(header(rsa))).rejects.toBeInstanceOf(UnknownSigningKeyError);
  });

  it('a hanging provider: the request gives up after the timeout, concurrent requests share the one fetch, and a recovered provider serves the next', async () => {
    provider.publish(rsa);
    provider.behave('hang');
    const cache = cacheWith({ timeoutMs: 200, minFetchIntervalMs: 10_000 });
    clock = 3_000_000;
    const fetches = await fetchesDuring(async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => cache.keyFor(header(rsa))));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toEqual(new IdentityProviderUnavailableError(10));
      }
    });
    expect(fetches).toBe(1);
    expect(failures).toEqual(['no answer within 200 ms']);

    provider.behave('serve');
    clock += 4_000; // within the interval: no new fetch, Retry-After counts down
    await expect(cache.keyFor(header(rsa))).rejects.toEqual(new IdentityProviderUnavailableError(6));
    clock += 6_000;
    await expect(cache.keyFor(header(rsa))).resolves.toBeDefined();
  });

  it('provider down with keys cached: known keys still verify past the lifetime, for at most the stale limit', async () => {
    provider.publish(rsa);
    const cache = cacheWith({ cacheLifetimeMs: 60_000, minFetchIntervalMs: 10_000, maxStaleMs: 600_000, timeoutMs: 200 });
    clock = 4_000_000;
    await cache.keyFor(header(rsa));

    for (const behaviour of ['error', 'garbage', 'hang', 'stall'] as const) {
      provider.behave(behaviour);
      clock += 60_000;
      await expect(cache.keyFor(header(rsa))).resolves.toBeDefined();
    }
    expect(failures).toEqual(['the JWKS URL answered HTTP 500', 'the JWKS URL did not answer JSON', 'no answer within 200 ms', 'no answer within 200 ms']);
    // A kid never known is refused, not waited for; no fetch before the interval has passed.
    expect(await fetchesDuring(() => expect(cache.keyFor(header(rsa, 'never-known'))).rejects.toBeInstanceOf(UnknownSigningKeyError))).toBe(0);

    provider.behave('error');
    clock = 4_000_000 + 60_000 + 600_000; // lifetime and stale limit both spent since the last successful fetch
    await expect(cache.keyFor(header(rsa))).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
    provider.behave('serve');
    clock += 10_000;
    await expect(cache.keyFor(header(rsa))).resolves.toBeDefined();
  });

  it('an unknown-kid flood costs the provider one fetch: concurrent ones share it, later ones are remembered or held to the interval', async () => {
    provider.publish(rsa, ec);
    const cache = cacheWith({ minFetchIntervalMs: 30_000, cacheLifetimeMs: 300_000 });
    clock = 5_000_000;
    const flood = () => Promise.allSettled(Array.from({ length: 200 }, () => cache.keyFor(header(rsa, randomUUID()))));
    expect(
      await fetchesDuring(async () => {
        const outcomes = await flood();
        expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof UnknownSigningKeyError)).toBe(true);
        clock += 1_000;
        await flood();
      }),
    ).toBe(1);

    // After the interval one new kid may ask again (a key just published); a kid already found unknown may not.
    clock += 30_000;
    expect(await fetchesDuring(() => expect(cache.keyFor(header(rsa, 'repeated'))).rejects.toBeInstanceOf(UnknownSigningKeyError))).toBe(1);
    clock += 30_000;
    expect(await fetchesDuring(() => expect(cache.keyFor(header(rsa, 'repeated'))).rejects.toBeInstanceOf(UnknownSigningKeyError))).toBe(0);
    await expect(cache.keyFor(header(ec))).resolves.toBeDefined();
  });

  it('refuses a key that does not fit the token: another algorithm for the same kid', async () => {
    provider.publish(rsa);
    const cache = cacheWith();
    clock = 6_000_000;
    await expect(cache.keyFor({ alg: 'ES256', kid: rsa.kid })).rejects.toEqual(new UnknownSigningKeyError('no-matching-key'));
  });
});
