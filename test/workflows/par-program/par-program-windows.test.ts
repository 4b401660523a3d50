import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DistrictCalendars, addDays, schoolYearOf, type DistrictCalendar } from '../../../src/domain/calendar';
import type { CalendarAnnouncement } from '../../../src/domain/calendar/case-clock-types';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../../src/domain/par/par-policy';
import { windowOccasion } from '../../../src/domain/par/program-notices';
import { referralWindow, volunteerWindows } from '../../../src/domain/par/program-windows';
import { programWindowRefusal, type WindowView } from '../../../src/domain/par/program-year';
import { parProgramWorkflowId } from '../../../workflows/par/par-program-messages';
import { calendarAmendedSignal } from '../../../workflows/shared/case-clock-messages';
import { HR_OFFICE, useParPrograms } from '../../helpers/par-programs';
import { advanceTo } from '../../helpers/temporal';

const BASE = 'district-a';
const MAY_NOTICE = 'district-b';
const mayNoticePolicy: ParPolicy = { ...DEFAULT_PAR_POLICY, referralWindow: { kind: 'notice-after-may-1', workDays: 3 }, volunteerWindows: ['may'] };
const MINUTE = 60_000;

/**
 * The windows of a program year open and close on durable timers, months apart: the tests share one time-skipping
 * server and run in calendar order (January, May, June), each program started before the first.
 */
describe('PAR program year: windows on the district calendar, on the time-skipping server', () => {
  const programs = useParPrograms('par-program-windows-test', [BASE, MAY_NOTICE]);
  const { ctx } = programs;
  const year = () => schoolYearOf(ctx.today);
  const calendarsOf = (district: string) => new DistrictCalendars(district, ctx.calendars[district]!);
  const opensAt = (w: WindowView) => Date.parse(w.opensAt);
  const closedAt = (w: WindowView) => Date.parse(w.closesAt) + 1000;
  const started = { [BASE]: false, [MAY_NOTICE]: false };
  const ensureStarted = async () => {
    if (started[BASE]) return;
    await programs.configure(BASE, year(), { consultingTeachers: [{ id: 'ct-1', caseload: 2 }], volunteerMaximum: 2, policy: DEFAULT_PAR_POLICY });
    await programs.configure(MAY_NOTICE, year(), { consultingTeachers: [{ id: 'ct-1', caseload: 2 }], volunteerMaximum: 2, policy: mayNoticePolicy });
    started[BASE] = started[MAY_NOTICE] = true;
  };
  const outboxSubjects = async () => {
    const files = (await readdir(ctx.worker.outboxDir)).filter((f) => f.endsWith('.json'));
    return Promise.all(files.map(async (f) => (JSON.parse(await readFile(path.join(ctx.worker.outboxDir, f), 'utf8')) as { subject: string; to: string[] })));
  };

  it('PAR-VOL-WINDOW: volunteers apply in the first two weeks of January and May; HR hears when each opens and closes; outside them a request is refused naming the dates', async () => {
    await ensureStarted();
    const view = await programs.read(BASE, year());
    const expected = volunteerWindows(calendarsOf(BASE), year(), ['january', 'may']);
    expect(view.windows.volunteer.map(({ rule, label, opens, closes }) => ({ rule, label, opens, closes }))).toEqual(expected);
    const january = view.windows.volunteer[0]!;
    expect(january.state).toBe('upcoming');

    const refusal = programWindowRefusal(view, 'volunteer', ctx.today);
    expect(refusal).toMatchObject({ kind: 'rule', rule: 'PAR-VOL-WINDOW' });
    expect(refusal!.message).toContain(`from ${expected[0]!.opens} to ${expected[0]!.closes}`);
    expect(refusal!.message).toContain(`from ${expected[1]!.opens} to ${expected[1]!.closes}`);

    await advanceTo(ctx.env, opensAt(january) - MINUTE);
    expect((await programs.read(BASE, year())).notices.filter((n) => n.kind === 'window-opened')).toEqual([]);

    await advanceTo(ctx.env, opensAt(january) + MINUTE);
    await programs.delivered(BASE, year(), windowOccasion(january, 'opened'));
    expect((await programs.emailOf(BASE, year(), windowOccasion(january, 'opened')))?.destination).toEqual([HR_OFFICE.email]);
    const open = await programs.read(BASE, year());
    expect(open.windows.volunteer[0]!.state).toBe('open');
    expect(programWindowRefusal(open, 'volunteer', addDays(january.opens, 3))).toBeUndefined();

    await advanceTo(ctx.env, closedAt(january) + MINUTE);
    await programs.delivered(BASE, year(), windowOccasion(january, 'closed'));
    expect((await programs.read(BASE, year())).windows.volunteer[0]!.state).toBe('closed');
    const subjects = (await outboxSubjects()).map((m) => m.subject);
    expect(subjects).toContain(`PAR volunteer application window open: ${january.opens} to ${january.closes} (${BASE}, ${year()})`);
    expect(subjects).toContain(`PAR volunteer application window closed on ${january.closes} (${BASE}, ${year()})`);
  });

  it('PAR-SPRING-WINDOW (variant): the notice of referral within 3 work days after May 1 opens on May 1, with notices to HR', async () => {
    await ensureStarted();
    const view = await programs.read(MAY_NOTICE, year());
    const referral = view.windows.referral!;
    expect(referral).toMatchObject(referralWindow(calendarsOf(MAY_NOTICE), year(), mayNoticePolicy.referralWindow));
    expect(referral.opens).toBe(`${year().slice(5)}-05-01`);

    await advanceTo(ctx.env, opensAt(referral) + MINUTE);
    await programs.delivered(MAY_NOTICE, year(), windowOccasion(referral, 'opened'));
    expect(programWindowRefusal(await programs.read(MAY_NOTICE, year()), 'referral', referral.closes)).toBeUndefined();
    await advanceTo(ctx.env, closedAt(referral) + MINUTE);
    await programs.delivered(MAY_NOTICE, year(), windowOccasion(referral, 'closed'));
    const refusal = programWindowRefusal(await programs.read(MAY_NOTICE, year()), 'referral', addDays(referral.closes, 1));
    expect(refusal).toMatchObject({ rule: 'PAR-SPRING-WINDOW' });
    expect(refusal!.message).toContain(`from ${referral.opens} to ${referral.closes}`);
  });

  it('PAR-SPRING-WINDOW: referrals open on the 20th-last school day and close at the year\'s end, each with a notice to HR; a closure moves the opening (CAL-2); the year then continues as new', async () => {
    await ensureStarted();
    const handle = ctx.env.client.workflow.getHandle(parProgramWorkflowId(BASE, year()));
    const firstRun = (await handle.describe()).runId;
    const before = (await programs.read(BASE, year())).windows.referral!;
    expect(before).toMatchObject(referralWindow(calendarsOf(BASE), year(), DEFAULT_PAR_POLICY.referralWindow));
    const calendar = ctx.calendars[BASE]!.find((c) => c.schoolYear === year())!;
    expect(before.closes).toBe(calendar.lastInstructionalDay);
    expect(schoolDaysIn(calendarsOf(BASE), before.opens, before.closes)).toBe(20);

    // CAL-2: a closure inside the window is not a school day, so the window opens one school day earlier.
    const amended: DistrictCalendar = { ...calendar, version: 2, events: [{ id: 'flood', kind: 'closure', name: 'Flood', start: addDays(before.closes, -2) }] };
    await handle.signal(calendarAmendedSignal, announcement(amended));
    const expected = referralWindow(new DistrictCalendars(BASE, [amended]), year(), DEFAULT_PAR_POLICY.referralWindow);
    expect(expected.opens < before.opens).toBe(true);
    await expect.poll(async () => (await programs.read(BASE, year())).windows.referral?.opens).toBe(expected.opens);
    const referral = (await programs.read(BASE, year())).windows.referral!;
    expect(referral.state).toBe('upcoming');

    await advanceTo(ctx.env, opensAt(referral) + MINUTE);
    await programs.delivered(BASE, year(), windowOccasion(referral, 'opened'));
    expect((await programs.emailOf(BASE, year(), windowOccasion(referral, 'opened')))?.destination).toEqual([HR_OFFICE.email]);

    await advanceTo(ctx.env, closedAt(referral) + MINUTE);
    await programs.delivered(BASE, year(), windowOccasion(referral, 'closed'));
    const after = await programs.read(BASE, year());
    expect(after.windows.referral!.state).toBe('closed');
    // Every window of the year opened and closed once, in order, with its notice; none twice.
    expect(after.notices.filter((n) => n.channel === 'email').map((n) => n.kind)).toEqual(['window-opened', 'window-closed', 'window-opened', 'window-closed', 'window-opened', 'window-closed']);
    // The school year is over (July 1): the program continued as new, keeping its record.
    await expect.poll(async () => (await handle.describe()).runId).not.toBe(firstRun);
    expect((await programs.read(BASE, year())).notices).toHaveLength(after.notices.length);
  });
});

function schoolDaysIn(calendars: DistrictCalendars, from: string, to: string): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (calendars.isSchoolDay(day)) count += 1;
  return count;
}

function announcement(calendar: DistrictCalendar): CalendarAnnouncement {
  return {
    district: calendar.district,
    schoolYear: calendar.schoolYear,
    version: calendar.version!,
    calendar,
    summary: 'added closure Flood',
    reason: 'flooding',
    by: { id: 'calendar-admin', roles: ['hr'], district: calendar.district },
    at: new Date().toISOString(),
  };
}
