import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `file` with `bytes`, once: written whole under a hidden name of its own, then linked to its name (which
 * fails if the name exists), so another process reading it never gets it half written (issue 15 item 5: the API
 * and a worker may keep one case document, or make one case key, at once). False when the file existed already.
 * Its folder is made (with `folderMode`) when missing.
 */
export async function createWhole(file: string, bytes: Uint8Array, mode: number, folderMode?: number): Promise<boolean> {
  // Issue 11: a file that exists already (the same document stored again: it is named by its content) is not written
  // and synced a second time only to be refused by the link. The link below still decides a race.
  if (await exists(file)) return false;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await openNew(temporary, mode, folderMode);
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

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Opens `file` new; its folder is made only when missing (issue 11: not asked of the disk on every write). */
async function openNew(file: string, mode: number, folderMode: number | undefined) {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  try {
    return await open(file, flags, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true, ...(folderMode === undefined ? {} : { mode: folderMode }) });
    return open(file, flags, mode);
  }
}
