import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';

/**
 * Reads a zip the way an unzip program does, from the end: the end-of-central-directory record, each central
 * header, the local header it points at, the data (stored or deflated), whose CRC-32 and size must match both
 * headers. Fails the test on any inconsistency; answers the files by name, in order.
 */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, compressed, size, nameLength] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24), zip.readUInt16LE(at + 28)];
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect([zip.readUInt16LE(local + 8), zip.readUInt32LE(local + 14), zip.readUInt32LE(local + 18), zip.readUInt32LE(local + 22)]).toEqual([method, crc, compressed, size]);
    expect(zip.subarray(local + 30, local + 30 + nameLength).toString('utf8')).toBe(name);
    const start = local + 30 + nameLength + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : (expect(method).toBe(0), Buffer.from(body));
    expect(data.length).toBe(size);
    expect(crc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/** Writes the zip to a temporary file and returns its path, for the system's unzip tools. */
export function zipFile(zip: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'test.zip');
  writeFileSync(file, zip);
  return file;
}

/** `python3 -m zipfile -t` (tests every CRC) must pass; answers `python3 -m zipfile -l`'s listing. */
export function pythonZipListing(file: string): string {
  const test = execFileSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' });
  expect(test).toMatch(/Done testing/);
  return execFileSync('python3', ['-m', 'zipfile', '-l', file], { encoding: 'utf8' });
}

export const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
