import { describe, expect, it } from 'vitest';
import { ROLES, hasAnyRole, identitiesOf, type Actor } from '../../src/domain/actor';

describe('actors (pure): who acts, from the verified token', () => {
  it('GRV-DECIDE-10: the roles a token may carry, and a token with several roles has each of them', () => {
    expect(ROLES).toEqual(['hr', 'decider', 'panel', 'consulting-teacher', 'participant', 'auditor']);
    const principalAndPanel: Actor = { id: 'principal-lincoln', roles: ['decider', 'panel'], district: 'lakeview' };
    expect(hasAnyRole(principalAndPanel, ['panel'])).toBe(true);
    expect(hasAnyRole(principalAndPanel, ['hr', 'decider'])).toBe(true);
    expect(hasAnyRole(principalAndPanel, ['hr', 'auditor'])).toBe(false);
    expect(hasAnyRole({ ...principalAndPanel, roles: [] }, ['decider'])).toBe(false);
  });

  it("GRV-CONTENT: a person is known by the token's subject, and by the employee id the district issues where there is one", () => {
    expect(identitiesOf({ id: 'idp|8812', employeeId: 'E-1001', roles: ['participant'], district: 'lakeview' })).toEqual(['idp|8812', 'E-1001']);
    expect(identitiesOf({ id: 'dana.reyes', roles: ['participant'], district: 'lakeview' })).toEqual(['dana.reyes']);
  });
});
