import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Chromium shell's throw-away profile: a fresh directory for every start
 * (owner-only), removed when the shell stops — and, when the shell was
 * killed before it could, at the next start. Nothing a citizen did survives
 * in the browser, and nothing is left for "restore pages?".
 */

/**
 * Recognisable, so a later start finds what a killed one left: the name
 * carries the pid of the shell that owns it (`kiosk-shell-profile-<pid>-XXXXXX`),
 * set in the same step that makes the directory, so no moment exists in
 * which a profile has no known owner.
 */
export const PROFILE_PREFIX = 'kiosk-shell-profile-';
const PROFILE_NAME = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`);

/** The pid of the shell that owns a profile directory, from its name. */
export function profileOwner(name: string): number | undefined {
  const m = PROFILE_NAME.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/**
 * Preferences Chromium reads from a new profile. The translate offer is a
 * profile preference ("translate.enabled"): the `Translate` feature switch
 * alone still lets Chromium 156 put its "Chinese (Simplified) | English"
 * bubble over the page. The rest keeps first-run and sign-in UI away.
 */
const PREFERENCES = {
  translate: { enabled: false },
  translate_blocked_languages: ['zh-CN', 'zh', 'en'],
  browser: { has_seen_welcome_page: true, check_default_browser: false },
  credentials_enable_service: false,
  autofill: { profile_enabled: false, credit_card_enabled: false },
  profile: {
    exit_type: 'Normal',
    exited_cleanly: true,
    default_content_setting_values: { notifications: 2, geolocation: 2 },
  },
  signin: { allowed: false },
  session: { restore_on_startup: 5 },
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes profiles left by shells that are gone: ours by prefix, owned by
 * this user, and whose owner is not running (another kiosk shell's profile
 * is left alone). Returns the directories removed.
 */
export function removeLeftoverProfiles(dir: string = tmpdir(), uid: number | undefined = process.getuid?.()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const owner = profileOwner(name);
    if (owner === undefined || isAlive(owner)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
    } catch {
      continue;
    }
    removeProfile(path);
    removed.push(path);
  }
  return removed;
}

/** Makes a fresh profile (mode 0700) owned by this process, with the kiosk's preferences. */
export function createProfile(dir: string = tmpdir()): string {
  const profile = mkdtempSync(join(dir, `${PROFILE_PREFIX}${process.pid}-`));
  chmodSync(profile, 0o700);
  mkdirSync(join(profile, 'Default'), { mode: 0o700 });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(PREFERENCES), { mode: 0o600 });
  return profile;
}

export function removeProfile(profile: string): void {
  // Retries: a helper process of the browser may still be finishing a write.
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
