import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar';
import { useGrievanceCases } from '../../helpers/grievance-cases';
import { advanceTo } from '../../helpers/temporal-env';

/**
 * GRV-DECIDE-10: a level's decision is due 10 school days after the district received the grievance, and "received"
 * is a date on the district's calendar, in its time zone (America/Chicago here). In the evening there the UTC date is
 * already the next day: a filing taken then must not be received tomorrow, or every deadline runs a day late.
 */
describe('GRV-DECIDE-10: a filing is received on the district date, in its time zone', () => {
  const { env, today, file, state, deadline, finish } = useGrievanceCases('grievance-received-date-test');

  it('GRV-DECIDE-10: filed at 03:00 UTC (21:00 or 22:00 the day before in Chicago), it is received on the Chicago date', async () => {
    // The next 03:00 UTC on the test server's clock, at most a day ahead (the calendars cover it).
    const now = await env().currentTimeMs();
    const at = new Date(now);
    at.setUTCHours(3, 0, 0, 0);
    if (at.getTime() <= now) at.setUTCDate(at.getUTCDate() + 1);
    await advanceTo(env(), at.getTime());
    const utcDate = new Date(await env().currentTimeMs()).toISOString().slice(0, 10);
    const chicagoDate = await today();
    expect(chicagoDate).toBe(addDays(utcDate, -1));

    const handle = await file();
    const { process } = await state(handle);
    expect(process.receivedOn).toBe(chicagoDate);
    expect((await deadline(handle, '1:decision')).spec.trigger).toBe(chicagoDate);
    await finish(handle);
  });
});
