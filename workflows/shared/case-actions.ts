import { setHandler } from '@temporalio/workflow';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../../src/domain/actor';

/**
 * One action asked of a case: what, by whom (from the verified token), and the caller's Idempotency-Key with a
 * digest of the request, so that a key reused for another request is refused rather than silently answered with the
 * first one's result.
 */
export interface CaseActionRequest<Action> {
  readonly action: Action;
  readonly by: Actor;
  readonly idempotency?: { readonly key: string; readonly digest: string } | undefined;
}

/**
 * Registers a case's query and its action Update. The validator runs the case's rules first: a refused action
 * throws there, never reaches the history, and changes nothing; an accepted one is applied and answers the new view.
 */
export function registerCaseActions<View, Action>(
  query: QueryDefinition<View>,
  update: UpdateDefinition<View, [CaseActionRequest<Action>]>,
  handlers: {
    view: () => View;
    apply: (request: CaseActionRequest<Action>) => void;
    refusalOf: (request: CaseActionRequest<Action>) => Error | undefined;
    /** The view an accepted request answered (the history budget counts both). */
    answered?: (request: CaseActionRequest<Action>, view: View) => void;
  },
): void {
  setHandler(query, handlers.view);
  setHandler(
    update,
    (request) => {
      handlers.apply(request);
      const view = handlers.view();
      handlers.answered?.(request, view);
      return view;
    },
    {
      validator: (request) => {
        const refused = handlers.refusalOf(request);
        if (refused) throw refused;
      },
    },
  );
}
