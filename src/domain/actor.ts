/**
 * Who acts on a case. Always taken from the verified bearer token, never from a request body, so the history of
 * every case records who really did what.
 */
export const ROLES = ['hr', 'decider', 'panel', 'consulting-teacher', 'participant', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Stable id of the person or system (the token's `sub`). */
  readonly id: string;
  readonly roles: readonly Role[];
  /** The district the actor works for; a case is only visible inside its own district. */
  readonly district: string;
  /** For a decider: the grievance levels they decide (GRV-DECIDE-10). */
  readonly levels?: readonly (1 | 2 | 3)[] | undefined;
}

export function hasAnyRole(actor: Actor, allowed: readonly Role[]): boolean {
  return actor.roles.some((role) => allowed.includes(role));
}
