import type { GrievancePolicy, Limit } from './grievance-policy';

const workDays = (count: number): Limit => ({ count, unit: 'work-day' });

/**
 * A second district's contract, unlike RULES.md's (issue 16; the embedded run seeds it for `SAMPLE_DISTRICT_2`, and
 * tests run the same scenarios under it and under the default): two levels, 30 work days to file, 7 calendar days
 * to appeal, and after the second level a demand for arbitration within 20 work days.
 */
export const TWO_LEVEL_ARBITRATION_POLICY: GrievancePolicy = {
  version: 1,
  title: 'Sample agreement: two levels, then arbitration',
  filing: { limit: workDays(30), countsFrom: 'knew-on' },
  representativeDelay: workDays(2),
  levels: [
    {
      decider: { role: 'principal', title: 'the principal' },
      conference: { allowed: true, limit: workDays(5), constrains: 'scheduling' },
      decision: { limit: workDays(10), countsFrom: 'conference-or-receipt' },
      appeal: { count: 7, unit: 'calendar-day' },
    },
    {
      decider: { role: 'superintendent', title: 'the superintendent or designee' },
      conference: { allowed: false },
      decision: { limit: workDays(15), countsFrom: 'receipt' },
    },
  ],
  lastLevel: { kind: 'arbitration-demand', limit: workDays(20) },
  conferenceNeverScheduled: 'from-conference-deadline',
};
