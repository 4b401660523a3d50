import type { Actor } from '../../../src/domain/actor';
import { openTap, type TapCase, type TapEvent, type TapLevel } from '../../../src/domain/tap/tap-case';
import { tapRelation } from '../../../src/domain/tap/tap-parties';
import { transition } from '../../../src/domain/tap/tap-process';
import { anOpening } from '../../helpers/tap-fixtures';

export * from '../../helpers/tap-fixtures';

export function opened(level: TapLevel = 1, startedOn = '2026-10-05'): TapCase {
  return openTap(anOpening(level, startedOn));
}

/** Applies events in order (each by an actor on a day), failing loudly on a refusal. */
export function run(state: TapCase, steps: readonly (readonly [TapEvent, string, Actor])[]): TapCase {
  return steps.reduce((s, [event, today, actor]) => {
    const result = transition(s, event, { today, actor, relation: tapRelation(s, actor) });
    if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
    return result.state;
  }, state);
}

export function attempt(state: TapCase, event: TapEvent, actor: Actor, today = '2026-11-16') {
  return transition(state, event, { today, actor, relation: tapRelation(state, actor) });
}
