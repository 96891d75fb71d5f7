import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SubsystemReason, SubsystemState } from '../../common/api/health';
import { openSearch } from '../search/open-search';
import type { SearchEngine } from '../search/search-engine';
import { ContentReader } from './content-reader';
import { PinyinIme } from '../search/ime';
import { ContentReleaseError, openContentDb } from './content-db';

export class ContentUnavailableError extends Error {}

/**
 * The content release the service answers from. Opening the database takes
 * one quick_check; the search engine loads its segmentation dictionary
 * (~0.2 s), so it is built on first use — and warmed right after the service
 * is ready, so no citizen waits for it.
 *
 * A release that turns out damaged after it was opened (a page the disk
 * garbled, a table the search needs missing) makes content unavailable from
 * then on, as one that could not be opened does: the service keeps running
 * for everything that does not need content, and health says why.
 */
export interface ContentService {
  state(): SubsystemState;
  /** The version of the release served, while it is usable (what the kiosk reports to the hub). */
  releaseVersion(): string | null;
  search(): SearchEngine;
  reader(): ContentReader;
  ime(): PinyinIme;
  /** Builds the search engine now; a release it cannot be built from is marked unavailable (see `state`). */
  warm(): SubsystemState;
  /**
   * Runs one read of the release; a read that finds the file damaged marks
   * content unavailable and is thrown as a ContentUnavailableError.
   */
  guard<T>(use: () => T): T;
  close(): void;
}

/** SQLite's words for "this file is damaged" (and the disk under it failing), as opposed to a bad query. */
function isDamage(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(error.code);
}

export function openContentService(file: string, opened?: { db: Database.Database; version: string }): ContentService {
  let db: Database.Database | undefined;
  let version = '';
  let failure: { reason: SubsystemReason<'content'>; detail: string } | undefined;
  if (opened !== undefined) {
    // Opened and checked by the caller (the release store checks more, with the same opening).
    ({ db, version } = opened);
  } else if (!existsSync(file)) {
    failure = { reason: 'content-missing', detail: `${file} does not exist (build it with npm run content:build)` };
  } else {
    try {
      ({ db, version } = openContentDb(file));
    } catch (error) {
      if (!(error instanceof ContentReleaseError)) throw error;
      failure = { reason: 'content-unreadable', detail: error.message };
    }
  }
  let engine: SearchEngine | undefined;
  let reader: ContentReader | undefined;
  let ime: PinyinIme | undefined;
  const open = (): Database.Database => {
    if (db === undefined) throw new ContentUnavailableError(failure?.detail ?? 'no content release');
    return db;
  };
  /** From now on content is unavailable: the file stays closed until the service starts again on a good release. */
  const giveUp = (detail: string): void => {
    failure = { reason: 'content-unreadable', detail };
    engine = undefined;
    reader = undefined;
    ime = undefined;
    try {
      db?.close();
    } catch {
      // Closing a damaged file may fail too; it is no longer used either way.
    }
    db = undefined;
  };
  const state = (): SubsystemState =>
    failure !== undefined
      ? { state: 'unavailable', reason: failure.reason, detail: failure.detail }
      : { state: 'ok', detail: `release ${version}` };
  const search = (): SearchEngine => {
    engine ??= openSearch(open());
    return engine;
  };
  return {
    state,
    releaseVersion: () => (failure === undefined ? version : null),
    search,
    reader: () => {
      reader ??= new ContentReader(open());
      return reader;
    },
    ime: () => {
      ime ??= new PinyinIme(open());
      return ime;
    },
    warm: () => {
      if (db === undefined) return state();
      try {
        search();
      } catch (error) {
        // Whatever stops the search from loading (a damaged page, a missing
        // table, a vocabulary row that does not parse) is a fault of this
        // release, never a reason for the service to stop.
        giveUp(
          `${file}: the search cannot be loaded from this release (${(error as Error).message}); install the release again`,
        );
      }
      return state();
    },
    guard: (use) => {
      try {
        return use();
      } catch (error) {
        if (!isDamage(error)) throw error;
        giveUp(`${file}: the content release is damaged (${error.code}: ${error.message}); install the release again`);
        throw new ContentUnavailableError(failure?.detail ?? 'the content release is damaged');
      }
    },
    close: () => db?.close(),
  };
}
