import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Chromium shell's throw-away profile: a fresh directory for every start
 * (owner-only), removed when the shell stops — and, when the shell was
 * killed before it could, at the next start. Nothing a citizen did survives
 * in the browser, and nothing is left for "restore pages?".
 */

/** Recognisable, so a later start finds what a killed one left. */
export const PROFILE_PREFIX = 'kiosk-chromium-';
/** Inside each profile: the pid of the shell that owns it. */
const OWNER_FILE = 'kiosk-shell.pid';

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
  profile: { exit_type: 'Normal', exited_cleanly: true, default_content_setting_values: { notifications: 2, geolocation: 2 } },
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
    if (!name.startsWith(PROFILE_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      const owner = Number.parseInt(readFileSync(join(path, OWNER_FILE), 'utf8'), 10);
      if (Number.isInteger(owner) && isAlive(owner)) continue;
    } catch {
      // No owner file (killed while it was being made): nobody owns it.
    }
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** Makes a fresh profile (mode 0700) owned by this process, with the kiosk's preferences. */
export function createProfile(dir: string = tmpdir()): string {
  const profile = mkdtempSync(join(dir, PROFILE_PREFIX));
  chmodSync(profile, 0o700);
  writeFileSync(join(profile, OWNER_FILE), String(process.pid), { mode: 0o600 });
  mkdirSync(join(profile, 'Default'), { mode: 0o700 });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(PREFERENCES), { mode: 0o600 });
  return profile;
}

export function removeProfile(profile: string): void {
  // Retries: a helper process of the browser may still be finishing a write.
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
