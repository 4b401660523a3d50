import { createSigner } from 'fast-jwt';
import { ROLES, type Role } from '../domain/actor';
import { loadConfig } from '../config/config';

/**
 * Mints a bearer token for the embedded run, signed with AUTH_JWT_SECRET (the embedded default unless set).
 *   npm run -s token -- --role hr --district demo-district --sub hr-clerk-1 [--ttl 8h]
 * Several roles: --role hr --role auditor. A decider names the grievance levels they decide: --level 1 [--level 2].
 */
export function mintToken(claims: { sub: string; roles: Role[]; district: string; levels?: (1 | 2 | 3)[] }, secret: string, ttl = '8h'): string {
  return createSigner({ key: secret, expiresIn: ttlMs(ttl) })({ ...claims });
}

function ttlMs(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) throw new Error(`--ttl must look like 30m, 8h or 7d, not "${ttl}"`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
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
    process.stdout.write(`${mintToken(claims, loadConfig().auth.jwtSecret, ttl)}\n`);
  } catch (error) {
    process.stderr.write(`mint-token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
