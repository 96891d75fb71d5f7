import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageTarget } from '../storage/open-storage';
import { findPostgresBin } from './throwaway-postgres';

/**
 * Everything a hub database holds, as bytes, to look for personal data in:
 * hub.db and its write-ahead log on SQLite (what a copied data directory
 * gives up), a `pg_dump` of the data on PostgreSQL (what a stolen dump gives up).
 */
export function databaseBytes(target: StorageTarget): Buffer {
  if (target.engine === 'sqlite')
    return Buffer.concat([target.file, `${target.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  return execFileSync(join(findPostgresBin(), 'pg_dump'), ['--data-only', target.url], {
    maxBuffer: 64 * 1024 * 1024,
  });
}
