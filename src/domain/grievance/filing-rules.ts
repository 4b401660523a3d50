import { CalendarNotLoadedError, computeDeadline, type CalendarDate, type DistrictCalendars, type RunningDeadline } from '../calendar';
import type { GrievanceFiling } from './grievance-case';
import { lastLevelOf, levelOf, limitAdjective, limitText, UNPINNED_GRIEVANCE_POLICY, type GrievancePolicy } from './grievance-policy';

/** Why a filing is refused: the rule, the field, and for a late filing the computed limit with its explanation. */
export interface FilingRefusal {
  readonly rule: string;
  readonly field: string;
  readonly message: string;
  readonly limit?: RunningDeadline | undefined;
}

/**
 * The checks a filing passes before a case opens (GRV-DEF, GRV-COLLECTIVE, GRV-CONF-5, GRV-FILE-40), under the
 * district's procedure in force (its levels, conferences and filing limit).
 */
export function filingRefusal(filing: GrievanceFiling, calendars: DistrictCalendars, today: CalendarDate, policy: GrievancePolicy = UNPINNED_GRIEVANCE_POLICY): FilingRefusal | undefined {
  if (filing.disputes.every((matter) => matter === 'evaluation-score')) {
    return {
      rule: 'GRV-DEF',
      field: '/disputes',
      message: 'evaluation scores (observation ratings, growth scores, other metrics) are not grievable; the evaluation process and procedures are',
    };
  }
  if (filing.level > 1 && filing.grievants.length < 2) {
    return { rule: 'GRV-COLLECTIVE', field: '/level', message: 'only a collective grievance (several grievants) may be filed above level 1' };
  }
  if (filing.level > lastLevelOf(policy)) {
    return { rule: 'GRV-COLLECTIVE', field: '/level', message: `the district's procedure (v${policy.version}) has ${lastLevelOf(policy)} levels` };
  }
  const level = levelOf(policy, filing.level);
  if (filing.conferenceRequested && level && !level.conference.allowed) {
    return { rule: 'GRV-CONF-5', field: '/conferenceRequested', message: `the district's procedure has no conference at level ${filing.level}` };
  }
  const receivedOn = filing.receivedOn ?? today;
  if (receivedOn > today) return { rule: 'CAL-3', field: '/receivedOn', message: `${receivedOn} is in the future` };
  if (receivedOn < filing.knewOn) return { rule: 'GRV-FILE-40', field: '/receivedOn', message: 'a grievance cannot be received before the act was known' };
  let limit;
  try {
    limit = computeDeadline(calendars, { rule: 'GRV-FILE-40', trigger: filing.knewOn, unit: policy.filing.limit.unit, count: policy.filing.limit.count });
  } catch (error) {
    if (!(error instanceof CalendarNotLoadedError)) throw error;
    return { rule: 'CAL-1', field: '/knewOn', message: `${error.message}` };
  }
  if (limit.state === 'running' && filing.level > 0 && receivedOn > limit.due) {
    return {
      rule: 'GRV-FILE-40',
      field: '/knewOn',
      message: `a grievance must be presented in writing within ${limitText(policy.filing.limit)} after ${filing.knewOn}, by ${limit.due}; received ${receivedOn}, it is waived`,
      limit,
    };
  }
  if (limit.state === 'running' && filing.level === 0 && receivedOn > limit.due) {
    return {
      rule: 'GRV-FILE-40',
      field: '/knewOn',
      message: `the ${limitAdjective(policy.filing.limit)} limit ended on ${limit.due}: the informal step does not stop it, and the grievance is waived`,
      limit,
    };
  }
  return undefined;
}
