import type { Actor } from '../../../src/domain/actor';
import { computeDeadline, DistrictCalendars, type DeadlineSpec, type DistrictCalendar } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import type { NoticeContext } from '../../../src/domain/grievance/grievance-notices';
import { pendingDeadlines, type DeadlineKey, type GrievanceProcess } from '../../../src/domain/grievance/grievance-process';

/**
 * A grievance of Lakeview Unified as notices see it, with its clock's deadlines computed by the real deadline engine
 * on a calendar written out by hand (so every date in the expected texts can be checked on paper): school from
 * August 24, 2026, Veterans Day on Wednesday November 11, Thanksgiving break November 25 to 27.
 */
export const lakeview2026: DistrictCalendar = {
  district: 'lakeview',
  schoolYear: '2026-2027',
  timeZone: 'America/Chicago',
  firstInstructionalDay: '2026-08-24',
  lastInstructionalDay: '2027-06-04',
  semesters: [
    { name: 'Fall 2026', start: '2026-08-24', end: '2027-01-15' },
    { name: 'Spring 2027', start: '2027-01-19', end: '2027-06-04' },
  ],
  events: [
    { id: 'veterans', kind: 'holiday', name: 'Veterans Day', start: '2026-11-11' },
    { id: 'thanksgiving', kind: 'break', name: 'Thanksgiving break', start: '2026-11-25', end: '2026-11-27' },
    { id: 'winter', kind: 'break', name: 'Winter break', start: '2026-12-21', end: '2027-01-01' },
  ],
  version: 1,
};

export const calendars = new DistrictCalendars('lakeview', [lakeview2026]);

const person = (id: string, ...roles: Actor['roles'][number][]): Actor => ({ id, roles, district: 'lakeview' });
export const hrClerk = person('hr-clerk-1', 'hr');
export const principal: Actor = { ...person('principal-lincoln', 'decider'), levels: [1] };
export const superintendent: Actor = { ...person('supt-office', 'decider'), levels: [3] };
export const minh = person('minh.nguyen', 'participant');
export const system: Actor = { id: 'system:deadline', roles: [], district: 'lakeview' };

export const file: GrievanceCaseFile = {
  caseType: 'grievance',
  id: 'G-2026-014',
  district: 'lakeview',
  filing: {
    id: 'G-2026-014',
    grievants: [{ name: 'Nguyễn Thị Minh', subject: 'minh.nguyen', position: 'Grade 3 teacher', email: 'minh@example.org', postalAddress: ['12 Elm St', 'Lakeview, MN 55001'] }],
    school: 'Lincoln Elementary',
    statement: 'No post-observation conference was held after the October 2 observation.',
    policyProvisions: ['Evaluation handbook 4.2'],
    correctiveAction: 'Hold the conference.',
    knewOn: '2026-10-20',
    signedBy: 'Nguyễn Thị Minh',
    level: 1,
    conferenceRequested: false,
    receivedOn: '2026-10-27',
    disputes: ['evaluation-procedure'],
    contacts: [
      { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-lincoln', email: 'principal@lincoln.example.org' },
      { name: 'Chris Chief', role: 'decider', level: 2, email: 'chief@lakeview.example.org' },
      { name: 'Robin Rep', role: 'representative', email: 'rep@union.example.org' },
    ],
  },
  filedBy: hrClerk,
  filedAt: '2026-10-27T15:00:00.000Z',
};

/** Level 1 awaiting its decision: received Tuesday October 27, due 10 school days later (GRV-DECIDE-10). */
export const awaitingDecision: GrievanceProcess = { status: 'awaiting-decision', level: 1, knewOn: '2026-10-20', receivedOn: '2026-10-27', conferenceRequested: false, decisions: [], extensions: [] };

/** Decided (denied) on Tuesday November 10 at level 1: the appeal window runs (GRV-APPEAL-5). */
export const appealWindow: GrievanceProcess = {
  ...awaitingDecision,
  status: 'appeal-window',
  decisions: [{ level: 1, outcome: 'denied', text: 'The handbook timeline was followed.', on: '2026-11-10', by: principal }],
};

/** The clock's deadline of a process's stage as the case kernel keeps it, computed on the Lakeview calendar. */
export function clockDeadline(process: GrievanceProcess, deadline: DeadlineKey, status: CaseDeadline['status'] = 'pending'): CaseDeadline {
  const { label, ...spec } = pendingDeadlines(process)[deadline]!;
  return clocked(`${process.level}:${deadline}`, label, spec, status);
}

export function clocked(key: string, label: string, spec: DeadlineSpec, status: CaseDeadline['status'] = 'pending'): CaseDeadline {
  return { key, label, spec, status, current: computeDeadline(calendars, spec), changes: [] };
}

/** The notice context of a grievance whose clock holds `deadlines`, on `today`. */
export function contextOf(process: GrievanceProcess, today: string, deadlines: readonly CaseDeadline[]): NoticeContext {
  return {
    grievance: file,
    process,
    workflowId: 'grievance:lakeview:G-2026-014',
    today,
    deadlines,
    deadlineOf: (deadline, level) => deadlines.find((d) => d.key === `${level}:${deadline}`),
  };
}
