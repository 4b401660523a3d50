import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

const RESTRICTED = [
  "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  "import crypto from 'crypto';\nexport const x = crypto;\n",
  "import { z } from 'zod';\nexport const x = z;\n",
  "import { Client } from '@temporalio/client';\nexport const x = Client;\n",
  "import { createActivities } from '../activities';\nexport const x = createActivities;\n",
];

/** Every probe of this file: a folder, the code, and a name to read its result by. */
const PROBES: { name: string; dir: string; code: string }[] = [
  ...RESTRICTED.flatMap((code, i) => [
    { name: `restricted-${i}-workflows`, dir: 'workflows', code },
    { name: `restricted-${i}-domain`, dir: 'src/domain', code: code.replace("'../activities'", "'../../activities'") },
  ]),
  { name: 'activities-node', dir: 'activities', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { name: 'workflows-type-import', dir: 'workflows', code: "import type { CaseActivities } from '../activities';\nexport type X = CaseActivities;\n" },
  { name: 'floating-promise', dir: 'src', code: 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n' },
];

// The lint rules are the guard rail that keeps workflow code deterministic: prove they fire where they must.
// Probe files are real (type-aware rules need them in the TypeScript project). They are linted in ONE run, so the
// type-aware program is built once, not once a probe: the test does not race a busy machine.
describe('ESLint workflow-sandbox restriction', () => {
  const files = new Map(PROBES.map((p) => [p.name, path.join(root, p.dir, `lint-probe-${process.pid}-${p.name}.ts`)]));
  const results = new Map<string, string[]>();

  beforeAll(async () => {
    await Promise.all(PROBES.map((p) => writeFile(files.get(p.name)!, p.code)));
    try {
      const linted = await new ESLint({ cwd: root }).lintFiles([...files.values()]);
      for (const [name, file] of files) results.set(name, linted.find((r) => r.filePath === file)?.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`) ?? ['not linted']);
    } finally {
      await Promise.all([...files.values()].map((file) => rm(file, { force: true })));
    }
  });
  afterAll(async () => {
    await Promise.all([...files.values()].map((file) => rm(file, { force: true })));
  });

  it.each(RESTRICTED.map((code, i) => [code, i] as const))('refuses %j under workflows/ and src/domain/', (_code, i) => {
    expect(results.get(`restricted-${i}-workflows`)).toContain('@typescript-eslint/no-restricted-imports');
    expect(results.get(`restricted-${i}-domain`)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows Node built-ins in activities/ and type-only activity imports in workflows/', () => {
    expect(results.get('activities-node')).toEqual([]);
    expect(results.get('workflows-type-import')).toEqual([]);
  });

  it('flags a floating promise', () => {
    expect(results.get('floating-promise')).toContain('@typescript-eslint/no-floating-promises');
  });
});
