import { describe, expect, it } from 'vitest';
import { shiftDate, zonedInstant, type RunningDeadline } from '../../../src/domain/calendar';
import type { GrievanceFiling } from '../../../src/domain/grievance/grievance-case';
import type { NoticeRecord } from '../../../src/domain/notices/notice';
import { expectOnlyDeliveriesThatHappened } from '../../helpers/deliveries';
import { TZ, grievantSide, principal, useGrievanceCases, type GrievanceHandle } from '../../helpers/grievance-cases';
import { advanceTo } from '../../helpers/temporal';

const contacts: GrievanceFiling['contacts'] = [
  { name: 'Pat Principal', role: 'decider', level: 1, email: 'principal@lincoln.example.org' },
  { name: 'Chris Chief', role: 'decider', level: 2, email: 'chief@district.example.org' },
  { name: 'Robin Rep', role: 'representative', email: 'rep@union.example.org' },
];

describe('grievance notices and reminders on the time-skipping server', () => {
  const cases = useGrievanceCases('grievance-notices-test');
  const { env, district, state, act, finish } = cases;
  const file = () => cases.file({ contacts });
  const sevenAm = (date: string) => zonedInstant(date, { hour: 7, minute: 0, second: 0 }, TZ).getTime();
  /** Waits until the case has recorded deliveries for a notice on every channel named. */
  const delivered = (handle: GrievanceHandle, suffix: string, channels: string[]) =>
    expect
      .poll(async () => (await state(handle)).notices.filter((n) => n.deliveryId.endsWith(`${suffix}:${n.channel}`)).map((n) => n.channel).sort(), { timeout: 10_000 })
      .toEqual([...channels].sort());
  const recordsOf = async (handle: GrievanceHandle, kind: NoticeRecord['kind']) => (await state(handle)).notices.filter((n) => n.kind === kind);

  it('acknowledges receipt to both sides by email and to the HR system by webhook', async () => {
    const handle = await file();
    await delivered(handle, ':filing-receipt', ['email', 'webhook']);
    const [email] = (await recordsOf(handle, 'filing-receipt')).filter((n) => n.channel === 'email');
    // Both sides: the grievant and their representative, and the decider of this level (not the level 2 one).
    expect([...email!.destination].sort()).toEqual(['dana.reyes@example.org', 'principal@lincoln.example.org', 'rep@union.example.org']);
    await finish(handle);
  });

  it('reminds the decider 2 school days before the decision is due and on the due day, then tells both sides it was missed (GRV-DECISION-LATE), with a letter', async () => {
    const handle = await file();
    const decision = (await state(handle)).clock.deadlines.find((d) => d.key === '1:decision')!.current as RunningDeadline;
    const twoBefore = shiftDate(district(), decision.due, 'school-day', -2);
    const base = `1:decision:${decision.due}`;

    // Not before its time.
    await advanceTo(env(), sevenAm(twoBefore) - 60_000);
    expect(await recordsOf(handle, 'deadline-reminder')).toEqual([]);

    await advanceTo(env(), sevenAm(twoBefore) + 60_000);
    await delivered(handle, `${base}:remind-2`, ['email', 'webhook']);
    const [first] = (await recordsOf(handle, 'deadline-reminder')).filter((n) => n.channel === 'email');
    // The decision is the district's to make: the level 1 decider is reminded, not the grievant.
    expect(first!.destination).toEqual(['principal@lincoln.example.org']);
    expect(Date.parse(first!.at)).toBeGreaterThanOrEqual(sevenAm(twoBefore));

    await advanceTo(env(), sevenAm(decision.due) + 60_000);
    await delivered(handle, `${base}:remind-0`, ['email', 'webhook']);
    expect((await state(handle)).status).toBe('awaiting-decision');

    await advanceTo(env(), Date.parse(decision.dueAt) + 60_000);
    await delivered(handle, `${base}:missed`, ['email', 'webhook', 'letter']);
    const missed = (await recordsOf(handle, 'deadline-missed')).find((n) => n.channel === 'email')!;
    expect([...missed.destination].sort()).toEqual(['dana.reyes@example.org', 'principal@lincoln.example.org', 'rep@union.example.org']);
    expect((await state(handle)).status).toBe('appeal-window');
    await finish(handle);
  });

  it('CAL-2: a deadline moved after its first reminder is reminded again for the new date', async () => {
    const handle = await file();
    const decision = (await state(handle)).clock.deadlines.find((d) => d.key === '1:decision')!.current as RunningDeadline;
    await advanceTo(env(), sevenAm(shiftDate(district(), decision.due, 'school-day', -2)) + 60_000);
    await delivered(handle, `1:decision:${decision.due}:remind-2`, ['email', 'webhook']);

    await act(handle, { type: 'propose-extension', deadline: 'decision', count: 3, party: 'district' }, principal);
    const extended = await act(handle, { type: 'accept-extension', party: 'grievant' }, grievantSide);
    const moved = (extended.clock.deadlines.find((d) => d.key === '1:decision')!.current as RunningDeadline).due;
    expect(moved).toBe(shiftDate(district(), decision.due, 'school-day', 3));

    await advanceTo(env(), sevenAm(shiftDate(district(), moved, 'school-day', -2)) + 60_000);
    await delivered(handle, `1:decision:${moved}:remind-2`, ['email', 'webhook']);
    // The old date's due-day reminder never goes out.
    expect((await state(handle)).notices.some((n) => n.deliveryId.includes(`${decision.due}:remind-0`))).toBe(false);
    await finish(handle);
  });

  it('GRV-DECIDE-10: a decision goes to both sides by email, to HR by webhook, and in writing as a letter', async () => {
    const handle = await file();
    await act(handle, { type: 'decide', outcome: 'denied', text: 'No violation.' }, principal);
    await delivered(handle, ':decision', ['email', 'webhook', 'letter']);
    // No WEBHOOK_URL on the test worker: the webhook records say so, the timeline lists no webhook delivery.
    await expectOnlyDeliveriesThatHappened(env().client, handle.workflowId, (await state(handle)).notices, ['email', 'webhook', 'letter']);
    await finish(handle);
  });
});
