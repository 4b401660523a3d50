import { createHash } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import { addDays, schoolYearOf, zonedInstant, type CalendarDate } from '../../src/domain/calendar';
import { readDistrictCalendar } from '../../src/temporal/district-calendars';
import { HttpProblem } from '../plugins/problem-details';

/** Listing cases through Temporal visibility (custom search attributes), shared by every case type's listing. */

/** A visibility query literal: single quotes doubled is not supported, so refuse them rather than escape. */
export function quote(value: string): string {
  if (/['"\\]/.test(value)) throw new HttpProblem(400, `Quotes are not allowed in filter values: ${value}`);
  return `'${value}'`;
}

/** Cases whose next deadline ends on or before `dueBefore` (local end of day on the district calendar). */
export async function dueBeforeClause(app: FastifyInstance, district: string, dueBefore: CalendarDate): Promise<string> {
  const timeZone = (await readDistrictCalendar(app.temporal.client, district, schoolYearOf(dueBefore)))?.calendar?.timeZone ?? 'UTC';
  // Strictly before the next local midnight: visibility stores finer than seconds, so `<=` the 23:59:59 end misses.
  const nextMidnight = zonedInstant(addDays(dueBefore, 1), { hour: 0, minute: 0, second: 0 }, timeZone);
  return `CaseNextDeadline < ${quote(nextMidnight.toISOString())}`;
}

type Execution = temporal.api.workflow.v1.IWorkflowExecutionInfo;
export type One = (value: unknown) => string | undefined;

/** One page of the executions the clauses select, each mapped to a listing item. */
export async function listCases<T>(
  app: FastifyInstance,
  clauses: readonly string[],
  pageSize: number,
  pageToken: string | undefined,
  item: (execution: Execution, attributes: Record<string, unknown>, one: One) => T,
): Promise<{ items: T[]; nextPageToken?: string }> {
  const query = clauses.join(' AND ');
  const response = await app.temporal.client.workflowService.listWorkflowExecutions({
    namespace: app.temporal.client.options.namespace,
    query,
    pageSize,
    nextPageToken: pageToken === undefined ? undefined : readPageToken(pageToken, query),
  });
  const token = response.nextPageToken && response.nextPageToken.length > 0 ? writePageToken(response.nextPageToken, query) : undefined;
  return {
    items: (response.executions ?? []).map((execution) => item(execution, decodeAttributes(execution.searchAttributes?.indexedFields ?? {}), one)),
    ...(token ? { nextPageToken: token } : {}),
  };
}

/**
 * Our page tokens carry Temporal's with a digest of the query they continue: a token that is not one of ours, or
 * belongs to another listing, answers 400 at once (visibility stores answer a bad token with a retried, slow error).
 */
function writePageToken(temporalToken: Uint8Array, query: string): string {
  return Buffer.from(JSON.stringify({ q: queryDigest(query), t: Buffer.from(temporalToken).toString('base64') })).toString('base64url');
}

function readPageToken(pageToken: string, query: string): Uint8Array {
  try {
    const parsed = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as { q?: unknown; t?: unknown };
    if (parsed.q === queryDigest(query) && typeof parsed.t === 'string' && parsed.t.length > 0) return Buffer.from(parsed.t, 'base64');
  } catch {
    // Falls through to the refusal.
  }
  throw new HttpProblem(400, 'The page token is not valid for this listing: pass back the nextPageToken of the same query.', {
    errors: [{ in: 'querystring', field: '/pageToken', message: 'invalid page token' }],
  });
}

function queryDigest(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 22);
}

function decodeAttributes(fields: Record<string, temporal.api.common.v1.IPayload>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, payload]) => [key, defaultPayloadConverter.fromPayload(payload)]));
}

function one(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : String(first);
}
