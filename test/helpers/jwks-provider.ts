import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** A signing key of the identity provider: its private half signs test tokens, its public JWK is published. */
export interface ProviderKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function providerKey(kid: string, alg: 'RS256' | 'ES256'): Promise<ProviderKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** How the provider answers: its key set, a hang (never answers), a stall (headers, then half a body), HTTP 500, or a 200 that is not JSON. */
export type ProviderBehaviour = 'serve' | 'hang' | 'stall' | 'error' | 'garbage';

/**
 * A real identity provider's JWKS endpoint on 127.0.0.1, as the service fetches it in production: the test
 * publishes and withdraws keys, makes it hang or fail, and counts the fetches it receives.
 */
export async function startJwksProvider() {
  let keys: ProviderKey[] = [];
  let behaviour: ProviderBehaviour = 'serve';
  let fetches = 0;
  const server = http.createServer((req, res) => {
    if (req.url !== '/idp/jwks.json') return void res.writeHead(404).end();
    fetches += 1;
    if (behaviour === 'hang') return; // never answers; the socket is destroyed at close
    if (behaviour === 'stall') return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"keys": [');
    if (behaviour === 'error') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    if (behaviour === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('oops');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/idp/jwks.json`,
    publish(...published: ProviderKey[]) {
      keys = published;
    },
    behave(next: ProviderBehaviour) {
      behaviour = next;
    },
    get fetches() {
      return fetches;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type JwksProvider = Awaited<ReturnType<typeof startJwksProvider>>;

export const PROVIDER_ISSUER = 'https://idp.district-a.example/';
export const PROVIDER_AUDIENCE = 'api://case-deadlines';

/**
 * A token as the provider would issue it: an auditor of district-a, issued now for an hour, with this service's
 * issuer and audience. `claims` override or, set to undefined, remove a claim; `header` overrides the header.
 */
export async function providerToken(key: ProviderKey, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const merged: Record<string, unknown> = { sub: 'auditor-9', roles: ['auditor'], district: 'district-a', iss: PROVIDER_ISSUER, aud: PROVIDER_AUDIENCE, iat: now, exp: now + 3600, ...claims };
  const payload = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  // A test may name `crit` extensions: jose signs them only when told they are understood.
  const crit = Array.isArray(header.crit) ? { crit: Object.fromEntries(header.crit.map((name) => [String(name), true])) } : {};
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, ...header }).sign(key.privateKey, crit);
}
