import { addDays, dateInZone, schoolYearOf } from '../domain/calendar';

/**
 * The school years around the district's today that the embedded run seeds: each offset in years (-1 the last
 * school year, 0 the current one, 1 the next).
 */
export function sampleSchoolYears(options: { readonly timeZone: string; readonly now?: Date | undefined }, offsets: readonly number[]): string[] {
  const today = dateInZone(options.now ?? new Date(), options.timeZone);
  return offsets.map((years) => schoolYearOf(addDays(today, 366 * years)));
}
