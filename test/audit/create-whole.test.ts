import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWhole } from '../../src/audit/create-whole';

const folder = () => mkdtempSync(path.join(os.tmpdir(), 'create-whole-'));

describe('createWhole', () => {
  it('makes the missing folders (with the mode asked) and writes the file whole, leaving no temporary file', async () => {
    const root = folder();
    const file = path.join(root, 'a', 'b', 'record');
    expect(await createWhole(file, Buffer.from('first'), 0o444, 0o700)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(statSync(path.join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(path.join(root, 'a', 'b'))).toEqual(['record']);
  });

  it('answers false for a file that exists, keeps it as it was, and writes nothing beside it', async () => {
    const root = folder();
    const file = path.join(root, 'record');
    writeFileSync(file, 'kept');
    expect(await createWhole(file, Buffer.from('second'), 0o444)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(readdirSync(root)).toEqual(['record']);
  });

  it('creates one of many concurrent writes of a name: one true, the rest false, the file whole', async () => {
    const file = path.join(folder(), 'x', 'record');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => createWhole(file, Buffer.from(`writer ${i}`), 0o444)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toMatch(/^writer \d$/);
    expect(readdirSync(path.dirname(file))).toEqual(['record']);
  });
});
