import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { calendarsAround } from '../../helpers/synthetic-calendars';

export type Headers = Record<string, string>;

/** JSON requests to the API process. */
export function apiClient(api: string) {
  let retriedAfter503 = 0;
  const send = (method: string, path: string, headers: Headers, body?: unknown) =>
    fetch(`${api}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    get: (path: string, headers: Headers) => send('GET', path, headers),
    post: (path: string, headers: Headers, body: unknown) => send('POST', path, headers, body),
    put: (path: string, headers: Headers, body: unknown) => send('PUT', path, headers, body),
    /** GET answered 200, as JSON. */
    async read<T = any>(path: string, headers: Headers): Promise<T> {
      const res = await send('GET', path, headers);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
      return (await res.json()) as T;
    },
    /**
     * A create or an action as a client that follows Retry-After sends it: one Idempotency-Key, the same request
     * again after each 503 (nothing was changed), for at most `limitMs`. Answers the first other response.
     */
    async postFollowingRetryAfter(path: string, headers: Headers, body: unknown, limitMs = 240_000): Promise<Response> {
      const keyed = { ...headers, 'idempotency-key': randomUUID() };
      for (const until = Date.now() + limitMs; ; ) {
        const res = await send('POST', path, keyed, body).catch(() => undefined);
        if (res && res.status !== 503) return res;
        retriedAfter503 += 1;
        if (Date.now() > until) throw new Error(`${path}: still 503 after ${limitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    },
    /** How many requests this client has sent again after a 503. */
    retriedAfter503: () => retriedAfter503,
    /**
     * GET answered 200, as JSON, as a client that follows Retry-After reads: a 503 (a worker gone, the server
     * restarting: nothing answered, nothing changed) is asked again, for at most `limitMs`.
     */
    async readFollowingRetryAfter<T = any>(path: string, headers: Headers, limitMs = 240_000): Promise<T> {
      for (const until = Date.now() + limitMs; ; ) {
        const res = await send('GET', path, headers).catch(() => undefined);
        if (res && res.status !== 503) {
          expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
          return (await res.json()) as T;
        }
        retriedAfter503 += 1;
        if (Date.now() > until) throw new Error(`${path}: still 503 after ${limitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    },
    /** CAL-1: the district publishes its calendars (this school year and the next) before any case is filed. */
    async publishCalendars(district: string, hr: Headers) {
      const { calendars } = calendarsAround(Date.now(), district);
      for (const { district: _d, schoolYear, ...body } of calendars) {
        const res = await send('PUT', `/v1/calendars/${district}/${schoolYear}`, hr, { ...body, reason: 'board approved' });
        expect(res.status, await res.clone().text()).toBe(201);
      }
      return calendars;
    },
  };
}
