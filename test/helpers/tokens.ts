import { mintToken } from '../../src/cli/mint-token';
import { DEV_JWT_SECRET } from '../../src/config/config';
import type { Role } from '../../src/domain/actor';

/** A bearer header for an actor, signed like the dev tokens of the embedded run. */
export function bearer(roles: Role[], options: { sub?: string; district?: string; secret?: string } = {}) {
  const token = mintToken(
    { sub: options.sub ?? `${roles.join('+')}-user`, roles, district: options.district ?? 'district-a' },
    options.secret ?? DEV_JWT_SECRET,
  );
  return { authorization: `Bearer ${token}` };
}
