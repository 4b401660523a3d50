import type { Actor } from '../actor';

/** One entry of a case's action log, the same for every family: who did what, when, and under which rule. */
export interface CaseAction {
  readonly action: string;
  readonly actor: Actor;
  readonly at: string;
  readonly notes?: readonly string[] | undefined;
  /** Where the case stood after it: status and level (for the timeline). */
  readonly stage?: { readonly status: string; readonly level: number } | undefined;
  /** What was asked, as received (a decision's outcome and text, a conference date ...), where the family keeps it. */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}
