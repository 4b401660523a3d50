// @ts-check
// Mutation testing of the pure rules (src/domain/**) against the domain tests only (test/domain/**): a report like
// the benchmarks, not part of `npm test`. Run `npm run test:mutation`, or one folder at a time (2 cores):
//   npm run test:mutation -- --mutate 'src/domain/calendar/**'
// Survivors judged equivalent are listed with their reason in tools/mutation/equivalent-mutants.md.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// test/domain/case/rule-ids.test.ts reads RULES.md next to the repository; the sandbox is a copy one level deeper.
process.env.RULES_MD ??= path.resolve(root, '../shared/domain/RULES.md');

// Incremental: one result file per file filter, so a run over one folder keeps the results of the others.
const mutateArg = process.argv.findIndex((arg) => arg === '--mutate' || arg === '-m' || arg.startsWith('--mutate='));
const filter = mutateArg < 0 ? 'all' : process.argv[mutateArg].startsWith('--mutate=') ? process.argv[mutateArg].slice(9) : (process.argv[mutateArg + 1] ?? 'all');
const fullSlug = filter.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'all';
// A list of many files makes a name longer than a file name may be (ENAMETOOLONG): its start and a digest of it.
const slug = fullSlug.length <= 120 ? fullSlug : `${fullSlug.slice(0, 100)}-${createHash('sha256').update(filter).digest('hex').slice(0, 12)}`;
const incrementalFile = `.cache/mutation/incremental-${slug}.json`;

// A static mutant (in code run once, when the module loads: a constant, a pattern) has no per-test coverage, so
// Stryker's incremental mode would reuse its survival forever, even once a new test kills it; and a mutant no test
// reached was not known to be static. Forget those results before the run: they are few, and tested again each time.
const incrementalPath = path.join(root, incrementalFile);
if (existsSync(incrementalPath) && !process.argv.includes('--force')) {
  const report = JSON.parse(readFileSync(incrementalPath, 'utf8'));
  for (const file of Object.values(report.files ?? {})) {
    file.mutants = file.mutants.filter((mutant) => mutant.status !== 'NoCoverage' && !(mutant.static && mutant.status !== 'Killed' && mutant.status !== 'Timeout'));
  }
  writeFileSync(incrementalPath, JSON.stringify(report, null, 2));
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tools/mutation/vitest.domain.config.mjs', related: true },
  mutate: ['src/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  // The first run of every test (coverage per test) can take more than Stryker's 5 minutes on a loaded machine.
  dryRunTimeoutMinutes: 20,
  incremental: true,
  incrementalFile,
  tempDirName: '.cache/stryker-tmp',
  // Only what the domain tests read goes to the sandbox (the caches and local data are large).
  ignorePatterns: ['/.cache', '/.data', '/dist', '/coverage', '/reports'],
  reporters: ['clear-text', 'progress', 'html'],
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: `.cache/mutation/report-${slug}.html` },
  thresholds: { high: 90, low: 85, break: null },
};
