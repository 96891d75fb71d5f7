import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A fresh file beside `file`, made 0600 before any byte is in it (never an
 * existing one), holding `text`. Its name is this process's own, so two
 * processes writing the same file at once (two hubs starting on one data
 * directory) never write into, or remove, each other's.
 */
function ownerOnlyTemporary(file: string, text: string): string {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  return temporary;
}

/**
 * Writes a file only its owner can read, whatever the umask, replacing the
 * one before in one step: the text goes to a fresh file first and is
 * renamed into place, so a secret is never in a file another user can read
 * and nobody reads half a file.
 */
export function writeOwnerOnlyFile(file: string, text: string): void {
  const temporary = ownerOnlyTemporary(file, text);
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes an owner-only file only if there is none yet; answers whether this
 * call made it. For a key made at first start: when two processes start at
 * once, one key wins and both then read that one — the file is published
 * whole with link(), which (unlike rename) never replaces a file already
 * there.
 */
export function createOwnerOnlyFile(file: string, text: string): boolean {
  const temporary = ownerOnlyTemporary(file, text);
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
