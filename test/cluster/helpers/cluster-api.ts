import { expect } from 'vitest';
import { calendarsAround } from '../../helpers/synthetic-calendars';

export type Headers = Record<string, string>;

/** JSON requests to the API process. */
export function apiClient(api: string) {
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
