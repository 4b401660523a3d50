import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { icsWorkerEntry } from '../../src/calendar-import/ics-worker-thread';

const root = path.join(__dirname, '../..');

/** The TypeScript files of these source folders, compiled one by one to CommonJS under `outDir` (as tsc lays out dist/). */
function compile(outDir: string, folders: string[]) {
  for (const folder of folders) {
    for (const name of readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts')) continue;
      const file = path.join(root, folder, name);
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      const out = path.join(outDir, folder, name.replace(/\.ts$/, '.js'));
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, outputText);
    }
  }
}

describe('where the .ics worker thread is loaded from (CAL-4)', () => {
  it('CAL-4: compiled, the worker is the ics-worker.js beside the module; from sources, ics-worker.ts behind tsx', () => {
    expect(icsWorkerEntry('/app/dist/src/calendar-import/ics-worker-thread.js', () => true)).toEqual({ script: '/app/dist/src/calendar-import/ics-worker.js', eval: false });
    const fromSources = icsWorkerEntry(path.join(root, 'src/calendar-import/ics-worker-thread.ts'));
    expect(fromSources.eval).toBe(true);
    expect(fromSources.script).toContain(JSON.stringify(path.join(root, 'src/calendar-import/ics-worker.ts')));
    expect(fromSources.script).toContain('tsx');
  });

  it('CAL-4: from compiled JavaScript laid out as dist/ is, plain node (no tsx) imports in the worker thread', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'ics-worker-compiled-'));
    try {
      compile(outDir, ['src/calendar-import', 'src/domain']);
      const script = `
        const { IcsImportRunner } = require(${JSON.stringify(path.join(outDir, 'src/calendar-import/ics-import-runner.js'))});
        const text = require('node:fs').readFileSync(${JSON.stringify(path.join(root, 'test/fixtures/calendars/lakeview-2026-2027.ics'))}, 'utf8');
        const runner = new IcsImportRunner();
        runner.run(text, { schoolYear: '2026-2027' })
          .then((answer) => console.log(JSON.stringify({ timeZone: answer.calendar.timeZone, counts: answer.report.counts })))
          .finally(() => runner.close());`;
      // ical.js is found from the repository's node_modules; no loader, no NODE_OPTIONS: as `node dist/src/main.js`.
      const { NODE_OPTIONS: _options, ...env } = process.env;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...env, NODE_PATH: path.join(root, 'node_modules') } });
      expect(JSON.parse(stdout)).toEqual({ timeZone: 'America/Chicago', counts: { imported: 13, ignored: 4, looksLikeDayOff: 0 } });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
