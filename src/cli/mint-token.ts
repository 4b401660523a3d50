import { createSigner } from 'fast-jwt';
import { ROLES, type Role } from '../domain/actor';
import { loadConfig, type AuthConfig } from '../config/config';
import { parseDuration } from '../config/auth-config';

/**
 * Mints a bearer token for the embedded run, signed with AUTH_JWT_SECRET (the embedded default unless set) and
 * carrying the `iss`, `aud`, `iat` and `exp` the API requires (AUTH_ISSUER / AUTH_AUDIENCE, or their defaults).
 *   npm run -s token -- --role hr --district demo-district --sub hr-clerk-1 [--ttl 8h]
 * Several roles: --role hr --role auditor. A decider names the grievance levels they decide: --level 1 [--level 2].
 */
export function mintToken(
  claims: { sub: string; roles: Role[]; district: string; levels?: (1 | 2 | 3)[] },
  signing: Pick<AuthConfig, 'jwtSecret' | 'issuer' | 'audience'>,
  ttl = '8h',
): string {
  return createSigner({ key: signing.jwtSecret, algorithm: 'HS256', expiresIn: ttlMs(ttl), iss: signing.issuer, aud: signing.audience })({ ...claims });
}

function ttlMs(ttl: string): number {
  const ms = /^\d+[smhd]$/.test(ttl) ? parseDuration(ttl) : undefined;
  if (ms === undefined || ms === 0) throw new Error(`--ttl must look like 30m, 8h or 7d, not "${ttl}"`);
  return ms;
}

/** The API refuses a token meant to live longer than AUTH_MAX_TOKEN_LIFETIME: say so now rather than mint it. */
export function checkMintable(auth: AuthConfig, ttl: string) {
  if (auth.jwksUrl !== undefined) throw new Error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this tool');
  if (ttlMs(ttl) > auth.maxTokenLifetimeMs) throw new Error(`--ttl ${ttl} is longer than AUTH_MAX_TOKEN_LIFETIME allows; the API would refuse the token`);
}

function parseArgs(argv: string[]) {
  const roles: Role[] = [];
  const levels: (1 | 2 | 3)[] = [];
  let sub = 'dev-user';
  let district = 'demo-district';
  let ttl = '8h';
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--role') {
      if (!(ROLES as readonly string[]).includes(value)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      roles.push(value as Role);
    } else if (flag === '--level') {
      if (!['1', '2', '3'].includes(value)) throw new Error('--level must be 1, 2 or 3');
      levels.push(Number(value) as 1 | 2 | 3);
    } else if (flag === '--sub') sub = value;
    else if (flag === '--district') district = value;
    else if (flag === '--ttl') ttl = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (levels.length > 0 && !roles.includes('decider')) throw new Error('--level is for a --role decider token');
  return { sub, district, roles: roles.length > 0 ? roles : (['hr'] as Role[]), ttl, ...(levels.length > 0 ? { levels } : {}) };
}

if (require.main === module) {
  try {
    const { ttl, ...claims } = parseArgs(process.argv.slice(2));
    const { auth } = loadConfig();
    checkMintable(auth, ttl);
    process.stdout.write(`${mintToken(claims, auth, ttl)}\n`);
  } catch (error) {
    process.stderr.write(`mint-token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
