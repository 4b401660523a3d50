import type { Observation, ObservationCycle } from './observation-cycle';
import { OBS_ACCESS, OBS_PARTS, type ObservationPart, type ObservationRelation } from './observation-parties';

/**
 * A cycle as one reader may see it (OBS_ACCESS): the parts they may not see are left out and named in `withheld`.
 * Without `feedback` an observation keeps its dates and who took each step, not what was written; without
 * `self-scores` a self-score shows only the day it was submitted.
 */
export function visibleCycle(cycle: ObservationCycle, relation: ObservationRelation) {
  const may = OBS_ACCESS[relation];
  if (!may.summary) return undefined;
  const { observations, violations, coaching, contacts: _contacts, openedBy: _openedBy, ...summary } = cycle;
  const withheld: ObservationPart[] = OBS_PARTS.filter((part) => part !== 'record' && !may[part]);
  return {
    ...summary,
    withheld,
    ...(may.observations ? { observations: observations.map((o) => observationFor(o, may)) } : {}),
    ...(may.observations && coaching ? { coaching: may.feedback ? coaching : { on: coaching.on, by: coaching.by } } : {}),
    ...(may.violations ? { violations } : {}),
  };
}

function observationFor(observation: Observation, may: Readonly<Record<ObservationPart, boolean>>): Observation {
  const { feedback, postConference, selfScore, ...rest } = observation;
  return {
    ...rest,
    ...(feedback ? { feedback: may.feedback ? feedback : { on: feedback.on, by: feedback.by, late: feedback.late, text: '' } } : {}),
    ...(postConference
      ? { postConference: may.feedback ? postConference : { on: postConference.on, by: postConference.by, ratingsShared: postConference.ratingsShared, reinforcement: '', refinement: '' } }
      : {}),
    ...(selfScore ? { selfScore: may['self-scores'] ? selfScore : { on: selfScore.on, scores: [] } } : {}),
  };
}
