import type { CalendarDate } from '../domain/calendar/calendar-date';
import { checkRecordKey, type RecordStore } from './record-store';

/**
 * What is left of a case destroyed under its district's retention policy (issue 15, item 5): a clear record in the
 * case's folder, chained like every archived file, saying when and under which policy version its records were
 * destroyed. It holds ids, dates and codes only: nothing of what the case held.
 */
export interface CaseTombstone {
  readonly workflowId: string;
  readonly district: string;
  readonly caseType: string;
  /** The day the case closed on the district calendar, and why (`withdrawn`, `final` ...). */
  readonly closedOn: CalendarDate;
  readonly closedAs: string;
  /** The day its records were destroyed on the district calendar, and the instant. */
  readonly destroyedOn: CalendarDate;
  readonly destroyedAt: string;
  readonly policy: { readonly version: number; readonly title?: string | undefined; readonly period: string };
  /** "destroyed on 2033-03-15 under retention policy version 2 of demo-district (6 years after it closed on 2027-03-15)". */
  readonly summary: string;
}

/** The tombstone's name in the case's folder. */
export const TOMBSTONE_FILE = 'destroyed.json';

/** Reading a destroyed case's records: the message is the tombstone's summary. */
export class CaseDestroyedError extends Error {
  constructor(readonly tombstone: CaseTombstone) {
    super(`${tombstone.workflowId} was ${tombstone.summary}`);
    this.name = 'CaseDestroyedError';
  }
}

export function tombstoneSummary(t: Omit<CaseTombstone, 'summary'>): string {
  const title = t.policy.title ? `, ${t.policy.title}` : '';
  return `destroyed on ${t.destroyedOn} under retention policy version ${t.policy.version} of ${t.district}${title} (${t.policy.period} after it closed on ${t.closedOn} as ${t.closedAs})`;
}

/** The case's tombstone, or undefined when it was never destroyed. */
export async function readTombstone(store: RecordStore, district: string, workflowId: string): Promise<CaseTombstone | undefined> {
  const bytes = await store.get(checkRecordKey(`${district}/${workflowId}/${TOMBSTONE_FILE}`));
  return bytes ? (JSON.parse(bytes.toString('utf8')) as CaseTombstone) : undefined;
}

/** One page of a district's tombstones, in workflow id order, and the id to continue after (none on the last page). */
export interface TombstonePage {
  readonly tombstones: readonly CaseTombstone[];
  readonly next?: string | undefined;
}

/**
 * The tombstones of a district's destroyed cases (issue 15 item 5: an auditor still learns that a case existed and
 * when and under which policy it was destroyed, once Temporal's listings no longer hold it), `limit` at a time in
 * workflow id order, after the workflow id `after`. The store's listing is read by key; only the tombstones are opened.
 */
export async function listTombstones(store: RecordStore, district: string, page: { readonly limit: number; readonly after?: string | undefined }): Promise<TombstonePage> {
  const suffix = `/${TOMBSTONE_FILE}`;
  const workflowIds = (await store.list(`${checkRecordKey(district)}/`))
    .filter((key) => key.endsWith(suffix) && key.split('/').length === 3)
    .map((key) => key.slice(district.length + 1, -suffix.length))
    .filter((workflowId) => page.after === undefined || workflowId > page.after)
    .sort();
  const chosen = workflowIds.slice(0, page.limit);
  const tombstones = (await Promise.all(chosen.map((workflowId) => readTombstone(store, district, workflowId)))).filter((t): t is CaseTombstone => t !== undefined);
  return { tombstones, next: workflowIds.length > page.limit ? chosen.at(-1) : undefined };
}
