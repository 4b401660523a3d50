import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { applySetup, emptyObservationYear, setupProblems, type ObservationYear } from '../../src/domain/observation/observation-year';
import { OBSERVATION_YEAR_REJECTED, getObservationYearQuery, setupObservationYearUpdate } from './observation-messages';

/**
 * A district's observation year (`observation-year:<district>:<schoolYear>`): the evaluators certified for it and
 * the track policy (OBS-CERTIFIED, OBS-TRACK), set by HR over REST. Its history is the change log; cycles read it
 * when they open and when an evaluator acts.
 */
export async function observationYearWorkflow(start: { district: string; schoolYear: string; record?: ObservationYear }): Promise<void> {
  let year = start.record ?? emptyObservationYear(start.district, start.schoolYear);
  setHandler(getObservationYearQuery, () => year);
  setHandler(
    setupObservationYearUpdate,
    (setup) => {
      year = applySetup(year, setup, setup.by, new Date().toISOString());
      return year;
    },
    {
      validator: (setup) => {
        const problems = setupProblems(year, setup);
        if (problems.length > 0) {
          throw ApplicationFailure.create({ type: OBSERVATION_YEAR_REJECTED, message: problems.map((p) => `${p.field} ${p.message}`).join('; '), details: [problems], nonRetryable: true });
        }
      },
    },
  );
  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof observationYearWorkflow>({ ...start, record: year });
}
