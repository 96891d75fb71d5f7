import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file only its owner can read, whatever the umask, replacing the
 * one before in one step: the text goes to a fresh file first (made 0600,
 * never an existing one) and is renamed into place, so a secret is never in
 * a file another user can read and nobody reads half a file.
 */
export function writeOwnerOnlyFile(file: string, text: string): void {
  const temporary = `${file}.new`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
