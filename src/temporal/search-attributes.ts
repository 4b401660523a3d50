import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes every case sets, so HR systems and administrators can list cases by type, status,
 * level, district, school and next deadline through Temporal visibility. Registered on start by
 * `registerSearchAttributes` (the embedded dev server and an existing cluster alike).
 */
export const CaseType = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CaseLevel = defineSearchAttributeKey('CaseLevel', SearchAttributeType.KEYWORD);
export const CaseDistrict = defineSearchAttributeKey('CaseDistrict', SearchAttributeType.KEYWORD);
export const CaseSchool = defineSearchAttributeKey('CaseSchool', SearchAttributeType.KEYWORD);
export const CaseNextDeadline = defineSearchAttributeKey('CaseNextDeadline', SearchAttributeType.DATETIME);
/** PAR: 'referred' or 'volunteer', so listings leave Volunteer cases out for principals and evaluators (PAR-VOL-CONF). */
export const CaseKind = defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD);

export const CASE_SEARCH_ATTRIBUTES = [
  CaseType,
  CaseStatus,
  CaseLevel,
  CaseDistrict,
  CaseSchool,
  CaseNextDeadline,
  CaseKind,
] as const;
