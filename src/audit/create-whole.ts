import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `file` with `bytes`, once: written whole under a hidden name of its own, then linked to its name (which
 * fails if the name exists), so another process reading it never gets it half written (issue 15 item 5: the API
 * and a worker may keep one case document, or make one case key, at once). False when the file existed already.
 */
export async function createWhole(file: string, bytes: Uint8Array, mode: number): Promise<boolean> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}
