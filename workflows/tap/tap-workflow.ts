import { openTap } from '../../src/domain/tap/tap-case';
import { tapFamily } from '../../src/domain/tap/tap-family';
import { runCase } from '../case/run-case';
import { getTapQuery, tapActionUpdate, type TapStart, type TapView } from './tap-messages';

export { getTapQuery, tapActionUpdate };

/**
 * One Teacher Assistance Plan (`tap:<district>:<id>`), from its opening at level 1, 2 or 3 to its exit or
 * resolution (RULES.md TAP-*), on the case kernel: each plan's review date is a durable deadline on the district
 * calendar with reminders (TAP-TIMELINE), every action an Update validated against the rules and the actor's part
 * in the plan.
 */
export async function tapWorkflow(start: TapStart): Promise<TapView> {
  const { opening } = start;
  return runCase(
    {
      family: tapFamily,
      query: getTapQuery,
      update: tapActionUpdate,
      view: ({ state, actions, clock, notices }) => ({ case: state, actions, clock, notices, openedBy: opening.openedBy }),
    },
    {
      state: openTap(opening),
      profile: { hr: start.hr },
      district: opening.district,
      openedBy: opening.openedBy,
      calendars: start.calendars,
      openingCause: 'opened',
    },
  );
}
