import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { CaseAction } from '../../src/domain/case/case-action';
import { caseWorkflowId } from '../../src/domain/case/case-ids';
import type { ParCase, ParEvent } from '../../src/domain/par/par-case';
import type { InterventionStart } from '../../src/domain/par/par-process';
import type { CaseActionRequest } from '../shared/case-actions';
import type { CaseClockState } from '../shared/case-clock';

/** `par:<district>:<id>`: the workflow id of one PAR intervention (two districts may use the same case number). */
export function parWorkflowId(district: string, id: string): string {
  return caseWorkflowId('par', district, id);
}

/** Who hears of the case besides the participant and representative: the panel's and HR's addresses. */
export interface ParContacts {
  readonly panel?: { readonly name: string; readonly email?: string | undefined } | undefined;
  readonly hr?: { readonly name: string; readonly email?: string | undefined } | undefined;
}

/** How an intervention opens: the domain's start, who opened it, and the program year it belongs to. */
export interface ParOpening {
  readonly start: InterventionStart;
  readonly openedBy: Actor;
  /** The program year (`par-program:<district>:<schoolYear>`) that holds the case's place (PAR-PRIORITY). */
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly contacts?: ParContacts | undefined;
  /**
   * Display names by login id: the program year's consulting teachers as its roster names them when the case opens,
   * so notices name people, never by their login id. Absent (cases opened before): notices fall back to the ids.
   */
  readonly people?: Readonly<Record<string, string>> | undefined;
  /** The calendars the API read before starting the case; the workflow loads them again and keeps the newer. */
  readonly calendars?: readonly DistrictCalendar[] | undefined;
}

/** The action log of runs before the case kernel (carried by their continue-as-new): read as CaseAction now. */
export interface ParLogEntry {
  readonly action: string;
  readonly by: string;
  readonly at: string;
  readonly on: string;
  readonly notes: readonly string[];
}

/** A signal to the program year and what came of it (a missing program year fails it: the case goes on). */
export interface ProgramLink {
  readonly signal: 'requestPlace' | 'releasePlace' | 'assignSeat' | 'placeOffered';
  readonly at: string;
  readonly failure?: string | undefined;
}

/** What one run hands to the next (continue-as-new at semester boundaries): the whole case. */
export interface ParCarried {
  readonly state: ParCase;
  readonly clock: CaseClockState;
  readonly notices: readonly NoticeRecord[];
  readonly remindersDone: readonly string[];
  /** The case kernel's common action log. */
  readonly actions?: readonly CaseAction[] | undefined;
  /** Runs before the case kernel carried this log instead. */
  readonly log?: readonly ParLogEntry[] | undefined;
  readonly program: readonly ProgramLink[];
  readonly placeRequested: boolean;
  readonly placedOn?: string | undefined;
  /** Runs before this one (1 for the first continuation). */
  readonly runs: number;
}

export interface ParInterventionInput {
  readonly opening: Omit<ParOpening, 'calendars'> & { readonly calendars?: ParOpening['calendars'] };
  readonly carried?: ParCarried | undefined;
}

/** The case as its workflow holds it (the API shows each viewer only their part, par-visibility.ts). */
export interface ParInterventionView {
  readonly workflowId: string;
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly case: ParCase;
  readonly clock: CaseClockView;
  readonly notices: readonly NoticeRecord[];
  /** The case kernel's common action log: who did what, when, under which rule (the timeline reads it). */
  readonly actions: readonly CaseAction[];
  readonly program: readonly ProgramLink[];
  readonly placedOn?: string | undefined;
  readonly run: number;
}

export const getParCaseQuery = defineQuery<ParInterventionView>('getParCase');

/** Any action on the intervention: validated against the PAR rules (par-process.ts) before it is accepted. */
export const parActionUpdate = defineUpdate<ParInterventionView, [CaseActionRequest<ParEvent>]>('parAction');
