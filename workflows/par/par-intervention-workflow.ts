import { continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import { addDays, zonedInstant } from '../../src/domain/calendar';
import type { CaseAction } from '../../src/domain/case/case-action';
import type { ParCase } from '../../src/domain/par/par-case';
import { parFamily, type ParProfile } from '../../src/domain/par/par-family';
import { startIntervention } from '../../src/domain/par/par-process';
import { currentConsultingTeacher } from '../../src/domain/par/par-relation';
import { CaseDistrict, CaseKind, CaseSchool, CaseType } from '../../src/temporal/search-attributes';
import { runCase, type RunningCase } from '../case/run-case';
import { assignSeatSignal, parProgramWorkflowId, placeOfferedSignal, releasePlaceSignal, requestPlaceSignal } from './par-program-messages';
import { getParCaseQuery, parActionUpdate, type ParCarried, type ParInterventionInput, type ParInterventionView, type ProgramLink } from './par-intervention-messages';

export { getParCaseQuery, parActionUpdate };

/** Semesters of the participant that have ended by `today`: a new one ending starts a new run. */
function semestersEnded(state: ParCase, today: string): number {
  return state.schedule?.semesters.filter((s) => s.end < today).length ?? 0;
}

/** The action log a run carried: runs before the case kernel carried a log of ids (`by`), read here as actors. */
function carriedActions(carried: ParCarried, district: string): CaseAction[] {
  if (carried.actions) return [...carried.actions];
  return (carried.log ?? []).map((entry) => ({ action: entry.action, actor: { id: entry.by, roles: [], district }, at: entry.at, notes: entry.notes }));
}

/**
 * One PAR intervention (`par:<district>:<id>`), Referred or Volunteer, from referral or application to its close:
 * the rules of RULES.md PAR-* (src/domain/par) on the case kernel. The place in the program year is asked for,
 * offered and released by signals (par-program-messages.ts). An 18-month case keeps each run small: it continues as
 * new when a semester ends (or when Temporal suggests it), carrying the whole case.
 */
export async function parInterventionWorkflow(input: ParInterventionInput): Promise<ParInterventionView> {
  const { opening, carried } = input;
  const state = carried?.state ?? startIntervention(opening.start);
  const program: ProgramLink[] = [...(carried?.program ?? [])];
  const signalsUnderWay = new Set<Promise<void>>();
  let placeRequested = carried?.placeRequested ?? false;
  let placedOn = carried?.placedOn;
  const run = (carried?.runs ?? 0) + 1;
  const profile: ParProfile = { schoolYear: opening.schoolYear, school: opening.school, contacts: opening.contacts, people: opening.people, openedBy: opening.openedBy };
  type Running = RunningCase<ParCase, ParProfile, Parameters<typeof parFamily.transition>[1]>;

  /** Signals the program year; a program year that does not run fails the signal, recorded on the case. */
  const signalProgram = (district: string, signal: ProgramLink['signal'], send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) => {
    const handle = getExternalWorkflowHandle(parProgramWorkflowId(district, opening.schoolYear));
    const at = new Date().toISOString();
    const sent = send(handle).then(
      () => void program.push({ signal, at }),
      (error: unknown) => void program.push({ signal, at, failure: error instanceof Error ? error.message : String(error) }),
    );
    signalsUnderWay.add(sent);
    void sent.finally(() => signalsUnderWay.delete(sent));
  };
  const requestPlace = (running: Running) => {
    if (placeRequested) return;
    placeRequested = true;
    const now = running.state();
    const group = now.participation.kind === 'referred' ? 1 : 2;
    signalProgram(now.district, 'requestPlace', (h) => h.signal(requestPlaceSignal, { request: { caseId: now.id, group, since: running.today() }, workflowId: running.workflowId }));
  };

  return runCase(
    {
      family: parFamily,
      query: getParCaseQuery,
      update: parActionUpdate,
      syncedOnCalendarBeforePatch: true,
      view: (record) => ({
        workflowId: record.workflowId,
        schoolYear: opening.schoolYear,
        school: opening.school,
        case: record.state,
        clock: record.clock,
        notices: record.notices,
        actions: record.actions,
        program,
        placedOn,
        run,
      }),
      initialSearchAttributes: (now) => [
        { key: CaseType, value: 'par' },
        { key: CaseDistrict, value: now.district },
        { key: CaseKind, value: now.participation.kind },
        ...(opening.school ? [{ key: CaseSchool, value: opening.school }] : []),
      ],
      register: (running) => {
        // PAR-PRIORITY: the program year offers a place, at once or when one frees up.
        setHandler(placeOfferedSignal, ({ placedOn: on }) => {
          placedOn = on;
          program.push({ signal: 'placeOffered', at: new Date().toISOString() });
          const now = running.state();
          if (now.status === 'waiting-for-place') running.apply({ type: 'place-offered' }, { id: `system:${parProgramWorkflowId(now.district, opening.schoolYear)}`, roles: [], district: now.district } satisfies Actor);
        });
      },
      // PAR-PRIORITY: a Referred participant is Group I and served at once; the roster records the place.
      opened: (running) => {
        if (running.state().participation.kind === 'referred') requestPlace(running);
      },
      // The program year: a place when the case needs one, the consulting teacher's seat, the place freed at the end.
      applied: (before, running) => {
        const now = running.state();
        if (now.status === 'waiting-for-place') requestPlace(running);
        const consultingTeacher = currentConsultingTeacher(now);
        if (consultingTeacher && consultingTeacher !== currentConsultingTeacher(before)) {
          signalProgram(now.district, 'assignSeat', (h) => h.signal(assignSeatSignal, { caseId: now.id, consultingTeacher }));
        }
        if (now.closed && !before.closed && placeRequested) {
          const on = now.closed.on;
          signalProgram(now.district, 'releasePlace', (h) => h.signal(releasePlaceSignal, { caseId: now.id, on }));
        }
      },
      underWay: () => [...signalsUnderWay],
      /** When the semester in progress (or the next one) ends: the next run starts the day after. */
      wakeAtMs: (running) => {
        const today = running.today();
        const next = running.state().schedule?.semesters.find((s) => s.end >= today);
        const timeZone = running.clock.snapshot().calendars[0]?.timeZone;
        return next && timeZone ? zonedInstant(addDays(next.end, 1), { hour: 0, minute: 0, second: 0 }, timeZone).getTime() : undefined;
      },
      // PAR-SEMESTER: a semester ended; the next run carries the whole case (the timeline follows the chain).
      continueAsNew: {
        startOfRun: (running) => semestersEnded(running.state(), running.today()),
        due: (running, startedIn) => semestersEnded(running.state(), running.today()) !== startedIn || workflowInfo().continueAsNewSuggested,
        next: (running) => {
          const { state: now, clock, notices, remindersDone, actions } = running.carried();
          const next: ParInterventionInput = {
            opening: { ...opening, calendars: undefined },
            carried: { state: now, clock, notices, remindersDone, actions, program, placeRequested, placedOn, runs: run },
          };
          return continueAsNew<typeof parInterventionWorkflow>(next);
        },
      },
    },
    {
      state,
      profile,
      district: state.district,
      openedBy: opening.openedBy,
      calendars: opening.calendars,
      carried: carried ? { state, clock: carried.clock, notices: carried.notices, remindersDone: carried.remindersDone, actions: carriedActions(carried, state.district) } : undefined,
      openingCause: carried ? `run ${run} continues the case` : 'opened',
    },
  );
}
