import { setHandler } from '@temporalio/workflow';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../../src/domain/actor';

/**
 * Registers a case's query and its action Update. The validator runs the case's rules first: a refused action
 * throws there, never reaches the history, and changes nothing; an accepted one is applied and answers the new view.
 */
export function registerCaseActions<View, Action>(
  query: QueryDefinition<View>,
  update: UpdateDefinition<View, [{ action: Action; by: Actor }]>,
  handlers: { view: () => View; apply: (action: Action, by: Actor) => void; refusalOf: (action: Action, by: Actor) => Error | undefined },
): void {
  setHandler(query, handlers.view);
  setHandler(
    update,
    ({ action, by }) => {
      handlers.apply(action, by);
      return handlers.view();
    },
    {
      validator: ({ action, by }) => {
        const refused = handlers.refusalOf(action, by);
        if (refused) throw refused;
      },
    },
  );
}
