/**
 * Case workflow ids carry the business prefix and the district: `<caseType>:<district>:<id>` (`grievance:
 * demo-district:G-2026-001`), so two districts may use the same case number without colliding or learning of each
 * other. Cases opened before ids were scoped keep their global id `<caseType>:<id>`; they are found by it and
 * checked against their recorded district.
 */
export const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function caseWorkflowId(caseType: string, district: string, id: string): string {
  return `${caseType}:${district}:${id}`;
}

/** The workflow ids a district's case number may have, newest scheme first: scoped, then the global one of old cases. */
export function caseWorkflowIds(caseType: string, district: string, id: string): readonly string[] {
  return [caseWorkflowId(caseType, district, id), `${caseType}:${id}`];
}

/**
 * A workflow id read back: its case type, the district when scoped, and the district's case number. A family whose
 * case number has several parts (`observation-cycle:<district>:<schoolYear>:<educator>`: the number is
 * `<schoolYear>:<educator>`) gives their count; the number keeps its colons.
 */
export function parseCaseWorkflowId(
  workflowId: string,
  numberSegments = 1,
): { readonly caseType: string; readonly district?: string | undefined; readonly id: string } | undefined {
  const parts = workflowId.split(':');
  if (!parts.every((p) => p.length > 0)) return undefined;
  const number = (from: number) => parts.slice(from).join(':');
  if (parts.length === numberSegments + 2) return { caseType: parts[0]!, district: parts[1]!, id: number(2) };
  if (parts.length === numberSegments + 1) return { caseType: parts[0]!, id: number(1) };
  return undefined;
}

/** The case type a workflow id or a `<prefix>:<number>` address starts with. */
export function caseTypeOf(workflowId: string): string {
  return workflowId.split(':')[0] ?? '';
}
