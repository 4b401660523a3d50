/**
 * Benchmark: how fast the engine computes deadlines (issue target: 100,000 in well under a second).
 *   npm run bench
 * Prints the figures; it asserts nothing (speed is measured here, never in tests).
 */
import { performance } from 'node:perf_hooks';
import { DistrictCalendars, addDays, computeDeadline, type DeadlineUnit } from '../src/domain/calendar';
import { lakeview2026, lakeview2027 } from '../test/helpers/calendars';

const calendars = new DistrictCalendars('lakeview', [lakeview2026, lakeview2027]);
const units: DeadlineUnit[] = ['school-day', 'school-day', 'work-day', 'calendar-day', 'month'];
const counts = [5, 10, 40, 10, 18];
const N = 100_000;

function run(): { ms: number; skippedRuns: number } {
  let skippedRuns = 0;
  const start = performance.now();
  for (let i = 0; i < N; i += 1) {
    const k = i % units.length;
    const deadline = computeDeadline(calendars, {
      rule: 'BENCH',
      trigger: addDays('2026-08-19', i % 200),
      unit: units[k]!,
      count: counts[k]!,
    });
    skippedRuns += deadline.skipped.length;
  }
  return { ms: performance.now() - start, skippedRuns };
}

run(); // warm-up: JIT and the compiled calendars
const rounds = [run(), run(), run()].map((r) => r.ms).sort((a, b) => a - b);
const median = rounds[1]!;
console.log(`deadlines computed: ${N} per round (school/work/calendar days and months, 5 to 40 units, with explanations)`);
console.log(`rounds (ms): ${rounds.map((ms) => ms.toFixed(1)).join(', ')}`);
console.log(`median: ${median.toFixed(1)} ms for ${N} deadlines = ${((N / median) * 1000).toFixed(0)} deadlines/s`);
