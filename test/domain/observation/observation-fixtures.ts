import type { Actor } from '../../../src/domain/actor';
import type { CalendarDate } from '../../../src/domain/calendar';
import type { CycleStart, ObservationCycle, ObservationEvent } from '../../../src/domain/observation/observation-cycle';
import { DEFAULT_OBSERVATION_POLICY, resolveTrack, type EducatorProfile } from '../../../src/domain/observation/observation-policy';
import { transition } from '../../../src/domain/observation/observation-process';
import type { Certification } from '../../../src/domain/observation/observation-year';

/** Riverside (the PAR fixtures' district): educator E1001, evaluators ev-lee (principal) and ev-ng (assistant principal). */
export const DISTRICT = 'riverside';
export const YEAR = '2027-2028';
export const hr: Actor = { id: 'hr-clerk-1', roles: ['hr'], district: DISTRICT };
export const auditor: Actor = { id: 'auditor-1', roles: ['auditor'], district: DISTRICT };
export const educator: Actor = { id: 'E1001', roles: ['participant'], district: DISTRICT };
export const lee: Actor = { id: 'ev-lee', roles: ['decider'], district: DISTRICT };
export const ng: Actor = { id: 'ev-ng', roles: ['decider'], district: DISTRICT };
export const stranger: Actor = { id: 'ev-other', roles: ['decider'], district: DISTRICT };
export const otherTeacher: Actor = { id: 'E2002', roles: ['participant'], district: DISTRICT };

export const certified: Certification = { certified: true, role: 'principal', certifiedOn: '2027-08-01', listVersion: 1 };
export const notCertified: Certification = { certified: false, reason: 'not on the district\'s list of certified evaluators for 2027-2028', listVersion: 1 };

export const TEACHER_PROFESSIONAL: EducatorProfile = { category: 'teacher', license: 'professional', prior: { loe: 3, growth: 3 } };

export function cycleStart(profile: EducatorProfile = TEACHER_PROFESSIONAL, openedOn: CalendarDate = '2027-08-20'): CycleStart {
  return {
    district: DISTRICT,
    schoolYear: YEAR,
    educator: educator.id,
    school: 'lincoln-elementary',
    ...profile,
    track: resolveTrack(DEFAULT_OBSERVATION_POLICY, profile)!,
    evaluators: [{ id: lee.id, name: 'Pat Lee', email: 'lee@example.org' }, { id: ng.id }],
    contacts: { educator: { name: 'Dana Reyes', email: 'dana@example.org' }, hr: { name: 'HR office', email: 'hr@example.org' } },
    openedOn,
    openedBy: hr,
  };
}

/** Applies steps in order (each [date, event, actor]); a refused step fails the fixture, naming it. */
export function run(cycle: ObservationCycle, steps: readonly (readonly [CalendarDate, ObservationEvent, Actor])[]): ObservationCycle {
  return steps.reduce((state, [today, event, actor]) => {
    const result = transition(state, event, { today, actor, dueOfKey: () => undefined });
    if (!result.ok) throw new Error(`${event.type} on ${today} refused: ${result.message}`);
    return result.state;
  }, cycle);
}

/** One whole observation by ev-lee: pre-conference (announced) or none, observation, self-score, post-conference, feedback. */
export function fullObservation(number: number, on: CalendarDate, announced: boolean, by: Actor = lee): (readonly [CalendarDate, ObservationEvent, Actor])[] {
  return [
    ...(announced ? [[on, { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, by] as const] : []),
    [on, { type: 'observe', kind: 'formal', announced, ...(announced ? { observation: number } : {}), certification: certified }, by],
    [on, { type: 'submit-self-score', observation: number, scores: [{ indicator: 'questioning', score: 3 }] }, educator],
    [on, { type: 'hold-post-conference', observation: number, reinforcement: 'Pacing', refinement: 'Questioning', ratingsShared: true, certification: certified }, by],
    [on, { type: 'give-written-feedback', observation: number, text: 'Strong pacing; ask more open questions.' }, by],
  ];
}
