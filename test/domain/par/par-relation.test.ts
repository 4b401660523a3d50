import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { CASE_RELATIONS, currentConsultingTeacher, relationTo } from '../../../src/domain/par/par-relation';
import { assisted, panel, referral, run } from './par-fixtures';

const person = (id: string, ...roles: Actor['roles'][number][]): Actor => ({ id, roles, district: 'riverside' });

/** The assisted case (ct-kim), its representative rep-lee appointed and spec-math added as a specialist. */
const state = () =>
  run(assisted(), [
    [{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee' } }, '2027-09-01', person('hr-1', 'hr')],
    [{ type: 'add-assistant', person: 'spec-math', role: 'subject-area-specialist' }, '2027-09-02', panel],
  ]);

describe('PAR: how a person stands to a case (what they may do and see follows from it)', () => {
  it.each([
    ['the participant, whatever their roles', person('dana', 'participant', 'panel'), 'participant'],
    ['the representative', person('rep-lee', 'participant'), 'representative'],
    ['the consulting teacher assigned now', person('ct-kim', 'consulting-teacher'), 'consulting-teacher'],
    ['the same person without the consulting-teacher role', person('ct-kim', 'panel'), 'panel'],
    ['a consulting teacher not assigned to the case', person('ct-ortiz', 'consulting-teacher'), 'other'],
    ['an assistant added by the panel', person('spec-math', 'consulting-teacher'), 'assistant'],
    ['the evaluator, even on the panel', person('eval-park', 'decider', 'panel'), 'evaluator'],
    ['the principal, even on the panel', person('principal-ng', 'decider', 'panel'), 'principal'],
    ['a panel member', person('member-1', 'panel', 'hr'), 'panel'],
    ['HR', person('hr-2', 'hr', 'auditor'), 'hr'],
    ['an auditor', person('auditor-1', 'auditor'), 'auditor'],
    ['another decider', person('principal-other', 'decider'), 'other'],
    ['the participant\'s id in another district', { ...person('dana', 'participant'), district: 'lakeview' }, 'other'],
    ['a panel member of another district', { ...person('member-1', 'panel'), district: 'lakeview' }, 'other'],
  ] as const)('PAR-REP / PAR-PANEL-CONF: %s stands as %s', (_name, actor, relation) => {
    expect(relationTo(state(), actor)).toBe(relation);
  });

  it('PAR-REP: a representative named without an account is no one\'s relation', () => {
    const named = run(referral(), [[{ type: 'appoint-representative', representative: { name: 'Pat Lee' } }, '2027-05-11', person('hr-1', 'hr')]]);
    expect(relationTo(named, person('rep-lee', 'participant'))).toBe('other');
  });

  it('PAR-REASSIGN: the consulting teacher is the last one assigned; none before the assignment', () => {
    expect(currentConsultingTeacher(referral())).toBeUndefined();
    const reassigned = run(assisted(), [[{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'panel', reason: 'caseload' }, '2027-10-01', panel]]);
    expect(currentConsultingTeacher(reassigned)).toBe('ct-ortiz');
    expect(relationTo(reassigned, person('ct-kim', 'consulting-teacher'))).toBe('other');
  });

  it('the relations, most specific first', () => {
    expect(CASE_RELATIONS).toEqual(['participant', 'representative', 'consulting-teacher', 'assistant', 'evaluator', 'principal', 'panel', 'hr', 'auditor', 'other']);
  });
});
