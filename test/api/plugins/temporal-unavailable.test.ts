import { status } from '@grpc/grpc-js';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTemporalUnavailable } from '../../../api/temporal-unavailable';
import { rpcDeadlineInterceptor } from '../../../src/temporal/rpc-deadline';
import { buildTestApp } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { freePort } from '../../helpers/ports';
import { bearer } from '../../helpers/tokens';

/** Overload and outages answer 503 with Retry-After, quickly; a 500 is a bug (issue 11). */
describe('Temporal unreachable: 503 problem+json with Retry-After, never 500', () => {
  let connection: Connection;
  let app: FastifyInstance;

  beforeAll(async () => {
    // Nothing listens on this port: every call fails, as with the Temporal server down.
    const port = await freePort();
    connection = Connection.lazy({ address: `127.0.0.1:${port}`, interceptors: [rpcDeadlineInterceptor(1_000), makeGrpcRetryInterceptor(defaultGrpcRetryOptions())] });
    app = await buildTestApp(new Client({ connection }));
  });
  afterAll(async () => {
    await app?.close();
    await connection?.close();
  });

  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });

  it.each([
    ['GET', '/v1/grievances/G-DOWN-1', undefined],
    ['POST', '/v1/grievances/G-DOWN-1/actions', { type: 'withdraw' }],
    ['POST', '/v1/grievances', aFiling({ id: 'G-DOWN-2' })],
    ['GET', '/v1/par/P-DOWN-1', undefined],
    ['GET', '/v1/cases/grievance:G-DOWN-1/timeline', undefined],
  ] as const)('%s %s with the Temporal server down answers 503 with Retry-After, within the RPC deadline', async (method, url, payload) => {
    const started = process.hrtime.bigint();
    const res = await app.inject({ method, url, headers: hr, ...(payload ? { payload: payload as object } : {}) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    // The deadline is 1 s a call: a handful of calls at most, not the client's minute of retries.
    expect(seconds).toBeLessThan(30);
  });

  it('tells "try later" from a bug: deadlines, unavailability, exhaustion and update timeouts are Temporal being unavailable; a plain error is not', () => {
    const grpc = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: {} });
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED]) expect(isTemporalUnavailable(grpc(code))).toBe(true);
    expect(isTemporalUnavailable(new Error('wrapped', { cause: grpc(status.UNAVAILABLE) }))).toBe(true);
    expect(isTemporalUnavailable(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'))).toBe(true);
    expect(isTemporalUnavailable(grpc(status.INVALID_ARGUMENT))).toBe(false);
    // A query while the case's workflow task is failing (a timed-out task on an overloaded worker is retried).
    const taskFailing = Object.assign(new Error('9 FAILED_PRECONDITION'), { code: status.FAILED_PRECONDITION, details: 'Unable to query workflow due to Workflow Task in failed state.', metadata: {} });
    expect(isTemporalUnavailable(new ServiceError('Failed to query Workflow', { cause: taskFailing }))).toBe(true);
    // The same on a create sent again after a 503: the Update-with-Start's own status, as the client rethrows it.
    const updateTaskFailing = Object.assign(new Error('Unable to perform workflow execution update due to Workflow Task in failed state.'), {
      code: status.FAILED_PRECONDITION,
      details: 'Update-with-Start could not be executed.',
      metadata: {},
    });
    expect(isTemporalUnavailable(updateTaskFailing)).toBe(true);
    expect(isTemporalUnavailable(Object.assign(new Error('Update-with-Start could not be executed.'), { code: status.FAILED_PRECONDITION, details: 'Update-with-Start could not be executed.', metadata: {} }))).toBe(false);
    expect(isTemporalUnavailable(grpc(status.FAILED_PRECONDITION))).toBe(false);
    expect(isTemporalUnavailable(new TypeError('a bug'))).toBe(false);
  });
});
