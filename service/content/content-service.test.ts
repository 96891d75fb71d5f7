import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_RELEASE as RELEASE, garblePages, pagesOf, RELEASE_PAGE as PAGE } from '../testing/release-files';
import { ContentUnavailableError, openContentService, type ContentService } from './content-service';

const dirs: string[] = [];
const services: ContentService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOfRelease(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-content-'));
  dirs.push(dir);
  const file = join(dir, 'content.db');
  copyFileSync(RELEASE, file);
  return file;
}

function open(file: string): ContentService {
  const service = openContentService(file);
  services.push(service);
  return service;
}

describe('a damaged content release', () => {
  it('is reported unavailable, not thrown, when the file is cut short', () => {
    const file = copyOfRelease();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const content = open(file);
    expect(content.state()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
    expect(() => content.reader()).toThrow(ContentUnavailableError);
  });

  it('is reported unavailable when the file is not a database at all', () => {
    const file = copyOfRelease();
    writeFileSync(file, Buffer.alloc(64 * PAGE, 0x37));
    expect(open(file).state()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
  });

  it('is found damaged by quick_check at open when pages in the middle are garbled', () => {
    const file = copyOfRelease();
    garblePages(file, pagesOf(file, 'search_synonyms'));
    const content = open(file);
    expect(content.state()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
  });

  it('survives a search warm-up that cannot load, and says content is unavailable', () => {
    const file = copyOfRelease();
    // A release that passes quick_check but lacks what the search loads.
    const db = new Database(file);
    db.exec('DROP TABLE search_lexicon');
    db.close();
    const content = open(file);
    expect(content.state().state).toBe('ok');
    expect(content.warm()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
    expect(content.state()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
    expect(() => content.search()).toThrow(ContentUnavailableError);
  });

  it('turns a read that meets a file damaged after start into "unavailable"', () => {
    const file = copyOfRelease();
    const content = open(file);
    expect(content.state().state).toBe('ok');
    // A copy over the running release that stopped early: its first pages,
    // the header among them, are no longer a database.
    garblePages(
      file,
      Array.from({ length: 64 }, (_, i) => i + 1),
    );
    expect(() => content.guard(() => content.reader().faqList('labour-wages'))).toThrow(ContentUnavailableError);
    expect(content.state()).toMatchObject({ state: 'unavailable', reason: 'content-unreadable' });
    expect(() => content.guard(() => content.reader().topics())).toThrow(ContentUnavailableError);
  });

  it('still answers from a sound release', () => {
    const content = open(copyOfRelease());
    expect(content.warm()).toMatchObject({ state: 'ok' });
    expect(content.guard(() => content.reader().faqList('labour-wages/unpaid-wages')).items.length).toBeGreaterThan(0);
  });
});
