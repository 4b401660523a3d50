import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { dateInZone, zonedInstant, type CalendarDate, type DistrictCalendar } from '../../src/domain/calendar';
import { placeOfferedNotice, windowNotice, windowOccasion } from '../../src/domain/par/program-notices';
import { assignSeat, refillPlaces, releasePlace, requestPlace, type RosterChange } from '../../src/domain/par/program-roster';
import {
  configure,
  initialProgramState,
  programView,
  programWindows,
  setupProblems,
  type ProgramYearState,
  type RosterEvent,
} from '../../src/domain/par/program-year';
import { calendarAmendedSignal } from '../shared/case-clock-messages';
import { CaseNotices } from '../shared/case-notices';
import {
  PAR_PROGRAM_REJECTED,
  assignSeatSignal,
  configureProgramUpdate,
  getProgramQuery,
  placeOfferedSignal,
  releasePlaceSignal,
  requestPlaceSignal,
} from './par-program-messages';

const { loadDistrictCalendars } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

export interface ParProgramStart {
  readonly district: string;
  readonly schoolYear: string;
  /** The state carried over by continue-as-new. */
  readonly state?: ProgramYearState | undefined;
}

/**
 * The PAR program of one district and school year (`par-program:<district>:<schoolYear>`), an entity workflow whose
 * history is its change log: the policy it runs under, consulting-teacher places given in priority order
 * (PAR-PRIORITY) to the interventions that ask by signal, each told by `placeOfferedSignal` (now, or when a place
 * frees), and the year's referral and volunteer windows (PAR-SPRING-WINDOW, PAR-VOL-WINDOW), opened and closed by
 * durable timers on the district calendar (following its amendments, CAL-2) with a notice to HR each time.
 */
export async function parProgramWorkflow(start: ParProgramStart): Promise<void> {
  const { workflowId } = workflowInfo();
  let state: ProgramYearState = start.state ?? initialProgramState(start.district, start.schoolYear);
  /** Bumped by every change the main loop must look at (a signal, an update, a calendar). */
  let revision = 0;
  /** Set once the year's calendar was looked up (an update answers with the windows only then). */
  let calendarLookedUp = state.calendar !== undefined;
  const notices = new CaseNotices();
  const timeZone = () => state.calendar?.timeZone ?? 'UTC';
  const today = (): CalendarDate => dateInZone(new Date(), timeZone());

  const log = (type: RosterEvent['type'], caseId: string, group: RosterEvent['group'], detail: string): RosterEvent => ({
    at: new Date().toISOString(),
    type,
    caseId,
    group,
    detail,
  });

  /** Takes a roster change: the new roster, its log, and an offer (signal and HR notice) for every placement it made. */
  const apply = (change: RosterChange, event?: RosterEvent) => {
    if (!change.ok) {
      if (event) state = { ...state, events: [...state.events, log('refused', event.caseId, event.group, `${change.rule}: ${change.message}`)] };
      return;
    }
    state = { ...state, roster: change.roster, events: event ? [...state.events, event] : state.events };
    for (const placement of change.placed) {
      const target = state.caseWorkflows[placement.caseId];
      state = {
        ...state,
        events: [...state.events, log('placed', placement.caseId, placement.group, `placed on ${placement.placedOn}`)],
        pendingOffers: target ? [...state.pendingOffers, { caseId: placement.caseId, workflowId: target, placedOn: placement.placedOn, group: placement.group }] : state.pendingOffers,
      };
      notices.send(placeOfferedNotice(state, workflowId, today(), placement));
    }
    revision += 1;
  };

  setHandler(getProgramQuery, () => programView(state, workflowId, Date.now(), notices.records));

  setHandler(
    configureProgramUpdate,
    async (setup) => {
      state = configure(state, setup, setup.by, new Date().toISOString());
      // More places or a higher volunteer maximum: those waiting get them now.
      apply(refillPlaces(state.roster, today()));
      // The answer shows the windows: on a new year, once the calendar has been looked up.
      await condition(() => calendarLookedUp);
      return programView(state, workflowId, Date.now(), notices.records);
    },
    {
      validator: (setup) => {
        const problems = setupProblems(state, setup);
        if (problems.length > 0) {
          throw ApplicationFailure.create({
            type: PAR_PROGRAM_REJECTED,
            message: problems.map((p) => `${p.field} ${p.message}`).join('; '),
            details: [problems],
            nonRetryable: true,
          });
        }
      },
    },
  );

  setHandler(requestPlaceSignal, ({ request, workflowId: caseWorkflow }) => {
    state = { ...state, caseWorkflows: { ...state.caseWorkflows, [request.caseId]: caseWorkflow } };
    apply(requestPlace(state.roster, request, today()), log('requested', request.caseId, request.group, `asks for a place since ${request.since}`));
  });

  setHandler(releasePlaceSignal, ({ caseId, on }) => {
    const group = [...state.roster.placements, ...state.roster.waiting].find((p) => p.caseId === caseId)?.group;
    apply(releasePlace(state.roster, caseId, on), log('released', caseId, group, `left the program on ${on}`));
  });

  setHandler(assignSeatSignal, ({ caseId, consultingTeacher }) => {
    const group = state.roster.placements.find((p) => p.caseId === caseId)?.group;
    apply(assignSeat(state.roster, caseId, consultingTeacher), log('seat-assigned', caseId, group, `consulting teacher ${consultingTeacher}`));
  });

  // CAL-2: an amended calendar of this year moves the windows not yet passed; their timers follow.
  setHandler(calendarAmendedSignal, (announcement) => {
    if (announcement.district !== state.district || announcement.schoolYear !== state.schoolYear) return;
    if ((state.calendar?.version ?? 0) >= announcement.version) return;
    state = { ...state, calendar: { ...announcement.calendar, version: announcement.version } };
    revision += 1;
  });

  if (!state.calendar) adoptCalendar(await loadDistrictCalendars(state.district, [state.schoolYear]));
  calendarLookedUp = true;

  function adoptCalendar(calendars: readonly DistrictCalendar[]) {
    const calendar = calendars.find((c) => c.schoolYear === state.schoolYear);
    // An announcement that arrived while the calendar loaded is as new or newer: it stays.
    if (calendar && (state.calendar?.version ?? 0) < (calendar.version ?? 1)) state = { ...state, calendar };
  }

  /** Sends the window notices whose time has come; returns when the next one is due (epoch ms), if any. */
  const openAndCloseWindows = (): number | undefined => {
    const now = Date.now();
    const { referral, volunteer } = programWindows(state, now);
    const sent = new Set(state.windowNotices);
    let next: number | undefined;
    for (const window of [...(referral ? [referral] : []), ...volunteer]) {
      const opened = windowOccasion(window, 'opened');
      const closed = windowOccasion(window, 'closed');
      // The closing instant is 23:59:59 local; the window is closed from the next second.
      const closesAt = Date.parse(window.closesAt) + 1000;
      const opensAt = Date.parse(window.opensAt);
      if (now >= closesAt) {
        // A window that closed before this program year knew of it passes without notices.
        if (!sent.has(closed) && sent.has(opened)) notices.send(windowNotice(state, workflowId, today(), window, 'closed'));
        sent.add(opened).add(closed);
        continue;
      }
      if (now >= opensAt && !sent.has(opened)) {
        notices.send(windowNotice(state, workflowId, today(), window, 'opened'));
        sent.add(opened);
      }
      next = Math.min(next ?? Infinity, sent.has(opened) ? closesAt : opensAt);
    }
    state = { ...state, windowNotices: [...sent] };
    return next;
  };

  /** Tells each case of the places it was given; a case that cannot be signalled is logged, not retried forever. */
  const deliverOffers = async () => {
    while (state.pendingOffers.length > 0) {
      const offer = state.pendingOffers[0]!;
      try {
        await getExternalWorkflowHandle(offer.workflowId).signal(placeOfferedSignal, { schoolYear: state.schoolYear, placedOn: offer.placedOn });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        state = { ...state, events: [...state.events, log('offer-undelivered', offer.caseId, offer.group, `${offer.workflowId} could not be told: ${reason}`)] };
      }
      state = { ...state, pendingOffers: state.pendingOffers.filter((o) => o !== offer) };
    }
  };

  // The year ends on July 1 after it (school-year.ts); its history then starts afresh once.
  const yearEndMs = () => zonedInstant(`${state.schoolYear.slice(5, 9)}-07-01`, { hour: 0, minute: 0, second: 0 }, timeZone()).getTime();

  for (;;) {
    const nextWindowMs = openAndCloseWindows();
    await deliverOffers();
    const yearOver = !state.yearEnded && Date.now() >= yearEndMs();
    if (yearOver || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await notices.drain();
      if (state.pendingOffers.length === 0) {
        await continueAsNew<typeof parProgramWorkflow>({
          district: state.district,
          schoolYear: state.schoolYear,
          state: { ...state, notices: [...state.notices, ...notices.records], yearEnded: state.yearEnded === true || yearOver },
        });
      }
      continue;
    }
    const wakeAt = Math.min(nextWindowMs ?? Infinity, state.yearEnded ? Infinity : yearEndMs());
    const seen = revision;
    const changed = () => revision !== seen || state.pendingOffers.length > 0 || workflowInfo().continueAsNewSuggested;
    if (wakeAt === Infinity) await condition(changed);
    else await condition(changed, Math.max(1, wakeAt - Date.now()));
  }
}
