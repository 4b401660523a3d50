import { isCalendarDate, type CalendarDate } from '../calendar';
import type { LongText } from '../case/stored-text';
import { textKey } from '../case/text-key';
import type { FinalReport, MonthlyLog, ParCase, ReportContent } from './par-case';
import { blank } from './par-step';

/** A field of a report that is missing or wrong, as a JSON pointer into the action. */
export interface ReportProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * PAR-MONTHLY / PAR-FINAL-CONF: what every written report must list: the goals, the assistance plan, the dates of
 * observations and of pre- and post-observation conferences, other resources used and reports from others who
 * assisted. A month without observations lists none [design], but no list may be left out, and no date may be in
 * the future (a report records what happened).
 */
export function contentProblems(content: ReportContent, today: CalendarDate, at: string): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `${at}/${field}`, message });
  if (!Array.isArray(content.goals) || content.goals.length === 0 || content.goals.some((g) => blank(g))) problem('goals', 'list the performance goals');
  if (blank(content.assistancePlan)) problem('assistancePlan', 'describe the assistance plan');
  for (const field of ['observationDates', 'preObservationConferences', 'postObservationConferences'] as const) {
    const dates = content[field];
    if (!Array.isArray(dates)) {
      problem(field, 'list the dates (an empty list when there were none)');
      continue;
    }
    dates.forEach((date, i) => {
      if (!isCalendarDate(date)) problem(`${field}/${i}`, `"${date}" is not a date`);
      else if (date > today) problem(`${field}/${i}`, `${date} is in the future`);
    });
  }
  if (!Array.isArray(content.otherResources) || content.otherResources.some((r) => blank(r))) problem('otherResources', 'list the other resources used (an empty list when none)');
  if (!Array.isArray(content.reportsFromOthers)) problem('reportsFromOthers', 'list the reports from others who assisted (an empty list when none)');
  else content.reportsFromOthers.forEach((r, i) => {
    if (blank(r.by) || blank(r.summary)) problem(`reportsFromOthers/${i}`, 'name who assisted and summarize their report');
  });
  return problems;
}

export function monthlyLogProblems(log: MonthlyLog, today: CalendarDate): ReportProblem[] {
  const problems = contentProblems(log, today, '/log');
  if (!isCalendarDate(log.progressSharedOn ?? '')) problems.push({ field: '/log/progressSharedOn', message: 'give the day progress was shared with the participant' });
  else if (log.progressSharedOn > today) problems.push({ field: '/log/progressSharedOn', message: `${log.progressSharedOn} is in the future` });
  return problems;
}

export function finalReportProblems(report: FinalReport, today: CalendarDate): ReportProblem[] {
  const problems = contentProblems(report, today, '/report');
  if (blank(report.summary)) problems.push({ field: '/report/summary', message: 'summarize the participant\'s progress on the goals' });
  return problems;
}

/** The goals in force: the last ones set in a meeting of all three (PAR-IPG). */
export function currentGoals(state: Pick<ParCase, 'goals'>): readonly LongText[] | undefined {
  return state.goals[state.goals.length - 1]?.goals;
}

/**
 * PAR-IPG: a report lists the goals in force, not goals changed outside a meeting of all three. Goals compare by what
 * they say (textKey), written out or stored (issue 11).
 */
export function sameGoals(a: readonly LongText[], b: readonly LongText[]): boolean {
  const norm = (goals: readonly LongText[]) => [...new Set(goals.map(textKey))].sort();
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

export const describeProblems = (problems: readonly ReportProblem[]) => problems.map((p) => `${p.field}: ${p.message}`).join('; ');
