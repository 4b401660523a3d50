import { describe, expect, it } from 'vitest';
import { useParCases } from '../../helpers/par-cases';
import { fullReferredCase } from '../../helpers/par-driver';

describe('a Referred PAR intervention on the time-skipping server', () => {
  const cases = useParCases('par-intervention-referred');

  it(
    'PAR-ACCEPT-NOTICE / PAR-CT-SELECT-10 / PAR-IPG / PAR-MONTHLY / PAR-SIGN / PAR-SEMESTER / PAR-FINAL-CONF / PAR-OUTCOME / PAR-RESULT-EVAL / PAR-MAX-18: ' +
      'an 18-month case opened before the full-semester rules, two semesters extended to a third, the district decides, every run under 2,000 events',
    async () => {
      const { par } = cases;
      const wf = await fullReferredCase(par, 'PAR-2027-001');
      const done = await par.closed(wf);

      expect(done.case.closed).toEqual({ reason: 'district-decision', on: '2029-01-25', rule: 'PAR-OUTCOME' });
      expect(done.case.outcomes.map((o) => [o.outcome, o.afterSemesters, o.forAnnualEvaluation.finalReportId])).toEqual([
        ['extend-one-semester', 2, 'final-report-2'],
        ['insufficient-progress', 3, 'final-report-3'],
      ]);
      expect(done.case.policy.version).toBe(1);
      expect(done.case.reports.filter((r) => r.kind === 'monthly-log')).toHaveLength(14);
      expect(done.case.monthly.missed).toEqual([]);
      // Each month's log was its own deadline, met in time; the participant's window to respond to the third report passed.
      const deadlines = done.clock.deadlines;
      const logs = deadlines.filter((d) => d.key.startsWith('monthly-log:'));
      expect(logs.length).toBeGreaterThanOrEqual(14);
      expect(logs.filter((d) => d.status === 'met')).toHaveLength(14);
      expect(deadlines.find((d) => d.key === 'final-response:3')?.status).toBe('missed');
      expect(deadlines.find((d) => d.key === 'acceptance-notice')).toMatchObject({ status: 'met', current: { due: '2027-05-24' } });
      expect(deadlines.find((d) => d.key === 'consulting-teacher-assignment')).toMatchObject({ status: 'met', current: { due: '2027-06-04' } });
      expect(deadlines.find((d) => d.key === 'semester-review:1')).toMatchObject({ status: 'met', current: { due: '2028-01-31' } });
      // PAR-MAX-18: 18 months from the first day of assistance; the district decided before the cap.
      expect(deadlines.find((d) => d.key === 'max-duration')).toMatchObject({ status: 'cancelled', current: { due: '2029-02-18' } });
      // The acceptance notice went by registered mail (a letter) and email.
      expect(done.notices.filter((n) => n.deliveryId.includes(':acceptance-notice:')).map((n) => n.channel).sort()).toEqual(['email', 'letter']);
      // No program year runs in this test: the place request failed and is recorded; the case went on (Group I).
      expect(done.program[0]).toMatchObject({ signal: 'requestPlace', failure: expect.any(String) });

      // Continue-as-new at semester boundaries: several runs, each well under 2,000 events.
      const events = await par.eventsPerRun(wf);
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect(done.run).toBe(events.length);
      for (const count of events) expect(count).toBeLessThan(2000);
    },
    240_000,
  );
});
