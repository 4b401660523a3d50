/**
 * Why a PAR action is refused, in the grievance process's terms so the API maps both alike: 'conflict' (409) the
 * stage does not allow it, 'rule' (422) a rule refuses it, 'forbidden' (403) it is not this actor's to take.
 */
export interface ParRefusal {
  readonly ok: false;
  readonly kind: 'conflict' | 'rule' | 'forbidden';
  readonly rule: string;
  readonly message: string;
}

export const conflict = (rule: string, message: string): ParRefusal => ({ ok: false, kind: 'conflict', rule, message });
export const ruleViolation = (rule: string, message: string): ParRefusal => ({ ok: false, kind: 'rule', rule, message });
export const forbidden = (rule: string, message: string): ParRefusal => ({ ok: false, kind: 'forbidden', rule, message });
