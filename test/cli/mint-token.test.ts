import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../api/auth/token-verifier';
import { checkMintable, mintToken } from '../../src/cli/mint-token';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, loadConfig } from '../../src/config/config';

const root = path.resolve(__dirname, '../..');

describe('mint-token (dev tokens for the embedded run)', () => {
  it('mints tokens with exp, iat, iss and aud that the embedded run accepts', async () => {
    const { auth } = loadConfig({});
    const token = mintToken({ sub: 'hr-clerk-1', roles: ['hr'], district: 'demo-district' }, auth);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'hr-clerk-1', iss: DEFAULT_TOKEN_ISSUER, aud: DEFAULT_TOKEN_AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
    await expect(createTokenVerifier(auth).verify(token)).resolves.toMatchObject({ sub: 'hr-clerk-1', roles: ['hr'] });
  });

  it('uses the configured issuer and audience', async () => {
    const { auth } = loadConfig({ AUTH_ISSUER: 'district-hr', AUTH_AUDIENCE: 'cases' });
    const token = mintToken({ sub: 'a', roles: ['auditor'], district: 'd' }, auth, '30m');
    expect(decodeJwt(token)).toMatchObject({ iss: 'district-hr', aud: 'cases' });
    await expect(createTokenVerifier(auth).verify(token)).resolves.toBeDefined();
  });

  it('refuses a --ttl beyond AUTH_MAX_TOKEN_LIFETIME, and minting while AUTH_JWKS_URL is set', () => {
    expect(() => checkMintable(loadConfig({}).auth, '7d')).toThrow(/--ttl 7d is longer than AUTH_MAX_TOKEN_LIFETIME/);
    expect(() => checkMintable(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '7d' }).auth, '7d')).not.toThrow();
    const jwks = loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' }).auth;
    expect(() => checkMintable(jwks, '1h')).toThrow(/identity provider/);
    expect(() => mintToken({ sub: 'a', roles: ['hr'], district: 'd' }, loadConfig({}).auth, '1 week')).toThrow(/--ttl must look like/);
  });

  it('works as the README runs it: npm run -s token -- --role hr --district demo-district --sub hr-clerk-1', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AUTH_') && key !== 'NODE_ENV' && key !== 'TEMPORAL_EMBEDDED'));
    const token = execFileSync('npx', ['tsx', 'src/cli/mint-token.ts', '--role', 'hr', '--district', 'demo-district', '--sub', 'hr-clerk-1'], { cwd: root, env, encoding: 'utf8' }).trim();
    await expect(createTokenVerifier(loadConfig({}).auth).verify(token)).resolves.toMatchObject({ sub: 'hr-clerk-1', district: 'demo-district' });
  });
});
