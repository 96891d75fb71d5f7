import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readRuntimeFile } from '../runtime-file';

/**
 * The kiosk's last crash, as the hub's fleet page shows it. A service that
 * stops cleanly removes its run file (run/service.json); one that finds the
 * file of an earlier run whose process is gone knows that run ended without
 * shutting down — killed, crashed, or the power went — and keeps a note of
 * it in run/last-crash.json until a newer one replaces it. The note says
 * when that run had started and with which version, never an error's text:
 * an exception's message can carry what a citizen typed.
 */

const LastCrash = z.object({ at: z.string().max(40), reason: z.string().max(500) });
export type LastCrash = z.infer<typeof LastCrash>;

const lastCrashPath = (dataDir: string): string => join(dataDir, 'run', 'last-crash.json');

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Called at start, before this run writes its own run file: when an earlier
 * run's file is still there and its process is gone, that run crashed.
 * Answers the note written, if any.
 */
export function noteUncleanExit(dataDir: string, now: Date, ownPid = process.pid): LastCrash | undefined {
  const earlier = readRuntimeFile(dataDir);
  if (earlier === undefined || earlier.pid === ownPid || processIsAlive(earlier.pid)) return undefined;
  const note: LastCrash = {
    at: now.toISOString(),
    reason: `the run started ${earlier.startedAt} (version ${earlier.version}) ended without shutting down: killed, crashed or the power went`,
  };
  const file = lastCrashPath(dataDir);
  const fresh = `${file}.${ownPid}.tmp`;
  writeFileSync(fresh, JSON.stringify(note), { mode: 0o600 });
  renameSync(fresh, file);
  return note;
}

/** The last crash noted, or null when none was (or the note cannot be read). */
export function readLastCrash(dataDir: string): LastCrash | null {
  try {
    return LastCrash.parse(JSON.parse(readFileSync(lastCrashPath(dataDir), 'utf8')));
  } catch {
    return null;
  }
}
