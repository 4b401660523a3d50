import { describe, expect, it } from 'vitest';
import { useParCases } from '../../helpers/par-cases';
import { expectOnlyDeliveriesThatHappened } from '../../helpers/deliveries';
import { fullReferredCase } from '../../helpers/par-driver';

// Its own time-skipping server: the clock only moves forward, and this case starts in May 2027 like the other.
describe('a Referred PAR intervention under the full-semester rules, on the time-skipping server', () => {
  const cases = useParCases('par-intervention-full-semesters');

  it(
    'PAR-MONTHLY / PAR-SEMESTER / PAR-FINAL-CONF / PAR-OUTCOME / PAR-MAX-18: under the full-semester rules, two full semesters, extended to a third ' +
      'that runs its own monthly logs and review, the final conference and report in its window, the outcome after three',
    async () => {
      const { par } = cases;
      const wf = await fullReferredCase(par, 'PAR-2027-FULL', { rules: 'full-semesters' });
      const done = await par.closed(wf);
      expect(done.case.policy).toMatchObject({ version: 2, assistance: { semesterStartWeeks: 3, finalWindowSchoolDays: 20 } });
      expect(done.case.schedule).toMatchObject({
        assignedOn: '2027-08-18',
        semesters: [
          { ordinal: 1, name: 'Fall 2027', end: '2028-01-14' },
          { ordinal: 2, name: 'Spring 2028', end: '2028-06-02' },
          { ordinal: 3, name: 'Fall 2028', end: '2029-01-12' },
        ],
      });
      expect(done.case.schedule?.notCounted).toBeUndefined();
      expect(done.case.outcomes.map((o) => [o.outcome, o.afterSemesters])).toEqual([
        ['extend-one-semester', 2],
        ['insufficient-progress', 3],
      ]);
      // Every semester reviewed: the first by the panel, the second and third by the outcome votes.
      expect(done.case.reviews).toEqual([
        { ordinal: 1, reviewedOn: '2028-01-20', via: 'review' },
        { ordinal: 2, reviewedOn: '2028-06-07', via: 'outcome' },
        { ordinal: 3, reviewedOn: '2029-01-19', via: 'outcome' },
      ]);
      const deadlines = done.clock.deadlines;
      // The third semester ran its monthly logs (2028-09-14 ... 2029-01-05), each met in time.
      const thirdSemesterLogs = deadlines.filter((d) => d.key.startsWith('monthly-log:') && d.key > 'monthly-log:2028-08');
      expect(thirdSemesterLogs.filter((d) => d.status === 'met').length).toBeGreaterThanOrEqual(5);
      expect(deadlines.find((d) => d.key === 'semester-review:3')).toMatchObject({ status: 'met' });
      expect(deadlines.find((d) => d.key === 'final-conference:3')).toMatchObject({ status: 'met', current: { due: '2029-01-12' } });
      // PAR-MAX-18: 18 months from the assignment (2027-08-18); the district decided before the cap.
      expect(deadlines.find((d) => d.key === 'max-duration')).toMatchObject({ status: 'cancelled', current: { due: '2029-02-18' } });
      expect(done.case.closed).toEqual({ reason: 'district-decision', on: '2029-01-25', rule: 'PAR-OUTCOME' });
      for (const count of await par.eventsPerRun(wf)) expect(count).toBeLessThan(2000);
      // No WEBHOOK_URL on the test worker: every run's webhook records say so, the timeline lists no webhook delivery.
      await expectOnlyDeliveriesThatHappened(par.client, wf, done.notices, ['email', 'webhook', 'letter']);
    },
    240_000,
  );
});
