import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DDL, CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { createLogger } from '../../server-kit/logger';
import { configuredRelease, ReleaseShelf } from './current-release';

const dir = mkdtempSync(join(tmpdir(), 'take-away-shelf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An empty release of the schema given, with a version. */
function release(name: string, version: string, schema = CONTENT_SCHEMA_VERSION): string {
  const file = join(dir, name);
  const db = new Database(file);
  db.exec(CONTENT_DDL);
  db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(version);
  db.pragma(`user_version = ${schema}`);
  db.close();
  return file;
}

describe('which release the take-away pages read', () => {
  it('the configured file while it exists; the one current on each request, the one before closed', () => {
    const a = release('a.db', '2026.12.01-aaaaaaaa');
    const b = release('b.db', '2026.12.02-bbbbbbbb');
    expect(configuredRelease(a)()).toBe(a);
    expect(configuredRelease(join(dir, 'missing.db'))()).toBeUndefined();

    let current: string | undefined = a;
    const logs: string[] = [];
    const shelf = new ReleaseShelf(
      () => current,
      createLogger({ service: 'hub', destination: { write: (s: string) => void logs.push(s) } }),
    );
    const first = shelf.release()!;
    expect(first.version).toBe('2026.12.01-aaaaaaaa');
    expect(shelf.release()).toBe(first);
    current = b;
    expect(shelf.release()!.version).toBe('2026.12.02-bbbbbbbb');
    expect(() => first.answer('x')).toThrow(/not open/);
    current = undefined;
    expect(shelf.release()).toBeUndefined();

    // A release of another schema is none, logged once however often it is asked for.
    current = release('old.db', '2020.01.01-00000000', CONTENT_SCHEMA_VERSION + 1);
    expect(shelf.release()).toBeUndefined();
    expect(shelf.release()).toBeUndefined();
    expect(logs.filter((l) => l.includes('cannot read the content release'))).toHaveLength(1);
    expect(logs[0]).toContain(`content schema ${CONTENT_SCHEMA_VERSION + 1}`);

    // The version goes into the pages' ETag header: one no header may carry is refused when the release is opened.
    for (const [name, version] of [
      ['cn.db', '2026年12月07日'],
      ['quote.db', '2026.12.07-"x"'],
      ['line.db', '2026.12.07\r\nx: y'],
      ['empty.db', ''],
    ]) {
      current = release(name!, version!);
      expect(shelf.release(), version).toBeUndefined();
      expect(logs.at(-1), version).toContain('is not a release version');
    }
    shelf.close();
  });

  it('a release replaced at the same path (as `npm run content:build` renames its new file into place) is the new one from the next request', () => {
    const file = release('content.db', '2026.12.01-aaaaaaaa');
    const shelf = new ReleaseShelf(
      configuredRelease(file),
      createLogger({ service: 'hub', destination: { write: () => {} } }),
    );
    const first = shelf.release()!;
    expect(first.version).toBe('2026.12.01-aaaaaaaa');
    expect(shelf.release()).toBe(first);
    renameSync(release('next.db', '2026.12.02-bbbbbbbb'), file);
    expect(shelf.release()!.version).toBe('2026.12.02-bbbbbbbb');
    expect(() => first.answer('x')).toThrow(/not open/);
    shelf.close();
  });
});
