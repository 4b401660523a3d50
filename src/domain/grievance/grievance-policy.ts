import { integer, isObject, objectOf as objectOfSettings, oneOf, text, unknownFields as unknownSettings, type Json, type PolicyProblem, type Report } from '../case/policy-validation';
import { countText } from '../notices/notice-wording';

/**
 * A district's grievance procedure (its labour agreement's article, per bargaining unit) as plain data checked by
 * hand (no zod: this module runs inside workflows), the way PAR reads its program policy (par-policy.ts). The rule
 * IDs stay those of RULES.md (GRV-FILE-40 is "the filing limit", GRV-APPEAL-5 "the appeal limit"); the numbers and
 * units are the contract's. A case pins the version in force when it was filed and keeps it (GRV-FILE-40 ...), unless
 * HR runs an explicit migration, which the case records with the old and new limits.
 */

/** Units a contract counts its limits in (RULES.md "Time units"). */
export type LimitUnit = 'school-day' | 'work-day' | 'calendar-day';
export const LIMIT_UNITS: readonly LimitUnit[] = ['school-day', 'work-day', 'calendar-day'];

/** "within `count` `unit`s". */
export interface Limit {
  readonly count: number;
  readonly unit: LimitUnit;
}

/**
 * GRV-CONF-5: a level's conference. `constrains` says what the limit bounds: the act of scheduling it (setting date
 * and time; the conference itself is held on the date set, the source's reading) or the conference itself (held by
 * the limit).
 */
export type ConferencePolicy =
  | { readonly allowed: false }
  | { readonly allowed: true; readonly limit: Limit; readonly constrains: 'scheduling' | 'holding' };

/** One level of the procedure, in order. */
export interface ProcedureLevel {
  /** GRV-DECIDE-10: who decides, as an office (`principal`, `board`) and as notices name it. */
  readonly decider: { readonly role: string; readonly title: string };
  readonly conference: ConferencePolicy;
  /**
   * GRV-DECIDE-10: the decision limit, counted from receipt at the level, or from the conference when one was
   * requested (`conference-or-receipt`, the source's reading), or from receipt always.
   */
  readonly decision: { readonly limit: Limit; readonly countsFrom: 'conference-or-receipt' | 'receipt' };
  /** GRV-APPEAL-5: the limit to appeal to the next level; absent on the last level. */
  readonly appeal?: Limit | undefined;
}

/**
 * GRV-FINAL: what ends the district's procedure. The last level's decision is final, or the grievant may demand
 * arbitration within a limit (the case then leaves the district's procedure, recorded as sent to arbitration).
 */
export type LastLevelPolicy = { readonly kind: 'final-decision' } | { readonly kind: 'arbitration-demand'; readonly limit: Limit };

export interface GrievancePolicy {
  /** Bumped at every change; a case records the version it runs under. */
  readonly version: number;
  /** The agreement it comes from, for people ("Teachers' agreement 2026-2029, Article 7"). */
  readonly title?: string | undefined;
  /**
   * The bargaining unit whose procedure it is (`default`: the district's), stamped when the district's procedure
   * workflow stores it; an HR migration reaches the running cases pinned to the unit's versions it names.
   */
  readonly unit?: string | undefined;
  /** GRV-FILE-40: the filing limit, counted from the day the teacher knew or should have known. */
  readonly filing: { readonly limit: Limit; readonly countsFrom: 'knew-on' };
  /** GRV-REP: how long the conference is delayed, once, when the representative is not available. */
  readonly representativeDelay: Limit;
  readonly levels: readonly ProcedureLevel[];
  readonly lastLevel: LastLevelPolicy;
  /**
   * GRV-CONF-5 [design]: when a requested conference was never scheduled in time, the decision counts from the
   * conference's deadline (default) or from receipt.
   */
  readonly conferenceNeverScheduled: 'from-conference-deadline' | 'from-receipt';
}

/** A procedure has 1 to 3 levels: the levels a decider token may name (the `levels` claim). */
export const MAX_LEVELS = 3;

const schoolDays = (count: number): Limit => ({ count, unit: 'school-day' });

/** RULES.md GRV-*: the procedure of seed 003, as every existing test and golden history reads it. */
export const DEFAULT_GRIEVANCE_POLICY: GrievancePolicy = {
  version: 1,
  title: 'RULES.md grievance procedure (seed 003)',
  filing: { limit: schoolDays(40), countsFrom: 'knew-on' },
  representativeDelay: { count: 1, unit: 'work-day' },
  levels: [
    { decider: { role: 'principal', title: 'the principal or other appropriate administrator' } },
    { decider: { role: 'chief-officer', title: 'the Chief Officer or designee' } },
    { decider: { role: 'superintendent', title: 'the superintendent or designee' } },
  ].map((level, i, all) => ({
    ...level,
    conference: { allowed: true, limit: schoolDays(5), constrains: 'scheduling' } as const,
    decision: { limit: schoolDays(10), countsFrom: 'conference-or-receipt' } as const,
    ...(i < all.length - 1 ? { appeal: schoolDays(5) } : {}),
  })),
  lastLevel: { kind: 'final-decision' },
  conferenceNeverScheduled: 'from-conference-deadline',
};

/**
 * The procedure of a case filed before procedures were data (no pinned policy): as the code then read it, the
 * conference itself had to be held within the 5 school days. Such cases keep running, and replaying, as they did.
 */
export const UNPINNED_GRIEVANCE_POLICY: GrievancePolicy = {
  ...DEFAULT_GRIEVANCE_POLICY,
  levels: DEFAULT_GRIEVANCE_POLICY.levels.map((level) => ({ ...level, conference: { allowed: true, limit: schoolDays(5), constrains: 'holding' } })),
};

/** "40 school days". */
export const limitText = (limit: Limit): string => countText(limit.count, limit.unit);

/** "40-school-day", "7-calendar-day": a limit as an adjective. */
export const limitAdjective = (limit: Limit): string => `${limit.count}-${limit.unit}`;

/** "5 more school days" (an extension's count in the unit of the limit it extends). */
// GRV-EXTEND notes: "1 more school day", "3 more school days" (the unit agrees with the count).
export const moreText = (count: number, unit: LimitUnit): string => countText(count, unit).replace(/^(\d+) /, '$1 more ');

/** The level's terms (1-based); undefined for a level the procedure does not have. */
export const levelOf = (policy: GrievancePolicy, level: number): ProcedureLevel | undefined => (level >= 1 ? policy.levels[level - 1] : undefined);

export const lastLevelOf = (policy: GrievancePolicy): number => policy.levels.length;

export type { PolicyProblem };

export type GrievancePolicyValidation = { readonly ok: true; readonly policy: GrievancePolicy } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

const unknownFields = (value: Json, known: readonly string[], at: string, problem: Report) => unknownSettings(value, known, at, problem, 'procedure');
const objectOf = <T>(value: unknown, field: string, known: readonly string[], problem: Report, read: (value: Json) => T | undefined) => objectOfSettings(value, field, known, problem, read, 'procedure');

/** Upper bounds of a limit, by unit: nothing a contract would set, enough to refuse a typo (400 school days). */
const MAX_COUNT: Readonly<Record<LimitUnit, number>> = { 'school-day': 180, 'work-day': 260, 'calendar-day': 365 };

/**
 * Checks a procedure as HR sends it. Every limit is required with its count and unit [design]: a district states
 * its contract on purpose. Unknown fields are refused, so a misspelt setting is never ignored.
 */
export function validateGrievancePolicy(input: unknown): GrievancePolicyValidation {
  const problems: PolicyProblem[] = [];
  const problem: Report = (field, message) => problems.push({ field, message });
  if (!isObject(input)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] };

  unknownFields(input, ['version', 'title', 'filing', 'representativeDelay', 'levels', 'lastLevel', 'conferenceNeverScheduled'], '', problem);
  const version = integer(input.version, '/version', 1, Number.MAX_SAFE_INTEGER, problem);
  const title = input.title === undefined ? undefined : text(input.title, '/title', 200, problem);
  const filing = objectOf(input.filing, '/filing', ['limit', 'countsFrom'], problem, (value) => {
    const limit = limitOf(value.limit, '/filing/limit', problem);
    const countsFrom = value.countsFrom === undefined ? 'knew-on' : oneOf(value.countsFrom, '/filing/countsFrom', ['knew-on'] as const, problem);
    return limit && countsFrom ? { limit, countsFrom } : undefined;
  });
  const representativeDelay = limitOf(input.representativeDelay, '/representativeDelay', problem);
  const levels = levelsOf(input.levels, problem);
  const lastLevel = objectOf(input.lastLevel, '/lastLevel', ['kind', 'limit'], problem, (value): LastLevelPolicy | undefined => {
    const kind = oneOf(value.kind, '/lastLevel/kind', ['final-decision', 'arbitration-demand'] as const, problem);
    if (kind === 'final-decision') {
      if (value.limit !== undefined) problem('/lastLevel/limit', 'a final decision has no limit after it');
      return { kind };
    }
    if (kind === 'arbitration-demand') {
      const limit = limitOf(value.limit, '/lastLevel/limit', problem);
      return limit ? { kind, limit } : undefined;
    }
    return undefined;
  });
  const conferenceNeverScheduled =
    input.conferenceNeverScheduled === undefined
      ? DEFAULT_GRIEVANCE_POLICY.conferenceNeverScheduled
      : oneOf(input.conferenceNeverScheduled, '/conferenceNeverScheduled', ['from-conference-deadline', 'from-receipt'] as const, problem);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    policy: { version: version!, ...(title ? { title } : {}), filing: filing!, representativeDelay: representativeDelay!, levels: levels!, lastLevel: lastLevel!, conferenceNeverScheduled: conferenceNeverScheduled! },
  };
}

function levelsOf(value: unknown, problem: Report): ProcedureLevel[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problem('/levels', `must list the procedure's levels in order (1 to ${MAX_LEVELS})`);
    return undefined;
  }
  if (value.length > MAX_LEVELS) {
    problem('/levels', `at most ${MAX_LEVELS} levels (a decider token names levels 1 to ${MAX_LEVELS})`);
    return undefined;
  }
  const levels = value.map((entry, i) => {
    const at = `/levels/${i}`;
    const last = i === value.length - 1;
    return objectOf(entry, at, ['decider', 'conference', 'decision', 'appeal'], problem, (level): ProcedureLevel | undefined => {
      const decider = objectOf(level.decider, `${at}/decider`, ['role', 'title'], problem, (d) => {
        const role = slug(d.role, `${at}/decider/role`, problem);
        const title = text(d.title, `${at}/decider/title`, 200, problem);
        return role && title ? { role, title } : undefined;
      });
      const conference = objectOf(level.conference, `${at}/conference`, ['allowed', 'limit', 'constrains'], problem, (c): ConferencePolicy | undefined => {
        if (typeof c.allowed !== 'boolean') {
          problem(`${at}/conference/allowed`, 'must be true or false');
          return undefined;
        }
        if (!c.allowed) {
          if (c.limit !== undefined) problem(`${at}/conference/limit`, 'a level without a conference has no conference limit');
          return { allowed: false };
        }
        const limit = limitOf(c.limit, `${at}/conference/limit`, problem);
        const constrains = c.constrains === undefined ? 'scheduling' : oneOf(c.constrains, `${at}/conference/constrains`, ['scheduling', 'holding'] as const, problem);
        return limit && constrains ? { allowed: true, limit, constrains } : undefined;
      });
      const decision = objectOf(level.decision, `${at}/decision`, ['limit', 'countsFrom'], problem, (d) => {
        const limit = limitOf(d.limit, `${at}/decision/limit`, problem);
        const countsFrom = d.countsFrom === undefined ? 'conference-or-receipt' : oneOf(d.countsFrom, `${at}/decision/countsFrom`, ['conference-or-receipt', 'receipt'] as const, problem);
        return limit && countsFrom ? { limit, countsFrom } : undefined;
      });
      let appeal: Limit | undefined;
      if (last && level.appeal !== undefined) problem(`${at}/appeal`, 'the last level has no appeal to a next level: set lastLevel instead');
      else if (!last) appeal = limitOf(level.appeal, `${at}/appeal`, problem);
      if (!decider || !conference || !decision || (!last && !appeal)) return undefined;
      return { decider, conference, decision, ...(appeal ? { appeal } : {}) };
    });
  });
  return levels.every((l) => l !== undefined) ? (levels as ProcedureLevel[]) : undefined;
}

function limitOf(value: unknown, field: string, problem: Report): Limit | undefined {
  return objectOf(value, field, ['count', 'unit'], problem, (l) => {
    const unit = oneOf(l.unit, `${field}/unit`, LIMIT_UNITS, problem);
    const count = integer(l.count, `${field}/count`, 1, unit ? MAX_COUNT[unit] : 365, problem);
    return unit && count !== undefined ? { count, unit } : undefined;
  });
}

function slug(value: unknown, field: string, problem: Report): string | undefined {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(value)) {
    problem(field, 'must be 1-40 lowercase letters, digits or "-", starting with a letter (principal, chief-officer, board)');
    return undefined;
  }
  return value;
}

/**
 * The rule a procedure field sets the terms of, for the problems that name it: the filing limit is GRV-FILE-40's,
 * a level's conference GRV-CONF-5's, and so on; the procedure as a whole (its version, its list of levels) is the
 * frame of the levels' decisions (GRV-DECIDE-10).
 */
export function ruleOfProcedureField(field: string): 'GRV-FILE-40' | 'GRV-REP' | 'GRV-CONF-5' | 'GRV-DECIDE-10' | 'GRV-APPEAL-5' | 'GRV-FINAL' {
  const path = field.replace(/^\/policy/, '');
  if (path.startsWith('/filing')) return 'GRV-FILE-40';
  if (path.startsWith('/representativeDelay')) return 'GRV-REP';
  if (path.startsWith('/lastLevel')) return 'GRV-FINAL';
  if (/^\/levels\/\d+\/conference/.test(path) || path.startsWith('/conferenceNeverScheduled')) return 'GRV-CONF-5';
  if (/^\/levels\/\d+\/appeal/.test(path)) return 'GRV-APPEAL-5';
  return 'GRV-DECIDE-10';
}
