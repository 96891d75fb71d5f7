import { chmodSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { SubsystemReason, SubsystemState } from '../../common/api/health';
import { sqliteFiles } from '../../server-kit/sqlite/files';
import { DatabaseTooNewError } from '../../server-kit/sqlite/migrations';
import { openRecordsDb, RecordsDamagedError } from './records-db';

/**
 * What the service makes of records.db at start: the open database, and the
 * storage state health reports when it is anything but plainly fine.
 */
export interface OpenedRecords {
  db: Database | undefined;
  /** Unavailable (submissions answer 503), degraded (open, but something to check), or undefined when all is well. */
  state: SubsystemState | undefined;
}

const sizeOf = (file: string): number | undefined => {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
};

/**
 * A zero-length records.db is what a crash between creating the file and its
 * first write leaves, or a file system that lost the file's contents. SQLite
 * would silently take it for a new, empty database; instead the kiosk starts
 * afresh on purpose and says so (the reference serials cannot repeat: see
 * serialFloor in the outbox). A write-ahead log beside it may still hold the
 * last transactions: it is kept aside, owner-only, never replayed onto an
 * empty file. Returns what was kept, or undefined when records.db is not empty.
 */
export function setAsideEmptyRecords(file: string, now: Date = new Date()): { keptAside: string[] } | undefined {
  if (sizeOf(file) !== 0) return undefined;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const keptAside: string[] = [];
  for (const f of sqliteFiles(file)) {
    const size = sizeOf(f);
    if (size === undefined) continue;
    // The -shm index is rebuilt from the log; an empty file holds nothing.
    if (size === 0 || f.endsWith('-shm')) {
      rmSync(f, { force: true });
      continue;
    }
    const aside = `${f}.set-aside-${stamp}`;
    renameSync(f, aside);
    chmodSync(aside, 0o600);
    keptAside.push(aside);
  }
  return { keptAside };
}

/** Opens records.db for the service; never throws: a records.db the kiosk cannot use turns submissions off, not the kiosk. */
export function openRecords(file: string, logger: Logger): OpenedRecords {
  let recreated: { keptAside: string[] } | undefined;
  try {
    recreated = setAsideEmptyRecords(file);
    const db = openRecordsDb(file);
    if (recreated === undefined) return { db, state: undefined };
    const kept =
      recreated.keptAside.length === 0 ? 'nothing else was there' : `kept aside: ${recreated.keptAside.join(', ')}`;
    const state: SubsystemState = {
      state: 'degraded',
      reason: 'records-recreated' satisfies SubsystemReason<'storage'>,
      detail: `${file} was empty (0 bytes) and was created afresh: submissions stored before are not in it (${kept})`,
    };
    logger.warn({ detail: state.detail }, 'records database was empty; started afresh');
    return { db, state };
  } catch (error) {
    const reason: SubsystemReason<'storage'> =
      error instanceof DatabaseTooNewError
        ? 'records-too-new'
        : error instanceof RecordsDamagedError
          ? 'records-damaged'
          : 'records-unavailable';
    const state: SubsystemState = { state: 'unavailable', reason, detail: (error as Error).message };
    logger.error({ reason, detail: state.detail }, 'records database unavailable; submissions are off');
    return { db: undefined, state };
  }
}
