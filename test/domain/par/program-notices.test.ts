import { describe, expect, it } from 'vitest';
import { placeOfferedNotice, windowNotice, windowOccasion } from '../../../src/domain/par/program-notices';
import { initialProgramState, type ProgramYearState, type WindowView } from '../../../src/domain/par/program-year';

/**
 * The notices of a PAR program year to HR (program-notices.ts): a window opened or closed (PAR-SPRING-WINDOW,
 * PAR-VOL-WINDOW) and a place given (PAR-PRIORITY), each under a delivery id of its own occasion. Fixtures are built
 * inside the tests (stryker-js#6144).
 */

const WORKFLOW = 'par-program:riverside:2026-2027';

/** A program year of a district whose name needs escaping in a URL, with two HR contacts (one without an address). */
function program(): ProgramYearState {
  const state = initialProgramState('lake view', '2026-2027');
  return {
    ...state,
    notify: [{ name: 'PAR office', email: 'par@lakeview.example' }, { name: 'HR desk' }],
    roster: {
      ...state.roster,
      consultingTeachers: [{ id: 'ct-kim', caseload: 2 }],
      placements: [{ caseId: 'PAR-R1', group: 1, since: '2027-05-10', placedOn: '2027-08-20', consultingTeacher: 'ct-kim' }],
      waiting: [
        { caseId: 'PAR-V3', group: 2, since: '2027-05-04' },
        { caseId: 'PAR-N2', group: 3, since: '2027-08-02' },
      ],
    },
  };
}

const referralWindow = (): WindowView => ({
  kind: 'referral',
  rule: 'PAR-SPRING-WINDOW',
  label: 'the last 20 school days of the 2026-2027 school year',
  opens: '2027-05-07',
  closes: '2027-06-04',
  opensAt: '2027-05-07T07:00:00.000Z',
  closesAt: '2027-06-05T06:59:59.000Z',
  state: 'open',
});

const volunteerWindow = (): WindowView => ({
  kind: 'volunteer',
  rule: 'PAR-VOL-WINDOW',
  label: 'the first two weeks of January 2027',
  opens: '2027-01-04',
  closes: '2027-01-17',
  opensAt: '2027-01-04T08:00:00.000Z',
  closesAt: '2027-01-18T07:59:59.000Z',
  state: 'closed',
});

const HR_RECIPIENTS = [
  { name: 'PAR office', role: 'hr', audience: 'district-side', email: 'par@lakeview.example' },
  { name: 'HR desk', role: 'hr', audience: 'district-side', email: undefined },
];

describe('PAR program notices to HR', () => {
  it.each([
    ['opened', referralWindow, 'window-opened:PAR-SPRING-WINDOW:2027-05-07'],
    ['closed', referralWindow, 'window-closed:PAR-SPRING-WINDOW:2027-06-04'],
    ['opened', volunteerWindow, 'window-opened:PAR-VOL-WINDOW:2027-01-04'],
    ['closed', volunteerWindow, 'window-closed:PAR-VOL-WINDOW:2027-01-17'],
  ] as const)('PAR-SPRING-WINDOW / PAR-VOL-WINDOW: a window %s is told once, under the date it %s on (%s)', (event, window, occasion) => {
    expect(windowOccasion(window(), event)).toBe(occasion);
  });

  it('PAR-SPRING-WINDOW: the opening of the referral window goes to every HR contact, by email and webhook, with its dates', () => {
    expect(windowNotice(program(), WORKFLOW, '2027-05-07', referralWindow(), 'opened')).toStrictEqual({
      deliveryId: 'par-program:riverside:2026-2027:window-opened:PAR-SPRING-WINDOW:2027-05-07',
      kind: 'window-opened',
      caseType: 'par',
      caseId: 'lake view:2026-2027',
      workflowId: WORKFLOW,
      district: 'lake view',
      template: 'par/window-opened',
      facts: {
        district: 'lake view',
        schoolYear: '2026-2027',
        today: '2027-05-07',
        programUrl: '/v1/par/programs/lake%20view/2026-2027',
        windowKind: 'referral',
        windowLabel: 'the last 20 school days of the 2026-2027 school year',
        opens: '2027-05-07',
        closes: '2027-06-04',
        opensOn: 'Friday, May 7, 2027',
        closesOn: 'Friday, June 4, 2027',
        rule: 'PAR-SPRING-WINDOW',
      },
      recipients: HR_RECIPIENTS,
      channels: ['email', 'webhook'],
    });
  });

  it('PAR-VOL-WINDOW: the closing of a volunteer window is a window-closed notice about volunteer applications', () => {
    const notice = windowNotice(program(), WORKFLOW, '2027-01-18', volunteerWindow(), 'closed');
    expect(notice).toMatchObject({ deliveryId: 'par-program:riverside:2026-2027:window-closed:PAR-VOL-WINDOW:2027-01-17', kind: 'window-closed', template: 'par/window-closed' });
    expect(notice.facts).toMatchObject({
      windowKind: 'volunteer application',
      windowLabel: 'the first two weeks of January 2027',
      opensOn: 'Monday, January 4, 2027',
      closesOn: 'Sunday, January 17, 2027',
      rule: 'PAR-VOL-WINDOW',
    });
  });

  it('PAR-PRIORITY: a place given is told to HR with the group, the day, the places used and how many still wait', () => {
    expect(placeOfferedNotice(program(), WORKFLOW, '2027-08-20', { caseId: 'PAR-R1', group: 1, placedOn: '2027-08-20' })).toStrictEqual({
      deliveryId: 'par-program:riverside:2026-2027:place-offered:PAR-R1:2027-08-20',
      kind: 'place-offered',
      caseType: 'par',
      caseId: 'lake view:2026-2027',
      workflowId: WORKFLOW,
      district: 'lake view',
      template: 'par/place-offered',
      facts: {
        district: 'lake view',
        schoolYear: '2026-2027',
        today: '2027-08-20',
        programUrl: '/v1/par/programs/lake%20view/2026-2027',
        caseId: 'PAR-R1',
        groupName: 'Group I (Referred)',
        placedOn: 'Friday, August 20, 2027',
        places: '2',
        used: '1',
        waiting: '2',
      },
      recipients: HR_RECIPIENTS,
      channels: ['email', 'webhook'],
    });
  });
});
