import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_PREFIX, createProfile, profileOwner, removeLeftoverProfiles, removeProfile } from './chromium-profile';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'profile-test-'));
  dirs.push(d);
  return d;
}

/** The pid of a process that has certainly ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('the Chromium shell’s throw-away profile', () => {
  it('is new, owner-only and tells Chromium not to offer translation', () => {
    const dir = scratch();
    const a = createProfile(dir);
    const b = createProfile(dir);
    expect(a).not.toBe(b);
    expect(a.startsWith(join(dir, `${PROFILE_PREFIX}${process.pid}-`))).toBe(true);
    expect(profileOwner(basename(a))).toBe(process.pid);
    expect(statSync(a).mode & 0o777).toBe(0o700);
    const prefs = JSON.parse(readFileSync(join(a, 'Default', 'Preferences'), 'utf8')) as {
      translate: { enabled: boolean };
    };
    expect(prefs.translate.enabled).toBe(false);
    removeProfile(a);
    expect(existsSync(a)).toBe(false);
  });

  it('left by a shell that is gone is removed; one in use, or not ours, is kept', async () => {
    const dir = scratch();
    const inUse = createProfile(dir);
    const orphan = join(dir, `${PROFILE_PREFIX}${await deadPid()}-AbC123`);
    mkdirSync(join(orphan, 'Default'), { recursive: true });
    // Not ours by name: an older shell's, or anybody else's.
    const others = [
      join(dir, 'kiosk-chromium-Xy12Zq'),
      join(dir, `${PROFILE_PREFIX}nopid`),
      join(dir, 'someone-elses'),
    ];
    for (const o of others) mkdirSync(o);
    expect(removeLeftoverProfiles(dir)).toEqual([orphan]);
    expect(existsSync(inUse)).toBe(true);
    for (const o of others) expect(existsSync(o)).toBe(true);
    // Another user's leftovers are theirs to remove.
    const theirs = join(dir, `${PROFILE_PREFIX}${await deadPid()}-Qw9Er8`);
    mkdirSync(theirs);
    expect(removeLeftoverProfiles(dir, 12345)).toEqual([]);
    expect(existsSync(theirs)).toBe(true);
  });
});
