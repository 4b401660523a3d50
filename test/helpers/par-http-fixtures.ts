// PAR requests as HR systems send them over HTTP, on the real clock (the end-to-end suites on the dev server and on
// the cluster alike).
import { addDays, dateInZone, schoolYearOf, type DistrictCalendar } from '../../src/domain/calendar';
import { calendarsAround } from './synthetic-calendars';

export const PAR_TIME_ZONE = 'America/Chicago';

/**
 * The real clock is outside the PAR windows most of the year, so requests are entered with the day they were made
 * (`referredOn`, `appliedOn`): the most recent spring whose referral window (the last 20 school days up to June 30
 * on the synthetic calendars, where every weekday is a school day) lies at least three weeks back, so the two weeks
 * for the acceptance notice have passed too. The program year is that spring's school year.
 */
export const today = dateInZone(new Date(), PAR_TIME_ZONE);
const threeWeeksAgo = addDays(today, -21);
export const spring = Number(threeWeeksAgo.slice(0, 4)) - (threeWeeksAgo >= `${threeWeeksAgo.slice(0, 4)}-06-15` ? 0 : 1);
export const REFERRED_ON = `${spring}-06-15`; // PAR-SPRING-WINDOW: inside the last 20 school days of the year
export const APPLIED_ON = `${spring}-01-06`; // PAR-VOL-WINDOW: inside the first two weeks of January
export const OUTSIDE_WINDOWS = `${spring}-03-02`;
export const SCHOOL_YEAR = schoolYearOf(REFERRED_ON);

/** Synthetic calendars for the program year and the two after it: they cover the referral, today and a year ahead. */
export function calendarsFor(district: string): DistrictCalendar[] {
  const anchor = (date: string) => calendarsAround(Date.parse(`${date}T12:00:00Z`), district, PAR_TIME_ZONE).calendars;
  const all = [...anchor(REFERRED_ON), ...anchor(addDays(REFERRED_ON, 366))];
  return all.filter((calendar, i) => all.findIndex((c) => c.schoolYear === calendar.schoolYear) === i);
}

export const unsatisfactory = (n: number) => [1, 2, 3, 4, 5, 6].map((standard) => ({ standard, rating: standard <= n ? 'unsatisfactory' : 'meets-standard' }));

/** A referral (PAR-REF-ELIG: three unsatisfactory standards) of `participant` at Lincoln unless told otherwise. */
export const referral = (id: string, participant: string, options: { school?: string; referredOn?: string; panelEmail?: string } = {}) => ({
  id,
  school: options.school ?? 'lincoln-elementary',
  participant: { id: participant, name: `Teacher ${participant}`, email: `${participant}@example.org`, status: 'permanent' },
  evaluator: { id: 'eval-park', name: 'Sam Park' },
  principal: { id: 'principal-ng', name: 'Lin Ng' },
  contacts: { panel: { name: 'PAR panel', email: options.panelEmail ?? 'par-panel@district-a.example.org' } },
  referredOn: options.referredOn ?? REFERRED_ON,
  evaluation: { completedOn: addDays(REFERRED_ON, -14), standards: unsatisfactory(3) },
});

/** A Volunteer's application (PAR-VOL-WINDOW), recommended by the evaluator. */
export const volunteer = (id: string, participant: string, options: { school?: string } = {}) => ({
  id,
  school: options.school ?? 'lincoln-elementary',
  participant: { id: participant, name: `Teacher ${participant}`, email: `${participant}@example.org`, status: 'permanent' },
  evaluator: { id: 'eval-park', name: 'Sam Park' },
  principal: { id: 'principal-ng', name: 'Lin Ng' },
  recommendedBy: 'eval-park',
  appliedOn: APPLIED_ON,
});

/** PAR-PRIORITY: the program year HR configures before any referral. */
export const programYear = (district: string) => ({
  consultingTeachers: [{ id: 'ct-kim', name: 'Kim Lee', caseload: 3 }, { id: 'ct-ortiz', caseload: 2 }],
  volunteerMaximum: 2,
  notify: [{ name: 'PAR office', email: `par-office@${district}.example.org` }],
});
