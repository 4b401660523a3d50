import type { Actor } from '../actor';
import { DistrictCalendars, endOfDay, zonedInstant, type CalendarDate, type DistrictCalendar } from '../calendar';
import type { NoticeRecord } from '../notices/notice';
import { DEFAULT_PAR_POLICY, validateParPolicy, type ParPolicy, type PolicyProblem } from './par-policy';
import {
  GROUP_NAMES,
  capacity,
  waitingList,
  waitingPosition,
  type Capacity,
  type ConsultingTeacherSeat,
  type Placement,
  type PlaceRequest,
  type PriorityGroup,
  type ProgramRoster,
} from './program-roster';
import { referralWindow, refusalOutsideWindow, volunteerWindows, type ProgramWindow } from './program-windows';
import type { ParRefusal } from './refusal';

/**
 * One school year of a district's PAR program as its entity workflow keeps it (`par-program:<district>:<year>`):
 * the policy it runs under, the roster of consulting-teacher places (PAR-PRIORITY), the windows of the year
 * (PAR-SPRING-WINDOW, PAR-VOL-WINDOW) computed on the district calendar, and the log of what changed. Pure data and
 * functions: the workflow owns the state, the API reads the view.
 */

/** Who at HR hears of the program's windows and placements. */
export interface ProgramContact {
  readonly name: string;
  readonly email?: string | undefined;
}

/** What HR sends to configure a program year (`PUT /v1/par/programs/:district/:schoolYear`). */
export interface ProgramSettings {
  readonly consultingTeachers: readonly ConsultingTeacherSeat[];
  readonly volunteerMaximum: number;
  /** [design] Group III participants in a group setting sharing one place; default 4. */
  readonly groupSettingSize?: number | undefined;
  /** The district's PAR policy, checked by `validateParPolicy`; left out: the year's current policy stays. */
  readonly policy?: unknown;
  readonly notify?: readonly ProgramContact[] | undefined;
}

/** One configuration of the year, kept as its change log. */
export interface ProgramConfiguration {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly policyVersion: number;
  readonly summary: string;
}

/** Something that happened on the roster (a request, a placement, a release, a seat, a signal the roster refused). */
export interface RosterEvent {
  readonly at: string;
  readonly type: 'requested' | 'placed' | 'released' | 'seat-assigned' | 'refused' | 'offer-undelivered';
  readonly caseId: string;
  /** The case's priority group: PAR-VOL-CONF hides Group II entries from those who may not know of volunteers. */
  readonly group?: PriorityGroup | undefined;
  readonly detail: string;
}

/** A placement whose case has not yet been told (`placeOfferedSignal`). */
export interface PendingOffer {
  readonly caseId: string;
  readonly workflowId: string;
  readonly placedOn: CalendarDate;
  readonly group: PriorityGroup;
}

export interface ProgramYearState {
  readonly district: string;
  readonly schoolYear: string;
  readonly configured: boolean;
  readonly policy: ParPolicy;
  readonly roster: ProgramRoster;
  readonly notify: readonly ProgramContact[];
  readonly calendar?: DistrictCalendar | undefined;
  readonly configurations: readonly ProgramConfiguration[];
  readonly events: readonly RosterEvent[];
  /** caseId → the workflow that asked, to answer with `placeOfferedSignal`. */
  readonly caseWorkflows: Readonly<Record<string, string>>;
  readonly pendingOffers: readonly PendingOffer[];
  /** Delivery ids of the window notices already sent (or passed over): each goes out once. */
  readonly windowNotices: readonly string[];
  /** Notice deliveries of earlier runs (continue-as-new). */
  readonly notices: readonly NoticeRecord[];
  /** Set once the school year has ended and the workflow continued as new for the year after it. */
  readonly yearEnded?: boolean | undefined;
}

export const DEFAULT_GROUP_SETTING_SIZE = 4;

/** The occasion of a placement notice in its delivery id: `<workflowId>:place-offered:<caseId>:<placedOn>`. */
export const PLACE_OFFERED = 'place-offered';

export function initialProgramState(district: string, schoolYear: string): ProgramYearState {
  return {
    district,
    schoolYear,
    configured: false,
    policy: DEFAULT_PAR_POLICY,
    roster: { schoolYear, consultingTeachers: [], volunteerMaximum: 0, groupSettingSize: DEFAULT_GROUP_SETTING_SIZE, placements: [], waiting: [] },
    notify: [],
    configurations: [],
    events: [],
    caseWorkflows: {},
    pendingOffers: [],
    windowNotices: [],
    notices: [],
  };
}

/** A reason a configuration is refused: the field (JSON pointer into the request body), what is wrong, the rule. */
export interface SetupProblem extends PolicyProblem {
  readonly rule?: string | undefined;
}

/** The rule each policy setting carries out, named in a refusal. */
const POLICY_RULES: readonly (readonly [prefix: string, rule: string])[] = [
  ['/referralEligibility', 'PAR-REF-ELIG'],
  ['/referralWindow', 'PAR-SPRING-WINDOW'],
  ['/volunteerWindows', 'PAR-VOL-WINDOW'],
  ['/volunteerTerm', 'PAR-VOL-TERM'],
  ['/volunteerRecords', 'PAR-VOL-CONF'],
  ['/panelQuorum', 'PAR-VOL-ELIG'],
  ['/timing/assignmentWorkDays', 'PAR-CT-SELECT-10'],
  ['/timing/ipgSchoolDays', 'PAR-IPG'],
  ['/timing/semesterReviewWorkDays', 'PAR-SEMESTER'],
  ['/timing/finalResponseWorkDays', 'PAR-FINAL-CONF'],
  ['/timing/outcomeWorkDays', 'PAR-OUTCOME'],
];

function policyRule(field: string): string | undefined {
  return POLICY_RULES.find(([prefix]) => field === prefix || field.startsWith(`${prefix}/`))?.[1];
}

const MAX_CASELOAD = 30;

/**
 * Checks a configuration against the year as it stands: the policy (validateParPolicy; a changed policy needs a
 * higher version, so each case can name the one it runs under), and capacity sanity (PAR-PRIORITY): consulting
 * teachers listed once with a caseload of 0 to 30, none dropped while serving a participant, and a volunteer
 * maximum not below the Volunteers already admitted this year.
 */
export function setupProblems(state: ProgramYearState, settings: ProgramSettings): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (settings.policy !== undefined) {
    const checked = validateParPolicy(settings.policy);
    if (!checked.ok) {
      for (const p of checked.problems) problems.push({ field: `/policy${p.field}`, message: p.message, rule: policyRule(p.field) });
    } else if (state.configured && checked.policy.version <= state.policy.version && JSON.stringify(checked.policy) !== JSON.stringify(state.policy)) {
      problems.push({ field: '/policy/version', message: `must be greater than ${state.policy.version}: the policy changed, and each case keeps the version it runs under` });
    }
  }
  const seen = new Set<string>();
  settings.consultingTeachers.forEach((ct, i) => {
    if (seen.has(ct.id)) problems.push({ field: `/consultingTeachers/${i}/id`, message: `${ct.id} is listed twice`, rule: 'PAR-PRIORITY' });
    seen.add(ct.id);
    if (!Number.isInteger(ct.caseload) || ct.caseload < 0 || ct.caseload > MAX_CASELOAD) {
      problems.push({ field: `/consultingTeachers/${i}/caseload`, message: `must be a whole number from 0 to ${MAX_CASELOAD}`, rule: 'PAR-PRIORITY' });
    }
  });
  for (const placement of state.roster.placements) {
    if (placement.endedOn !== undefined || placement.consultingTeacher === undefined || seen.has(placement.consultingTeacher)) continue;
    problems.push({
      field: '/consultingTeachers',
      message: `${placement.consultingTeacher} still serves case ${placement.caseId}: the panel reassigns it first (PAR-REASSIGN)`,
      rule: 'PAR-REASSIGN',
    });
  }
  const admitted = state.roster.placements.filter((p) => p.group === 2).length;
  if (!Number.isInteger(settings.volunteerMaximum) || settings.volunteerMaximum < 0) {
    problems.push({ field: '/volunteerMaximum', message: 'must be a whole number, 0 or more', rule: 'PAR-PRIORITY' });
  } else if (settings.volunteerMaximum < admitted) {
    problems.push({ field: '/volunteerMaximum', message: `must not be below the ${admitted} Volunteer(s) already admitted in ${state.schoolYear}`, rule: 'PAR-PRIORITY' });
  }
  return problems;
}

/** Applies a configuration that `setupProblems` accepted; the places freed (more capacity) go down the waiting list. */
export function configure(state: ProgramYearState, settings: ProgramSettings, by: Actor, at: string): ProgramYearState {
  const checked = settings.policy === undefined ? undefined : validateParPolicy(settings.policy);
  const policy = checked?.ok ? checked.policy : state.policy;
  const roster: ProgramRoster = {
    ...state.roster,
    consultingTeachers: settings.consultingTeachers.map((ct) => ({ id: ct.id, ...(ct.name ? { name: ct.name } : {}), caseload: ct.caseload })),
    volunteerMaximum: settings.volunteerMaximum,
    groupSettingSize: settings.groupSettingSize ?? state.roster.groupSettingSize,
  };
  const places = capacity(roster).places;
  const configuration: ProgramConfiguration = {
    version: state.configurations.length + 1,
    at,
    by,
    policyVersion: policy.version,
    summary: `${roster.consultingTeachers.length} consulting teacher(s), ${places} place(s), at most ${roster.volunteerMaximum} Volunteer(s); policy v${policy.version}`,
  };
  return {
    ...state,
    configured: true,
    policy,
    roster,
    notify: settings.notify ?? state.notify,
    configurations: [...state.configurations, configuration],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Windows

export type WindowKind = 'referral' | 'volunteer';

export interface WindowView extends ProgramWindow {
  readonly kind: WindowKind;
  /** The instants the window opens (00:00 local on `opens`) and closes (23:59:59 local on `closes`). */
  readonly opensAt: string;
  readonly closesAt: string;
  readonly state: 'upcoming' | 'open' | 'closed';
}

export interface ProgramWindows {
  /** The calendar version the windows are counted on, or why there are none yet. */
  readonly calendarVersion?: number | undefined;
  readonly waitingFor?: string | undefined;
  readonly referral?: WindowView | undefined;
  readonly volunteer: readonly WindowView[];
}

/** PAR-SPRING-WINDOW and PAR-VOL-WINDOW of the program year, on its district calendar, as they stand at `nowMs`. */
export function programWindows(state: Pick<ProgramYearState, 'district' | 'schoolYear' | 'policy' | 'calendar'>, nowMs: number): ProgramWindows {
  const { calendar } = state;
  if (!calendar) return { waitingFor: `the ${state.schoolYear} calendar of ${state.district} is not published`, volunteer: [] };
  const calendars = new DistrictCalendars(state.district, [calendar]);
  const view = (kind: WindowKind, w: ProgramWindow): WindowView => {
    const opensAt = zonedInstant(w.opens, { hour: 0, minute: 0, second: 0 }, calendar.timeZone).getTime();
    const closesAt = endOfDay(w.closes, calendar.timeZone).getTime();
    const status = nowMs < opensAt ? 'upcoming' : nowMs <= closesAt ? 'open' : 'closed';
    return { ...w, kind, opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString(), state: status };
  };
  try {
    return {
      calendarVersion: calendar.version ?? 1,
      referral: view('referral', referralWindow(calendars, state.schoolYear, state.policy.referralWindow)),
      volunteer: volunteerWindows(calendars, state.schoolYear, state.policy.volunteerWindows).map((w) => view('volunteer', w)),
    };
  } catch (error) {
    // A count past the published calendar (a May-1 notice that runs into the next year's calendar) waits for it.
    if (error instanceof Error) return { calendarVersion: calendar.version ?? 1, waitingFor: error.message, volunteer: [] };
    throw error;
  }
}

/**
 * PAR-SPRING-WINDOW / PAR-VOL-WINDOW: the refusal of a referral or a volunteer application made on `date` outside
 * the program year's window(s), naming every window's dates (the API answers 422); undefined inside one. A year
 * whose windows are not known yet (no calendar) refuses too, saying why.
 */
export function programWindowRefusal(program: Pick<ParProgramView, 'windows'>, kind: WindowKind, date: CalendarDate): ParRefusal | undefined {
  const windows = kind === 'referral' ? (program.windows.referral ? [program.windows.referral] : []) : program.windows.volunteer;
  if (windows.length > 0) return refusalOutsideWindow(date, windows);
  const rule = kind === 'referral' ? 'PAR-SPRING-WINDOW' : 'PAR-VOL-WINDOW';
  return { ok: false, kind: 'rule', rule, message: `the program's ${kind} window is not known yet: ${program.windows.waitingFor ?? 'no window is set'}` };
}

// ---------------------------------------------------------------------------------------------------------------
// The view

export interface PlacementView extends Placement {
  readonly groupName: string;
}

export interface WaitingView extends PlaceRequest {
  readonly groupName: string;
  readonly position: number;
  readonly reason: string;
}

export interface ParProgramView {
  readonly district: string;
  readonly schoolYear: string;
  readonly workflowId: string;
  readonly configured: boolean;
  readonly policy: ParPolicy;
  readonly consultingTeachers: readonly (ConsultingTeacherSeat & { readonly assigned: number })[];
  readonly volunteerMaximum: number;
  readonly groupSettingSize: number;
  readonly capacity: Capacity;
  readonly roster: readonly PlacementView[];
  readonly waiting: readonly WaitingView[];
  /** PAR-VOL-CONF: how many Volunteers hold, held or wait for a place (all a role that may not know them sees). */
  readonly volunteers: { readonly placed: number; readonly active: number; readonly waiting: number };
  /** True when Volunteers were left out of this view (PAR-VOL-CONF). */
  readonly volunteersHidden: boolean;
  readonly windows: ProgramWindows;
  readonly notify: readonly ProgramContact[];
  readonly configurations: readonly ProgramConfiguration[];
  readonly events: readonly RosterEvent[];
  readonly notices: readonly NoticeRecord[];
}

export function programView(state: ProgramYearState, workflowId: string, nowMs: number, notices: readonly NoticeRecord[]): ParProgramView {
  const { roster } = state;
  const activePlacements = roster.placements.filter((p) => p.endedOn === undefined);
  return {
    district: state.district,
    schoolYear: state.schoolYear,
    workflowId,
    configured: state.configured,
    policy: state.policy,
    consultingTeachers: roster.consultingTeachers.map((ct) => ({ ...ct, assigned: activePlacements.filter((p) => p.consultingTeacher === ct.id).length })),
    volunteerMaximum: roster.volunteerMaximum,
    groupSettingSize: roster.groupSettingSize,
    capacity: capacity(roster),
    roster: roster.placements.map((p) => ({ ...p, groupName: GROUP_NAMES[p.group] })),
    waiting: waitingList(roster).map((w) => ({ ...w, groupName: GROUP_NAMES[w.group], ...waitingPosition(roster, w.caseId)! })),
    volunteers: {
      placed: roster.placements.filter((p) => p.group === 2).length,
      active: activePlacements.filter((p) => p.group === 2).length,
      waiting: roster.waiting.filter((w) => w.group === 2).length,
    },
    volunteersHidden: false,
    windows: programWindows(state, nowMs),
    notify: state.notify,
    configurations: state.configurations,
    events: state.events,
    notices: [...state.notices, ...notices],
  };
}

/**
 * PAR-VOL-CONF: the program as a role that may not know who volunteers sees it (auditors): every Volunteer's entry
 * on the roster, the waiting list, the log and the notices is left out; the counts stay.
 */
export function withoutVolunteers(view: ParProgramView): ParProgramView {
  const volunteerCases = new Set([...view.roster, ...view.waiting, ...view.events].filter((e) => e.group === 2).map((e) => e.caseId));
  const aboutVolunteer = (deliveryId: string) => [...volunteerCases].some((caseId) => deliveryId.includes(`:${PLACE_OFFERED}:${caseId}:`));
  return {
    ...view,
    volunteersHidden: true,
    roster: view.roster.filter((p) => p.group !== 2),
    waiting: view.waiting.filter((w) => w.group !== 2),
    events: view.events.filter((e) => e.group !== 2 && !volunteerCases.has(e.caseId)),
    notices: view.notices.filter((n) => !aboutVolunteer(n.deliveryId)),
  };
}
