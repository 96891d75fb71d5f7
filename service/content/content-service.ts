import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { SubsystemReason, SubsystemState } from '../../common/api/health';
import { openSearch } from '../search/open-search';
import type { SearchEngine } from '../search/search-engine';
import { ContentReader } from './content-reader';
import { PinyinIme } from '../search/ime';
import { ContentReleaseError, openContentDb } from './content-db';

export class ContentUnavailableError extends Error {}

/**
 * The content release the service answers from. Opening the database is
 * instant; the search engine loads its segmentation dictionary (~0.2 s), so
 * it is built on first use — and warmed right after the service is ready, so
 * no citizen waits for it.
 */
export interface ContentService {
  state(): SubsystemState;
  search(): SearchEngine;
  reader(): ContentReader;
  ime(): PinyinIme;
  warm(): void;
  close(): void;
}

export function openContentService(file: string): ContentService {
  let db: Database | undefined;
  let version = '';
  let failure: { reason: SubsystemReason<'content'>; detail: string } | undefined;
  if (!existsSync(file)) {
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
  const search = (): SearchEngine => {
    if (db === undefined) throw new ContentUnavailableError(failure?.detail ?? 'no content release');
    engine ??= openSearch(db);
    return engine;
  };
  return {
    state: () => (failure !== undefined ? { state: 'unavailable', reason: failure.reason, detail: failure.detail } : { state: 'ok', detail: `release ${version}` }),
    search,
    reader: () => {
      if (db === undefined) throw new ContentUnavailableError(failure?.detail ?? 'no content release');
      reader ??= new ContentReader(db);
      return reader;
    },
    ime: () => {
      if (db === undefined) throw new ContentUnavailableError(failure?.detail ?? 'no content release');
      ime ??= new PinyinIme(db);
      return ime;
    },
    warm: () => {
      if (db !== undefined) search();
    },
    close: () => db?.close(),
  };
}
