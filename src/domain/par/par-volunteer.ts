import { addMonths, type CalendarDate } from '../calendar';
import type { ConsentAudience, ParAction, ParCase, ParTransition } from './par-case';
import { close, done } from './par-step';
import { conflict, ruleViolation } from './refusal';

/** What only a Volunteer does: end by written notice (PAR-VOL-TERM) and consent to sharing (PAR-VOL-CONF). */

/** PAR-VOL-TERM: a Volunteer ends by written notice; under a minimum term it takes effect when the minimum is reached. */
export function volunteerNotice(state: ParCase, receivedOn: CalendarDate, today: CalendarDate): ParTransition {
  if (state.participation.kind !== 'volunteer') return conflict('PAR-VOL-TERM', 'a Referred participant\'s PAR ends by the panel\'s report (PAR-OUTCOME), not by notice');
  if (state.participation.notice) return conflict('PAR-VOL-TERM', `notice was given on ${state.participation.notice.receivedOn}; it takes effect on ${state.participation.notice.effectiveOn}`);
  if (receivedOn > today) return ruleViolation('PAR-VOL-TERM', `${receivedOn} is in the future`);
  const minimum = state.policy.volunteerTerm.minimumMonths;
  const earliest = state.schedule && minimum > 0 ? addMonths(state.schedule.startsOn, minimum) : undefined;
  if (!earliest || receivedOn >= earliest) {
    return done(close(state, 'ended-by-notice', receivedOn, 'PAR-VOL-TERM'), `PAR-VOL-TERM: the volunteer ended participation by written notice of ${receivedOn}; the panel honors it`);
  }
  // [design] The notice is honored, not refused: it takes effect on the first day the policy allows.
  const participation = { ...state.participation, notice: { receivedOn, effectiveOn: earliest } };
  return done(
    { ...state, participation },
    `PAR-VOL-TERM: written notice of ${receivedOn} received; under the program's minimum of ${minimum} months it takes effect on ${earliest}`,
  );
}

/** PAR-VOL-CONF: the Volunteer's written consent to show the confidential record to the panel, principal or evaluator. */
export function consent(state: ParCase, event: Extract<ParAction, { type: 'give-consent' | 'revoke-consent' }>, today: CalendarDate): ParTransition {
  if (state.participation.kind !== 'volunteer') return conflict('PAR-VOL-CONF', 'consent applies to a Volunteer\'s confidential assistance');
  const audiences = [...new Set(event.to)];
  if (audiences.length === 0) return ruleViolation('PAR-VOL-CONF', 'name who the consent is for: panel, principal or evaluator');
  const consents = state.participation.consents;
  const active = (to: ConsentAudience) => consents.some((c) => c.to === to && !c.revokedOn);
  if (event.type === 'give-consent') {
    const signedOn = event.signedOn ?? today;
    if (signedOn > today) return ruleViolation('PAR-VOL-CONF', `${signedOn} is in the future`);
    const added = audiences.filter((to) => !active(to)).map((to) => ({ to, signedOn }));
    if (added.length === 0) return conflict('PAR-VOL-CONF', 'that consent is already given');
    const participation = { ...state.participation, consents: [...consents, ...added] };
    return done({ ...state, participation }, `PAR-VOL-CONF: written consent of ${signedOn} to share with the ${added.map((c) => c.to).join(', ')}`);
  }
  if (!audiences.some(active)) return conflict('PAR-VOL-CONF', 'no such consent is in force');
  const participation = { ...state.participation, consents: consents.map((c) => (audiences.includes(c.to) && !c.revokedOn ? { ...c, revokedOn: today } : c)) };
  return done({ ...state, participation }, `PAR-VOL-CONF: consent for the ${audiences.join(', ')} revoked`);
}
