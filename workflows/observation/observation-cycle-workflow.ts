import { CaseDistrict, CaseSchool, CaseType } from '../../src/temporal/search-attributes';
import { observationFamily } from '../../src/domain/observation/observation-family';
import { startCycle } from '../../src/domain/observation/observation-process';
import { runCase } from '../case/run-case';
import { getObservationCycleQuery, observationActionUpdate, type ObservationCycleInput, type ObservationCycleView } from './observation-messages';

export { getObservationCycleQuery, observationActionUpdate };

/**
 * One educator's observation cycle for one school year (`observation-cycle:<district>:<year>:<educator>`), RULES.md
 * OBS-* on the case kernel: each step an Update checked against the rules and the caller's part in the cycle, each
 * observation's feedback week a durable timer on the district calendar (OBS-FEEDBACK-7), and the year's last
 * instructional day the end, with the report of what was met (OBS-TRACK). A year stays one small run: a few dozen
 * steps, each with its timer and notices.
 */
export async function observationCycleWorkflow(input: ObservationCycleInput): Promise<ObservationCycleView> {
  const state = startCycle(input.start);
  return runCase(
    {
      family: observationFamily,
      query: getObservationCycleQuery,
      update: observationActionUpdate,
      view: ({ workflowId, state: cycle, clock, notices, actions }) => ({ workflowId, cycle, clock, notices, actions }),
      initialSearchAttributes: (cycle) => [
        { key: CaseType, value: 'observation-cycle' },
        { key: CaseDistrict, value: cycle.district },
        ...(cycle.school ? [{ key: CaseSchool, value: cycle.school }] : []),
      ],
    },
    { state, profile: {}, district: state.district, openedBy: input.start.openedBy, calendars: input.calendars, openingCause: 'opened' },
  );
}
