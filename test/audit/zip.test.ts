import { describe, expect, it } from 'vitest';
import { writeZip } from '../../src/audit/zip';
import { pythonZipListing, readZip, zipFile } from './zip-reader';

const entries = [
  { name: 'packet.pdf', data: Buffer.from('%PDF-1.4\n' + 'stream of text, repeated '.repeat(400)) },
  { name: 'tiny.txt', data: Buffer.from('ok') },
  { name: 'empty.json', data: Buffer.alloc(0) },
  { name: 'dossier/décision – niveau 2.txt', data: Buffer.from('Décision: grief accueilli.\n') },
  { name: 'random.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)) },
];

describe('zip writer (yazl)', () => {
  it('writes every file with its CRC-32, readable back byte for byte', async () => {
    const zip = await writeZip(entries, new Date(2026, 4, 17, 13, 45, 30));
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const entry of entries) expect(files.get(entry.name)).toEqual(entry.data);
    // The repetitive one is deflated.
    expect(zip.length).toBeLessThan(entries.reduce((n, e) => n + e.data.length, 0));
  });

  it('is deterministic: the same files and date give the same bytes', async () => {
    const at = new Date(2026, 0, 2, 3, 4, 6);
    expect((await writeZip(entries, at)).equals(await writeZip(entries, at))).toBe(true);
  });

  it("passes Python's zipfile test, which checks every CRC, and lists the names", async () => {
    const listing = pythonZipListing(zipFile(await writeZip(entries, new Date(2026, 4, 17, 13, 45, 30))));
    for (const entry of entries) expect(listing).toContain(entry.name);
    expect(listing).toContain('2026-05-17 13:45:30');
  });
});
