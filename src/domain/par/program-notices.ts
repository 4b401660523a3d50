import type { CalendarDate } from '../calendar';
import type { Notice, ParProgramNoticeKind } from '../notices/notice';
import { longDate } from '../notices/notice-wording';
import { GROUP_NAMES, capacity, type Placement } from './program-roster';
import { PLACE_OFFERED, type ProgramYearState, type WindowView } from './program-year';

/**
 * The notices of a PAR program year to HR: a window opened or closed (PAR-SPRING-WINDOW, PAR-VOL-WINDOW), a place
 * given (PAR-PRIORITY). Pure; each delivery id is unique per occasion and stable across replays and retries.
 */
function programNotice(state: ProgramYearState, workflowId: string, today: CalendarDate, occasion: string, kind: ParProgramNoticeKind, facts: Record<string, string>): Notice {
  return {
    deliveryId: `${workflowId}:${occasion}`,
    kind,
    caseType: 'par',
    caseId: `${state.district}:${state.schoolYear}`,
    workflowId,
    district: state.district,
    template: `par/${kind}`,
    facts: {
      district: state.district,
      schoolYear: state.schoolYear,
      today,
      programUrl: `/v1/par/programs/${encodeURIComponent(state.district)}/${encodeURIComponent(state.schoolYear)}`,
      ...facts,
    },
    recipients: state.notify.map((c) => ({ name: c.name, role: 'hr', audience: 'district-side', email: c.email })),
    channels: ['email', 'webhook'],
  };
}

/** The delivery id a window's opening or closing notice goes under: one per window, date and event. */
export function windowOccasion(window: WindowView, event: 'opened' | 'closed'): string {
  return `window-${event}:${window.rule}:${event === 'opened' ? window.opens : window.closes}`;
}

export function windowNotice(state: ProgramYearState, workflowId: string, today: CalendarDate, window: WindowView, event: 'opened' | 'closed'): Notice {
  return programNotice(state, workflowId, today, windowOccasion(window, event), event === 'opened' ? 'window-opened' : 'window-closed', {
    windowKind: window.kind === 'referral' ? 'referral' : 'volunteer application',
    windowLabel: window.label,
    opens: window.opens,
    closes: window.closes,
    opensOn: longDate(window.opens),
    closesOn: longDate(window.closes),
    rule: window.rule,
  });
}

export function placeOfferedNotice(state: ProgramYearState, workflowId: string, today: CalendarDate, placement: Pick<Placement, 'caseId' | 'group' | 'placedOn'>): Notice {
  const { places, used } = capacity(state.roster);
  return programNotice(state, workflowId, today, `${PLACE_OFFERED}:${placement.caseId}:${placement.placedOn}`, 'place-offered', {
    caseId: placement.caseId,
    groupName: GROUP_NAMES[placement.group],
    placedOn: longDate(placement.placedOn),
    places: String(places),
    used: String(used),
    waiting: String(state.roster.waiting.length),
  });
}
