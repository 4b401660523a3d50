// The people of one Teacher Assistance Plan and its plans, for tests and the golden-history script (no vitest).
import type { Actor } from '../../src/domain/actor';
import type { TapLevel, TapOpening, TapPlan } from '../../src/domain/tap/tap-case';

/** The people of one plan at Lincoln Elementary, and the tokens they act with. */
const person = (id: string, roles: Actor['roles']): Actor => ({ id, roles, district: 'district-a' });
export const teacher = person('dana.reyes', ['participant']);
export const association = person('union-rep', ['participant']);
export const administrator = person('principal-ng', ['decider']);
export const districtLead = person('district-hr-director', ['decider']);
export const hr = person('hr-clerk-1', ['hr']);
export const auditor = person('auditor-1', ['auditor']);
export const otherTeacher = person('sam.ito', ['participant']);
export const otherPrincipal = person('principal-oak', ['decider']);
export const hrOfAnotherDistrict: Actor = { id: 'hr-b', roles: ['hr'], district: 'district-b' };
export const system: Actor = { id: 'system:deadline', roles: [], district: 'district-a' };

/** A plan documented as TAP-DOC requires at `level`, with the people TAP-LEVELS has take part. */
export function planAt(level: TapLevel, over: Partial<TapPlan> = {}): TapPlan {
  return {
    issues: ['Classroom routines break down after lunch'],
    improvement: 'Transitions take under 3 minutes; fewer than 2 office referrals a week',
    assessment: 'Two walk-through observations a month by the principal',
    resources: ['Instructional coach, weekly', 'Classroom management course'],
    timeline: { count: 6, unit: 'week', description: 'Weekly check-in on Fridays' },
    resourceSheetGiven: true,
    ...(level >= 2 ? { districtPersonnel: [{ id: districtLead.id, name: 'Morgan Diaz', title: 'Director of Human Resources' }] } : {}),
    ...(level === 2 ? { associationStaff: [{ id: association.id, name: 'Chris Vale', title: 'Association staff' }] } : {}),
    ...(level === 3 ? { interventions: ['Assistant superintendent meets the teacher every two weeks'] } : {}),
    ...over,
  };
}


/** An opening of plan `id` at `level` by HR, documented as TAP-DOC requires; the teacher and administrator with addresses. */
export function anOpening(level: TapLevel, startedOn: string, over: Partial<TapOpening> = {}): TapOpening {
  return {
    id: 'TAP-1',
    district: 'district-a',
    school: 'lincoln-elementary',
    teacher: { id: teacher.id, name: 'Dana Reyes', email: 'dana@example.org' },
    administrator: { id: administrator.id, name: 'Lin Ng', email: 'principal@example.org' },
    level,
    plan: planAt(level),
    startedOn,
    openedBy: hr,
    ...over,
  };
}
