import { createLocalJWKSet, errors, type CryptoKey, type JWSHeaderParameters, type LocalJWKSet } from 'jose';

/**
 * The identity provider's signing keys, as its JWKS document publishes them now. Unlike a cache that keeps every
 * key it ever saw, a document fetched successfully replaces the previous one whole: a key the provider withdrew
 * stops verifying at the next fetch, at the latest `cacheLifetimeMs` after the previous one. Only a failed fetch
 * (provider down, hanging, answering garbage) keeps the known keys, for at most `maxStaleMs` past their lifetime.
 *
 * Toward the provider: one fetch at a time (concurrent requests wait on it), never longer than `timeoutMs`, and
 * never two within `minFetchIntervalMs`; a `kid` the current document lacks is remembered as unknown, so a flood
 * of made-up `kid`s costs the provider one fetch per interval at most.
 */
export interface JwksCacheOptions {
  url: string;
  cacheLifetimeMs: number;
  timeoutMs: number;
  minFetchIntervalMs: number;
  maxStaleMs: number;
  /** Told of each failed fetch, with a reason fit for a log line (never a token). */
  onFetchFailed?: (reason: string) => void;
  now?: () => number;
}

/** The token names a key the provider does not publish (or one that does not fit the token's algorithm). */
export class UnknownSigningKeyError extends Error {
  constructor(readonly reason: 'unknown-kid' | 'no-matching-key' | 'ambiguous-key') {
    super(reason);
    this.name = 'UnknownSigningKeyError';
  }
}

/** No usable key set: the provider could not be reached and nothing fetched earlier may stand in. */
export class IdentityProviderUnavailableError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('identity provider unavailable');
    this.name = 'IdentityProviderUnavailableError';
  }
}

interface KeySet {
  resolve: LocalJWKSet;
  kids: Set<string>;
  fetchedAt: number;
}

/** A JWKS document bigger than this is not a key set: refuse it rather than buffer it. */
const MAX_DOCUMENT_BYTES = 512 * 1024;
/** Unknown kids remembered per document; beyond this the oldest are forgotten (each costs a fetch per interval at most). */
const MAX_UNKNOWN_KIDS = 10_000;

export class JwksCache {
  private keySet: KeySet | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | undefined;
  private readonly unknownKids = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: JwksCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The key to verify a token with this protected header. */
  async keyFor(header: JWSHeaderParameters): Promise<CryptoKey> {
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    if (!this.isFresh() && this.mayFetch()) await this.refresh();
    if (kid !== undefined && this.keySet !== undefined && !this.keySet.kids.has(kid) && !this.unknownKids.has(kid) && this.mayFetch()) {
      // A kid the current document lacks may be a key the provider has just started publishing: ask once.
      await this.refresh();
    }
    const keySet = this.usableKeySet();
    if (keySet === undefined) throw new IdentityProviderUnavailableError(this.retryAfterSeconds());
    if (kid !== undefined && !keySet.kids.has(kid)) {
      if (this.unknownKids.size >= MAX_UNKNOWN_KIDS) this.unknownKids.delete(this.unknownKids.values().next().value!);
      this.unknownKids.add(kid);
      throw new UnknownSigningKeyError('unknown-kid');
    }
    try {
      return await keySet.resolve(header);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw new UnknownSigningKeyError('no-matching-key');
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw new UnknownSigningKeyError('ambiguous-key');
      throw error;
    }
  }

  /** Until when the key set in hand is trusted without a fetch (a token verified with it, no longer). */
  freshUntil(): number {
    return this.keySet === undefined ? Number.NEGATIVE_INFINITY : this.keySet.fetchedAt + this.options.cacheLifetimeMs;
  }

  private isFresh(): boolean {
    return this.keySet !== undefined && this.now() - this.keySet.fetchedAt < this.options.cacheLifetimeMs;
  }

  /** The fresh key set, or the last one while the provider cannot be reached, for at most maxStaleMs past its lifetime. */
  private usableKeySet(): KeySet | undefined {
    const keySet = this.keySet;
    if (keySet === undefined) return undefined;
    return this.now() - keySet.fetchedAt < this.options.cacheLifetimeMs + this.options.maxStaleMs ? keySet : undefined;
  }

  private mayFetch(): boolean {
    return this.pending !== undefined || this.now() - this.lastAttemptAt >= this.options.minFetchIntervalMs;
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.lastAttemptAt + this.options.minFetchIntervalMs - this.now()) / 1000));
  }

  /** One fetch at a time: a request arriving while one runs waits for that one. Never throws. */
  private refresh(): Promise<void> {
    if (this.pending === undefined) {
      this.lastAttemptAt = this.now();
      this.pending = this.fetchKeySet()
        .then((keySet) => {
          this.keySet = keySet;
          this.unknownKids.clear();
        })
        .catch((error: unknown) => this.options.onFetchFailed?.(describeFailure(error, this.options.timeoutMs)))
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  private async fetchKeySet(): Promise<KeySet> {
    // The signal bounds the whole exchange, body included: a provider that sends headers and then stalls is cut too.
    const response = await fetch(this.options.url, {
      signal: AbortSignal.timeout(this.options.timeoutMs),
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`the JWKS URL answered HTTP ${response.status}`);
    }
    const document: unknown = JSON.parse(await readLimited(response, MAX_DOCUMENT_BYTES));
    const resolve = createLocalJWKSet(document as Parameters<typeof createLocalJWKSet>[0]);
    const keys = resolve.jwks().keys;
    return {
      resolve,
      kids: new Set(keys.flatMap((key) => (typeof key.kid === 'string' ? [key.kid] : []))),
      fetchedAt: this.now(),
    };
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the JWKS document is larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error(`the JWKS document is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  if (error instanceof SyntaxError) return 'the JWKS URL did not answer JSON';
  if (error instanceof errors.JWKSInvalid) return 'the JWKS URL did not answer a JSON Web Key Set';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
