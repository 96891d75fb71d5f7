import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';

/**
 * A small content release for the hub's tests: a SQLite file with the
 * builder's `meta` table, `user_version` set, and some pages of text —
 * what the hub checks and signs, without building the 20 MB real one.
 */
export function writeContentRelease(
  file: string,
  opts: { version?: string | null; schemaVersion?: number; rows?: number } = {},
): Buffer {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.exec('CREATE TABLE faq (id INTEGER PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL)');
  const version = opts.version === undefined ? '2026.12.07-1a2b3c4d' : opts.version;
  if (version !== null) db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(version);
  const add = db.prepare('INSERT INTO faq (question, answer) VALUES (?, ?)');
  for (let i = 0; i < (opts.rows ?? 200); i++) add.run(`问题 ${i}：工资被拖欠怎么办？`, `答复 ${i} `.repeat(20));
  db.pragma(`user_version = ${opts.schemaVersion ?? CONTENT_SCHEMA_VERSION}`);
  db.close();
  return readFileSync(file);
}
