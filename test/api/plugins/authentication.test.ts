import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createSigner } from 'fast-jwt';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/api';

// Production verifies tokens against the identity provider's JWKS: here a real HTTP server publishes one.
describe('bearer tokens verified against a JWKS URL', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: http.Server;
  let app: FastifyInstance;
  let connection: Connection;
  let jwksRequests = 0;

  beforeAll(async () => {
    const jwk = { ...trusted.publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((req, res) => {
      jwksRequests += 1;
      if (req.url !== '/idp/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    // Routes under test answer before they reach Temporal; a lazy connection is never dialled.
    connection = Connection.lazy({ address: '127.0.0.1:1' });
    app = await buildTestApp(new Client({ connection }), {
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/idp/jwks.json`,
      AUTH_ISSUER: 'https://idp.district-a.example',
    });
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    jwks?.close();
  });

  const sign = (key: KeyObject, claims: Record<string, unknown>, kid = 'key-1') =>
    createSigner({ key: key.export({ format: 'pem', type: 'pkcs8' }) as string, algorithm: 'RS256', kid })(claims);
  const claims = { sub: 'auditor-9', roles: ['auditor'], district: 'district-a', iss: 'https://idp.district-a.example' };
  // An auditor may read but not file: 403 proves the token was accepted and the actor's roles were read from it.
  const fileWith = (token: string) =>
    app.inject({ method: 'POST', url: '/v1/grievances', headers: { authorization: `Bearer ${token}` }, payload: {} });

  it('accepts a token signed by a key the JWKS publishes and takes the actor from its claims', async () => {
    const res = await fileWith(sign(trusted.privateKey, claims));
    expect(res.statusCode).toBe(403);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a token signed by another key, from another issuer, or signed with the dev secret', async () => {
    expect((await fileWith(sign(stranger.privateKey, claims))).statusCode).toBe(401);
    expect((await fileWith(sign(trusted.privateKey, { ...claims, iss: 'https://evil.example' }))).statusCode).toBe(401);
    expect((await fileWith(sign(trusted.privateKey, claims, 'unknown-kid'))).statusCode).toBe(401);
    const hs = createSigner({ key: 'embedded-dev-secret-do-not-use-in-production-0123456789' })(claims);
    expect((await fileWith(hs)).statusCode).toBe(401);
  });
});
