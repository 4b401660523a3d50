/**
 * Why a PAR action is refused: the case kernel's one vocabulary (src/domain/case/refusal.ts), so the API maps every
 * family alike: 'conflict' (409), 'rule' (422), 'forbidden' (403).
 */
export { conflict, forbidden, ruleViolation, type Refusal as ParRefusal } from '../case/refusal';
