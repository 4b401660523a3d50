import type { CalendarDate } from '../calendar';
import { conflict, ruleViolation, type ParRefusal } from './refusal';

/**
 * One school year of the PAR program's consulting-teacher capacity (PAR-PRIORITY, PAR-VOL-ELIG): who holds a
 * place, who waits, and who gets a place that frees. Pure data and functions; the program's workflow keeps it.
 */

/** PAR-PRIORITY: I Referred, II Volunteers (up to the panel's yearly maximum), III non-permanent new teachers. */
export type PriorityGroup = 1 | 2 | 3;

export const GROUP_NAMES: Record<PriorityGroup, string> = {
  1: 'Group I (Referred)',
  2: 'Group II (Volunteers)',
  3: 'Group III (new teachers)',
};

export interface ConsultingTeacherSeat {
  readonly id: string;
  readonly name?: string | undefined;
  /** How many participants (places) this consulting teacher can serve at once. */
  readonly caseload: number;
}

/** A case asking for a place: its group, and since when it asks (the order within a group). */
export interface PlaceRequest {
  readonly caseId: string;
  readonly group: PriorityGroup;
  readonly since: CalendarDate;
  /** Group III only: served in a group setting, sharing one place with others (PAR-PRIORITY). */
  readonly groupSetting?: boolean | undefined;
}

export interface Placement extends PlaceRequest {
  readonly placedOn: CalendarDate;
  readonly consultingTeacher?: string | undefined;
  /** Set when the participant leaves the program: the place is free again. */
  readonly endedOn?: CalendarDate | undefined;
}

export interface ProgramRoster {
  readonly schoolYear: string;
  readonly consultingTeachers: readonly ConsultingTeacherSeat[];
  /** PAR-PRIORITY: the most Volunteers the panel will serve this year (admitted ones count even after they end). */
  readonly volunteerMaximum: number;
  /** [design] How many Group III participants in a group setting share one place. */
  readonly groupSettingSize: number;
  readonly placements: readonly Placement[];
  readonly waiting: readonly PlaceRequest[];
}

export interface Capacity {
  readonly places: number;
  readonly used: number;
  readonly free: number;
  /** Places used beyond capacity: Referred participants are served even then, and the panel must add capacity. */
  readonly overBy: number;
}

export type RosterChange = { readonly ok: true; readonly roster: ProgramRoster; readonly placed: readonly Placement[]; readonly notes: readonly string[] } | ParRefusal;

const active = (p: Placement) => p.endedOn === undefined;

/** Places a set of placements takes: one each, except Group III in a group setting, who share places. */
function placesTaken(placements: readonly Placement[], groupSettingSize: number): number {
  const grouped = placements.filter((p) => p.group === 3 && p.groupSetting).length;
  return placements.length - grouped + Math.ceil(grouped / groupSettingSize);
}

export function capacity(roster: ProgramRoster): Capacity {
  const places = roster.consultingTeachers.reduce((sum, ct) => sum + ct.caseload, 0);
  const used = placesTaken(roster.placements.filter(active), roster.groupSettingSize);
  return { places, used, free: Math.max(0, places - used), overBy: Math.max(0, used - places) };
}

/** PAR-PRIORITY: the waiting list in the order places are given: group, then who asked first, then case id. */
export function waitingList(roster: ProgramRoster): PlaceRequest[] {
  return [...roster.waiting].sort((a, b) => a.group - b.group || a.since.localeCompare(b.since) || a.caseId.localeCompare(b.caseId));
}

/** Consulting teachers with room for one more participant: the list the acceptance notice sends (PAR-ACCEPT-NOTICE). */
export function availableConsultingTeachers(roster: ProgramRoster): ConsultingTeacherSeat[] {
  return roster.consultingTeachers.filter((ct) => loadOf(roster, ct.id) < ct.caseload);
}

function loadOf(roster: ProgramRoster, consultingTeacher: string): number {
  return placesTaken(
    roster.placements.filter((p) => active(p) && p.consultingTeacher === consultingTeacher),
    roster.groupSettingSize,
  );
}

/** Why a waiting request cannot take a place now, or undefined when it can. Group I never waits for capacity. */
function blocker(roster: ProgramRoster, request: PlaceRequest): string | undefined {
  if (request.group === 1) return undefined;
  if (request.group === 2 && roster.placements.filter((p) => p.group === 2).length >= roster.volunteerMaximum) {
    return `the panel's maximum of ${roster.volunteerMaximum} Volunteers for ${roster.schoolYear} is reached`;
  }
  const withGroup = placesTaken([...roster.placements.filter(active), { ...request, placedOn: request.since }], roster.groupSettingSize);
  const { places } = capacity(roster);
  return withGroup > places ? `no consulting-teacher place is free (${places} places in use)` : undefined;
}

/**
 * PAR-PRIORITY / PAR-VOL-ELIG: a case asks for a place. It joins the waiting list, and free places then go down
 * the list in priority order. A Referred participant (Group I) is placed at once, beyond capacity if need be
 * ("with the exception of Group I, participation is based on the availability of consulting teachers").
 */
export function requestPlace(roster: ProgramRoster, request: PlaceRequest, on: CalendarDate): RosterChange {
  if (roster.placements.some((p) => p.caseId === request.caseId && active(p)) || roster.waiting.some((w) => w.caseId === request.caseId)) {
    return conflict('PAR-PRIORITY', `case ${request.caseId} already holds or waits for a place`);
  }
  if (request.groupSetting && request.group !== 3) return ruleViolation('PAR-PRIORITY', 'only Group III participants are served in a group setting');
  return fill({ ...roster, waiting: [...roster.waiting, request] }, on);
}

/** A participant leaves (ends, withdraws, separates): the place frees and goes to the next one who can take it. */
export function releasePlace(roster: ProgramRoster, caseId: string, on: CalendarDate): RosterChange {
  if (roster.waiting.some((w) => w.caseId === caseId)) {
    return { ok: true, roster: { ...roster, waiting: roster.waiting.filter((w) => w.caseId !== caseId) }, placed: [], notes: [`PAR-PRIORITY: case ${caseId} left the waiting list`] };
  }
  if (!roster.placements.some((p) => p.caseId === caseId && active(p))) return conflict('PAR-PRIORITY', `case ${caseId} holds no place`);
  const placements = roster.placements.map((p) => (p.caseId === caseId && active(p) ? { ...p, endedOn: on } : p));
  const result = fill({ ...roster, placements }, on);
  return result.ok ? { ...result, notes: [`PAR-PRIORITY: case ${caseId} freed its place on ${on}`, ...result.notes] } : result;
}

/** Capacity grew (a consulting teacher added, a caseload or the volunteer maximum raised): places go down the waiting list. */
export function refillPlaces(roster: ProgramRoster, on: CalendarDate): RosterChange {
  return fill(roster, on);
}

/** Gives places down the waiting list in priority order; a request that cannot take one (e.g. over the yearly maximum) lets the next try. */
function fill(roster: ProgramRoster, on: CalendarDate): RosterChange {
  let current = roster;
  const placed: Placement[] = [];
  const notes: string[] = [];
  for (const request of waitingList(roster)) {
    if (blocker(current, request) !== undefined) continue;
    const placement: Placement = { ...request, placedOn: on };
    current = { ...current, waiting: current.waiting.filter((w) => w.caseId !== request.caseId), placements: [...current.placements, placement] };
    placed.push(placement);
    notes.push(`PAR-PRIORITY: ${GROUP_NAMES[request.group]} case ${request.caseId} placed on ${on}`);
  }
  const { overBy } = capacity(current);
  if (overBy > 0) notes.push(`PAR-PRIORITY: ${overBy} place(s) over capacity for Referred participants: the panel must add consulting-teacher capacity`);
  return { ok: true, roster: current, placed, notes };
}

/** Where a waiting case stands (1 = next), and why it waits; undefined when it does not wait. */
export function waitingPosition(roster: ProgramRoster, caseId: string): { readonly position: number; readonly reason: string } | undefined {
  const list = waitingList(roster);
  const index = list.findIndex((w) => w.caseId === caseId);
  if (index < 0) return undefined;
  return { position: index + 1, reason: blocker(roster, list[index]!) ?? 'others come first' };
}

/**
 * PAR-CT-SELECT-10: records the consulting teacher the panel assigned to a placed case (a reassignment moves the
 * place, PAR-REASSIGN). A consulting teacher at their caseload is refused, except for a Referred participant, who
 * is served anyway with a note to the panel.
 */
export function assignSeat(roster: ProgramRoster, caseId: string, consultingTeacher: string): RosterChange {
  const placement = roster.placements.find((p) => p.caseId === caseId && active(p));
  if (!placement) return conflict('PAR-CT-SELECT-10', `case ${caseId} holds no place`);
  const seat = roster.consultingTeachers.find((ct) => ct.id === consultingTeacher);
  if (!seat) return ruleViolation('PAR-CT-SELECT-10', `${consultingTeacher} is not a consulting teacher of the ${roster.schoolYear} program`);
  const without = { ...roster, placements: roster.placements.map((p) => (p === placement ? { ...p, consultingTeacher: undefined } : p)) };
  const notes: string[] = [];
  if (loadOf(without, consultingTeacher) >= seat.caseload) {
    if (placement.group !== 1) return ruleViolation('PAR-PRIORITY', `${consultingTeacher} already serves a full caseload of ${seat.caseload}`);
    notes.push(`PAR-PRIORITY: ${consultingTeacher} serves this Referred participant beyond a caseload of ${seat.caseload}`);
  }
  const placements = roster.placements.map((p) => (p === placement ? { ...p, consultingTeacher } : p));
  return { ok: true, roster: { ...roster, placements }, placed: [], notes };
}
