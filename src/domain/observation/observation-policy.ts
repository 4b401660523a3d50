/**
 * A district's observation policy (RULES.md OBS-TRACK: "the track table is district policy (data)"): which track an
 * educator is on, how many observations and walkthroughs it requires, and how many must be unannounced. Plain data
 * checked by hand (no zod: this module runs inside workflows). A cycle copies the track it opens under and keeps it
 * to the end of the year, so a later policy change never rewrites a running cycle.
 */

export const LICENSES = ['apprentice', 'professional', 'out-of-state', 'transitional'] as const;
export type License = (typeof LICENSES)[number];

/** Teachers are observed on the General Educator Rubric; school services personnel on the alternate rubric. */
export const EDUCATOR_CATEGORIES = ['teacher', 'school-services'] as const;
export type EducatorCategory = (typeof EDUCATOR_CATEGORIES)[number];

/** A prior-year rating: the level of overall effectiveness (LOE) or individual growth, 1 to 5. */
export type Rating = 1 | 2 | 3 | 4 | 5;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];

/** The previous year's ratings; a new educator has none. */
export interface PriorRatings {
  readonly loe?: Rating | undefined;
  readonly growth?: Rating | undefined;
}

/** What a track's educators have in common; every condition given must hold (none: every educator). */
export interface TrackCondition {
  readonly categories?: readonly EducatorCategory[] | undefined;
  readonly licenses?: readonly License[] | undefined;
  /** The LOE or the growth rating (either) is one of these. */
  readonly anyRatingOf?: readonly Rating[] | undefined;
}

/** OBS-UNANNOUNCED: at least half unannounced, or (school services personnel) all announced. */
export type AnnouncementRule = 'half-unannounced' | 'all-announced';

export interface TrackRule {
  readonly id: string;
  readonly label: string;
  readonly when: TrackCondition;
  /** The minimum of formal observations: evaluators may observe more; only the minimum is scored. */
  readonly observations: number;
  /** Walkthroughs the track adds to its formal observations (a prior 5: 1 formal plus 2 walkthroughs). */
  readonly walkthroughs: number;
  readonly announcement: AnnouncementRule;
  /** School services personnel: the least minutes of contact over all observations. */
  readonly contactMinutes?: number | undefined;
}

export interface ObservationPolicy {
  /** Bumped by every change; a cycle records the version its track came from. */
  readonly version: number;
  /** The first track whose condition holds is the educator's (order matters). */
  readonly tracks: readonly TrackRule[];
}

/** The track a cycle runs on, copied from the policy when it opens. */
export interface ResolvedTrack {
  readonly id: string;
  readonly label: string;
  readonly observations: number;
  readonly walkthroughs: number;
  readonly announcement: AnnouncementRule;
  readonly contactMinutes?: number | undefined;
  readonly policyVersion: number;
}

/** Who the educator is for the track table. */
export interface EducatorProfile {
  readonly category: EducatorCategory;
  readonly license: License;
  readonly prior: PriorRatings;
}

/** OBS-TRACK: the table of RULES.md (source 003, "Observations"), the default policy of a district. */
export const DEFAULT_OBSERVATION_POLICY: ObservationPolicy = {
  version: 1,
  tracks: [
    { id: 'school-services-professional', label: 'School services personnel, professional license', when: { categories: ['school-services'], licenses: ['professional'] }, observations: 4, walkthroughs: 0, announcement: 'all-announced', contactMinutes: 60 },
    { id: 'school-services-apprentice', label: 'School services personnel, apprentice license', when: { categories: ['school-services'] }, observations: 6, walkthroughs: 0, announcement: 'all-announced', contactMinutes: 90 },
    { id: 'prior-rating-1', label: 'Prior LOE or individual growth of 1', when: { anyRatingOf: [1] }, observations: 4, walkthroughs: 0, announcement: 'half-unannounced' },
    { id: 'prior-rating-5', label: 'Prior LOE or individual growth of 5', when: { anyRatingOf: [5] }, observations: 1, walkthroughs: 2, announcement: 'half-unannounced' },
    { id: 'apprentice', label: 'Apprentice, out-of-state or transitional license', when: { licenses: ['apprentice', 'out-of-state', 'transitional'] }, observations: 4, walkthroughs: 0, announcement: 'half-unannounced' },
    { id: 'professional', label: 'Professional license, prior 2-4', when: { licenses: ['professional'] }, observations: 2, walkthroughs: 0, announcement: 'half-unannounced' },
  ],
};

function holds(when: TrackCondition, educator: EducatorProfile): boolean {
  if (when.categories && !when.categories.includes(educator.category)) return false;
  if (when.licenses && !when.licenses.includes(educator.license)) return false;
  if (when.anyRatingOf) {
    const ratings = [educator.prior.loe, educator.prior.growth].filter((r): r is Rating => r !== undefined);
    if (!ratings.some((r) => when.anyRatingOf!.includes(r))) return false;
  }
  return true;
}

/** OBS-TRACK: the educator's track under the policy (the first that holds), or undefined when none does. */
export function resolveTrack(policy: ObservationPolicy, educator: EducatorProfile): ResolvedTrack | undefined {
  const track = policy.tracks.find((t) => holds(t.when, educator));
  if (!track) return undefined;
  const { when: _when, ...rest } = track;
  return { ...rest, policyVersion: policy.version };
}

/** OBS-COACHING: an overall or growth rating of 1 last year calls for a coaching conversation first. */
export function coachingRequired(prior: PriorRatings): boolean {
  return prior.loe === 1 || prior.growth === 1;
}

/** A policy problem: a JSON pointer into the policy and what is wrong. */
export interface PolicyProblem {
  readonly field: string;
  readonly message: string;
}

const MAX_OBSERVATIONS = 20;
const MAX_CONTACT_MINUTES = 2000;

/** OBS-TRACK: what is wrong with a policy (empty when it may be used): counts, ids, and every educator placed. */
export function policyProblems(policy: ObservationPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push({ field: '/version', message: 'must be a whole number of at least 1' });
  const ids = new Set<string>();
  policy.tracks.forEach((track, i) => {
    const at = `/tracks/${i}`;
    if (ids.has(track.id)) problems.push({ field: `${at}/id`, message: `track id ${track.id} is used twice` });
    ids.add(track.id);
    for (const [name, value] of [['observations', track.observations], ['walkthroughs', track.walkthroughs]] as const) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_OBSERVATIONS) problems.push({ field: `${at}/${name}`, message: `must be a whole number from 0 to ${MAX_OBSERVATIONS}` });
    }
    if (track.observations + track.walkthroughs < 1) problems.push({ field: `${at}/observations`, message: 'a track requires at least one observation' });
    if (track.contactMinutes !== undefined && (!Number.isInteger(track.contactMinutes) || track.contactMinutes < 1 || track.contactMinutes > MAX_CONTACT_MINUTES)) {
      problems.push({ field: `${at}/contactMinutes`, message: `must be a whole number from 1 to ${MAX_CONTACT_MINUTES}` });
    }
  });
  // Every educator must have a track: each category, license and pair of prior ratings (or none) is placed.
  const priors: (Rating | undefined)[] = [undefined, ...RATINGS];
  for (const category of EDUCATOR_CATEGORIES) {
    for (const license of LICENSES) {
      for (const loe of priors) {
        for (const growth of priors) {
          if (!resolveTrack(policy, { category, license, prior: { loe, growth } })) {
            problems.push({ field: '/tracks', message: `no track for ${category} with a ${license} license and prior LOE ${loe ?? 'none'}, growth ${growth ?? 'none'}` });
            return problems;
          }
        }
      }
    }
  }
  return problems;
}
