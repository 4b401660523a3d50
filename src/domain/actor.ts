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
  /** The employee id the district's identity provider issues in a token claim (AUTH_EMPLOYEE_ID_CLAIM), if any. */
  readonly employeeId?: string | undefined;
}

export function hasAnyRole(actor: Actor, allowed: readonly Role[]): boolean {
  return actor.roles.some((role) => allowed.includes(role));
}

/** The subjects a case may have recorded for this person: the token's `sub`, and the employee id where issued. */
export function identitiesOf(actor: Actor): readonly string[] {
  return actor.employeeId ? [actor.id, actor.employeeId] : [actor.id];
}
