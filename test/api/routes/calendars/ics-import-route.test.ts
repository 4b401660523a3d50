import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { problemDetails } from '../../../../api/plugins/problem-details';
import { calendarRoutes } from '../../../../api/routes/calendars';
import type { IcsImportRunnerOptions } from '../../../../src/calendar-import/ics-import-runner';
import type { Actor } from '../../../../src/domain/actor';
import { districtFeed, icsFile, lineOf, vevent } from '../../../helpers/generated-ics';

/**
 * The import route with its worker pool configured tight, on an app of its own: a dry run reads the file and
 * publishes nothing, so no Temporal server is needed, and the caller is an HR clerk of lakeview (no token).
 */
async function appWith(icsImport: Partial<IcsImportRunnerOptions>): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  await app.register(problemDetails);
  const clerk: Actor = { id: 'calendar-office', roles: ['hr'], district: 'lakeview' };
  app.decorateRequest('user', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.user = clerk;
  });
  await app.register(calendarRoutes, { icsImport });
  return app;
}

describe('POST /v1/calendars/:district/:schoolYear/import under load (CAL-4, worker pool)', () => {
  const apps: FastifyInstance[] = [];
  const dryRun = async (icsImport: Partial<IcsImportRunnerOptions>, ...bodies: string[]) => {
    const app = await appWith(icsImport);
    apps.push(app);
    return Promise.all(
      bodies.map((payload) =>
        app.inject({ method: 'POST', url: '/v1/calendars/lakeview/2026-2027/import?dryRun=true', headers: { 'content-type': 'text/calendar' }, payload }),
      ),
    );
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('CAL-4: a file not read within the time budget answers 503 problem+json with Retry-After, not 500', async () => {
    const [res] = await dryRun({ timeBudgetMs: 1 }, districtFeed(22_000)); // no worker reads 22,000 events in 1 ms
    expect(res!.statusCode).toBe(503);
    expect(res!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res!.headers['retry-after']).toBe('1');
    expect(res!.json()).toMatchObject({ status: 503, detail: expect.stringContaining('the server is busy') });
  });

  it('CAL-4: an import past the pool and its queue answers 503 with Retry-After at once; the other is read', async () => {
    const feed = districtFeed(2_000);
    const answers = await dryRun({ concurrency: 1, queueLimit: 0, timeBudgetMs: 20_000 }, feed, feed);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 503]);
    const busy = answers.find((res) => res.statusCode === 503)!;
    expect(busy.headers['retry-after']).toBe('20');
    expect(busy.json().detail).toContain('too many calendar imports at once (1 being read, 0 waiting)');
  });

  it('CAL-4: a recurrence ical.js searches forever answers 422 naming its line once the recurrence budget is spent', async () => {
    const rule = 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30';
    const body = icsFile([vevent('never', '20260902', 'Holiday', rule)]);
    const [res] = await dryRun({ recurrenceBudgetMs: 300 }, body);
    expect(res!.statusCode).toBe(422);
    expect(res!.json()).toMatchObject({ rule: 'CAL-4', errors: [{ in: 'body', field: `/line/${lineOf(body, rule)}`, rule: 'CAL-4' }] });
  });
});
