import { ZipFile } from 'yazl';

/** One file of a zip archive. */
export interface ZipEntry {
  /** Its path in the archive, `/`-separated (UTF-8). */
  readonly name: string;
  readonly data: Uint8Array;
}

/**
 * A zip archive of the entries, in order, written by yazl: each deflated (on libuv's thread pool, not the event
 * loop) with its CRC-32, UTF-8 names, every entry dated `modified`. Deterministic: the same entries and date give
 * the same bytes (the packet route answers the same zip for the same case and time).
 */
export function writeZip(entries: readonly ZipEntry[], modified: Date = new Date()): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.data), entry.name, { mtime: modified, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
