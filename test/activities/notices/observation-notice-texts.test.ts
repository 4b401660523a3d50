import { describe, expect, it } from 'vitest';
import { defaultTemplatesDir, renderNotice } from '../../../activities/notices/templates';
import { computeDeadline, DistrictCalendars, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { Notice } from '../../../src/domain/notices/notice';
import { reminderSchedule } from '../../../src/domain/notices/reminder-policy';
import type { ObservationCycle, ObservationEvent } from '../../../src/domain/observation/observation-cycle';
import { cycleNoticesForEvent, cycleReceipt, cycleReminder, OBSERVATION_REMINDER_POLICY, type ObservationNoticeContext } from '../../../src/domain/observation/observation-notices';
import { pendingDeadlines, startCycle, transition } from '../../../src/domain/observation/observation-process';
import { certified, cycleStart, hr, lee, ng, run } from '../../domain/observation/observation-fixtures';
import { riverside2027 } from '../../domain/par/par-fixtures';

/**
 * Every observation-cycle notice kind as the domain builds it from a cycle and its clock (counted on the Riverside
 * 2027-2028 calendar), rendered with the shipped templates/observation-cycle/. Dates checked against a paper calendar.
 */
describe('observation cycle notices rendered with templates/observation-cycle/', () => {
  const district = new DistrictCalendars('riverside', [riverside2027]);
  const clockOf = (cycle: ObservationCycle): CaseDeadline[] =>
    pendingDeadlines(cycle).map(({ key, label, spec }) => ({ key, label, spec, status: 'pending', current: computeDeadline(district, spec), changes: [] }));
  const ctx = (cycle: ObservationCycle, today: string): ObservationNoticeContext => ({ cycle, workflowId: `observation-cycle:riverside:${cycle.id}`, today, deadlines: clockOf(cycle) });
  const render = async (notice: Notice) => {
    const { subject, text } = await renderNotice(defaultTemplatesDir(), notice, { publicUrl: 'https://hr.riverside.example' });
    return `Subject: ${subject}\n\n${text}`;
  };
  const opened: ObservationCycle = { ...startCycle(cycleStart(undefined, '2027-08-20')), endsOn: riverside2027.lastInstructionalDay };
  /** Applies one event as the workflow does and returns the notices it sends. */
  const notices = (before: ObservationCycle, today: string, event: ObservationEvent, by = lee) => {
    const result = transition(before, event, { today, actor: by, dueOfKey: (key) => (clockOf(before).find((d) => d.key === key)?.current as RunningDeadline | undefined)?.due });
    if (!result.ok) throw new Error(result.message);
    return cycleNoticesForEvent(ctx(result.state, today), event, before, result.notes, by, 1);
  };

  it('OBS-TRACK: the opening names the track, the announcement rule and the year-end the clock counted', async () => {
    const notice = cycleReceipt(ctx(opened, '2027-08-20'), hr);
    expect(notice).toMatchObject({ template: 'observation-cycle/filing-receipt', caseType: 'observation-cycle', channels: ['email', 'webhook'] });
    expect(notice.recipients.map((r) => [r.role, r.audience])).toEqual([['educator', 'grievant-side'], ['evaluator', 'district-side'], ['hr', 'district-side']]);
    expect(await render(notice)).toBe(`Subject: Observation cycle 2027-2028:E1001 opened (2027-2028)

The observation cycle of Dana Reyes for the school year 2027-2028 was opened on Friday, August 20, 2027 by Human Resources.

Track: Professional license, prior 2-4 (2 formal observation(s))
At least half of the observations are unannounced (OBS-UNANNOUNCED).
Each observation is followed by a self-score, a post-conference with the evaluator who observed (OBS-POSTCONF) and written feedback within one week (OBS-FEEDBACK-7).

Next deadline of the cycle: End of the observation cycle: Friday, June 2, 2028, until 11:59 p.m. (America/Los_Angeles time) (OBS-TRACK)
Status: in progress
Case record: https://hr.riverside.example/v1/observations/2027-2028:E1001

Sent on 2027-08-20.
`);
  });

  it('OBS-FEEDBACK-7: the evaluator is reminded 2 school days before a feedback week ends', async () => {
    const observed = run(opened, [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
    const deadline = clockOf(observed).find((d) => d.key === 'feedback:1')!;
    const current = deadline.current as RunningDeadline;
    const [twoBefore] = reminderSchedule({ key: deadline.key, due: current.due, timeZone: current.timeZone }, OBSERVATION_REMINDER_POLICY.rules[0]!, OBSERVATION_REMINDER_POLICY.sendAt, (d, n) => shiftDate(district, d, 'school-day', n));
    expect(twoBefore).toMatchObject({ schoolDaysBefore: 2 });
    const notice = cycleReminder(ctx(observed, twoBefore!.on), twoBefore!, { label: deadline.label, current });
    expect(notice.recipients.every((r) => r.audience === 'district-side')).toBe(true);
    expect(await render(notice)).toBe(`Subject: Reminder: Written feedback on observation 1 due Tuesday, September 21, 2027 (observation cycle 2027-2028:E1001)

Written feedback on observation 1 in the observation cycle 2027-2028:E1001 of Dana Reyes (2027-2028) is due by Tuesday, September 21, 2027, until 11:59 p.m. (America/Los_Angeles time).

Rule: OBS-FEEDBACK-7
How it was counted: 7 calendar days after Tuesday, September 14, 2027 (that day not counted)
School days left: 2

Status: in progress
Case record: https://hr.riverside.example/v1/observations/2027-2028:E1001

Sent on 2027-09-17.
`);
  });

  it('OBS-PRECONF / GRV-FILE-40: an announced observation without pre-conference is recorded with a process violation told with the grievance it offers', async () => {
    const list = notices(opened, '2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified });
    expect(list.map((n) => n.kind)).toEqual(['action-recorded', 'process-violation']);
    expect(list[0]!.recipients.map((r) => r.role)).toEqual(['educator']);
    expect(await render(list[0]!)).toBe(`Subject: Recorded: observe (observation cycle 2027-2028:E1001)

Pat Lee recorded "observe" in the observation cycle 2027-2028:E1001 of Dana Reyes on Tuesday, September 14, 2027.

OBS-CERTIFIED: observation 1 (formal, announced) by a certified evaluator; OBS-FEEDBACK-7: written feedback due within 7 days; OBS-PRECONF: process violation recorded

Next deadline of the cycle: Written feedback on observation 1: Tuesday, September 21, 2027, until 11:59 p.m. (America/Los_Angeles time) (OBS-FEEDBACK-7)
Status: in progress
Case record: https://hr.riverside.example/v1/observations/2027-2028:E1001

Sent on 2027-09-14.
`);
    expect(await render(list[1]!)).toBe(`Subject: Process violation V1 (OBS-PRECONF) in observation cycle 2027-2028:E1001

A step of the observation process was missed or taken by the wrong person in the observation cycle 2027-2028:E1001 of Dana Reyes (2027-2028).

Violation: V1
Rule: OBS-PRECONF
What happened: Announced observation 1 on 2027-09-14 was not preceded by a pre-conference.
Missed on: Tuesday, September 14, 2027

The evaluation process is grievable (GRV-DEF). A grievance about it is presented within 40 school days after Tuesday, September 14, 2027 (GRV-FILE-40); Human Resources files it from this violation with POST /v1/grievances {"fromViolation": {"cycle": "2027-2028:E1001", "violation": "V1"}}.

Status: in progress
Case record: https://hr.riverside.example/v1/observations/2027-2028:E1001

Sent on 2027-09-14.
`);
  });

  it('OBS-POSTCONF: a wrong-person violation names the evaluators by their names where the cycle has them, never by their login', async () => {
    const preconf = run(opened, [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    const list = notices(preconf, '2027-09-14', { type: 'observe', observation: 1, kind: 'formal', announced: true, certification: certified }, ng);
    const violation = list.find((n) => n.kind === 'process-violation')!;
    // The record keeps the login ids; the notice says who: ev-lee is Pat Lee, ev-ng has no name on the cycle.
    expect(preconf.evaluators.find((e) => e.id === 'ev-lee')?.name).toBe('Pat Lee');
    expect(await render(violation)).toContain('What happened: Observation 1 on 2027-09-14 was conducted by evaluator ev-ng, but its pre-conference (2027-09-10) by evaluator Pat Lee: the same evaluator holds both.');
    expect(await render(violation)).not.toContain('ev-lee');
  });

  it('OBS-TRACK: the cycle ended by HR short of its minimum closes with that violation and its report, rule by rule', async () => {
    const list = notices(opened, '2027-10-04', { type: 'end-cycle', reason: 'left the district' }, hr);
    const closed = list.find((n) => n.kind === 'case-closed')!;
    expect(list.map((n) => n.kind)).toEqual(['process-violation', 'case-closed']);
    expect(list[0]!.facts).toMatchObject({ rule: 'OBS-TRACK' });
    expect(closed.recipients.map((r) => r.role)).toEqual(['educator', 'evaluator', 'hr']);
    expect(await render(closed)).toBe(`Subject: Observation cycle 2027-2028:E1001 closed: ended

The observation cycle 2027-2028:E1001 of Dana Reyes (2027-2028) closed on Monday, October 4, 2027 (ended, OBS-TRACK).

Track: Professional license, prior 2-4 (2 formal observation(s))
What the cycle met:
OBS-TRACK: not met (0 of 2 formal observations held)
OBS-UNANNOUNCED: met (0 of 0 observation(s) unannounced; at least half are)
OBS-PRECONF: met (0 of 0 announced observation(s) preceded by the observer's pre-conference)
OBS-SELF-SCORE: met (0 of 0 self-score form(s) submitted)
OBS-POSTCONF: met (0 of 0 observation(s) followed by a post-conference with the observer)
OBS-FEEDBACK-7: met (0 of 0 written feedback(s) within the week)
OBS-CERTIFIED: met (0 observation(s), each by an evaluator certified for 2027-2028)

Process violations recorded: 1
Case record: https://hr.riverside.example/v1/observations/2027-2028:E1001

Sent on 2027-10-04.
`);
  });
});
