import { mintToken } from '../../src/cli/mint-token';
import { DEV_JWT_SECRET } from '../../src/config/config';
import type { Role } from '../../src/domain/actor';

/** A bearer header for an actor, signed like the dev tokens of the embedded run. */
export function bearer(roles: Role[], options: { sub?: string; district?: string; secret?: string; levels?: (1 | 2 | 3)[] | null } = {}) {
  // A decider decides at every level unless the test says otherwise (null: a token without the claim).
  const levels = options.levels === null ? undefined : (options.levels ?? (roles.includes('decider') ? [1, 2, 3] : undefined));
  const token = mintToken(
    { sub: options.sub ?? `${roles.join('+')}-user`, roles, district: options.district ?? 'district-a', ...(levels ? { levels } : {}) },
    options.secret ?? DEV_JWT_SECRET,
  );
  return { authorization: `Bearer ${token}` };
}
