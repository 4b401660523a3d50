import type { CalendarDate, DistrictCalendars } from '../calendar';
import { referralEligibility, volunteerEligibility, type Eligibility, type FinalEvaluation, type Teacher } from './eligibility';
import type { ParPolicy } from './par-policy';
import { referralRefusal, volunteerApplicationRefusal } from './program-windows';
import { ruleViolation, type ParRefusal } from './refusal';

/** What refuses a case before it opens (422 at the API edge), so startIntervention only ever gets admissible cases. */
function notEligible(eligibility: Eligibility): ParRefusal | undefined {
  return eligibility.eligible ? undefined : ruleViolation(eligibility.rule, eligibility.reasons.join('; '));
}

/** PAR-REF-ELIG, then PAR-SPRING-WINDOW, under the district's policy. */
export function referralAdmission(teacher: Teacher, evaluation: FinalEvaluation, referredOn: CalendarDate, calendars: DistrictCalendars, policy: ParPolicy): ParRefusal | undefined {
  return notEligible(referralEligibility(teacher, evaluation, policy.referralEligibility)) ?? referralRefusal(calendars, referredOn, policy);
}

/** PAR-VOL-ELIG, then PAR-VOL-WINDOW. */
export function volunteerAdmission(teacher: Teacher, appliedOn: CalendarDate, calendars: DistrictCalendars, policy: ParPolicy, hasOpenCase = false): ParRefusal | undefined {
  return notEligible(volunteerEligibility(teacher, hasOpenCase)) ?? volunteerApplicationRefusal(calendars, appliedOn, policy);
}
