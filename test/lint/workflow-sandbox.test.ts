import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

// The lint rules are the guard rail that keeps workflow code deterministic: prove they fire where they must.
// Probe files are real (type-aware rules need them in the TypeScript project) and removed after each check.
describe('ESLint workflow-sandbox restriction', () => {
  const eslint = new ESLint({ cwd: root });
  let probe = 0;
  const ruleIds = async (dir: string, code: string) => {
    probe += 1;
    const file = path.join(root, dir, `lint-probe-${process.pid}-${probe}.ts`);
    await writeFile(file, code);
    try {
      const [result] = await eslint.lintFiles([file]);
      return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
    } finally {
      await rm(file, { force: true });
    }
  };

  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ["import crypto from 'crypto';\nexport const x = crypto;\n"],
    ["import { z } from 'zod';\nexport const x = z;\n"],
    ["import { Client } from '@temporalio/client';\nexport const x = Client;\n"],
    ["import { createActivities } from '../activities';\nexport const x = createActivities;\n"],
  ])('refuses %j under workflows/ and src/domain/', async (code) => {
    expect(await ruleIds('workflows', code)).toContain('@typescript-eslint/no-restricted-imports');
    expect(await ruleIds('src/domain', code.replace("'../activities'", "'../../activities'"))).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('allows Node built-ins in activities/ and type-only activity imports in workflows/', async () => {
    expect(await ruleIds('activities', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    expect(await ruleIds('workflows', "import type { CaseActivities } from '../activities';\nexport type X = CaseActivities;\n")).toEqual([]);
  });

  it('flags a floating promise', async () => {
    const code = 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n';
    expect(await ruleIds('src', code)).toContain('@typescript-eslint/no-floating-promises');
  });
});
