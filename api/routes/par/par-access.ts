import type { Actor } from '../../../src/domain/actor';
import { viewerOf, visibleView, type ParCaseView } from '../../../src/domain/par/par-visibility';
import type { ParInterventionView } from '../../../workflows/par/par-intervention-messages';
import { deadlineView, type CaseDeadlineView } from '../case-deadline-view';

/** What the API shows: the viewer's part of the case (par-visibility.ts) and every deadline it ran. */
// A mapped type, not the interface itself: the response schema is a loose object and needs an index signature.
export type ParApiView = { readonly [K in keyof ParCaseView]: ParCaseView[K] } & { readonly deadlines: readonly CaseDeadlineView[] };

/** The case as `actor` may see it, or undefined when for them it does not exist (PAR-VOL-CONF: 404, never 403). */
export function apiView(intervention: ParInterventionView, actor: Actor): ParApiView | undefined {
  const view = visibleView(intervention.case, viewerOf(intervention.case, actor));
  if (!view) return undefined;
  return { ...view, deadlines: intervention.clock.deadlines.map(deadlineView) };
}
