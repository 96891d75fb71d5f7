import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { createLogger } from '../../server-kit/logger';
import { KioskActivity } from '../session/kiosk-activity';
import { openRecordsDb } from '../storage/records-db';
import { BUILT_RELEASE, builtVersion, garblePages, pagesOf, releaseVariant } from '../testing/release-files';
import type { ContentService } from './content-service';
import { ReleaseRefusedError } from './release-checks';
import { highestAccepted, lastEvent, readSlots, releaseOverview } from './release-records';
import { releaseFileName, ReleaseStore } from './release-store';
import { ReleaseSwitch } from './release-switch';
import { switchableContent } from './switchable-content';

/**
 * The release store over real files: copies of the built release (some
 * damaged or changed on purpose) installed into a store folder, recorded in a
 * real records.db, checked, switched to and fallen back from.
 */

const logger = createLogger({ destination: { write: () => undefined } });
let root: string;
/** Ready-made sources: the built release under other versions, and broken copies of it. */
const sources: Record<string, string> = {};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-release-store-'));
  sources['v2'] = releaseVariant(join(root, 'v2.db'), { version: '2026.12.07-00000002' });
  sources['v3'] = releaseVariant(join(root, 'v3.db'), { version: '2026.12.07-00000003' });
  sources['schema'] = releaseVariant(join(root, 'schema.db'), {
    change: (db) => db.pragma(`user_version = ${CONTENT_SCHEMA_VERSION + 1}`),
  });
  sources['no-ime'] = releaseVariant(join(root, 'no-ime.db'), { change: (db) => db.exec('DROP TABLE ime') });
  sources['empty-search'] = releaseVariant(join(root, 'empty-search.db'), {
    change: (db) => db.exec("INSERT INTO search (search) VALUES ('delete-all')"),
  });
  sources['damaged'] = releaseVariant(join(root, 'damaged.db'));
  garblePages(sources['damaged'], pagesOf(sources['damaged'], 'faq'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Kiosk {
  dir: string;
  records: Db;
  store: ReleaseStore;
  files(): string[];
}

let kioskCount = 0;
function kiosk(): Kiosk {
  const dataDir = join(root, `kiosk-${++kioskCount}`);
  const records = openRecordsDb(join(dataDir, 'records.db'));
  const dir = join(dataDir, 'content', 'releases');
  const store = new ReleaseStore({ dir, records, shippedPath: BUILT_RELEASE, logger });
  return { dir, records, store, files: () => readdirSync(dir).sort() };
}

async function refusal(promise: Promise<unknown>): Promise<ReleaseRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ReleaseRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('installing a content release', () => {
  it('copies, checks and records it as active, the one before as previous', async () => {
    const k = kiosk();
    await k.store.install(BUILT_RELEASE, { releaseNumber: 1, version: builtVersion() });
    const second = await k.store.install(sources['v2']!, { releaseNumber: 2, version: '2026.12.07-00000002' });
    expect(second).toMatchObject({ releaseNumber: 2, version: '2026.12.07-00000002', file: releaseFileName(2) });
    expect(readSlots(k.records)).toMatchObject({
      active: { releaseNumber: 2, version: '2026.12.07-00000002' },
      previous: { releaseNumber: 1, version: builtVersion() },
    });
    expect(k.files()).toEqual([releaseFileName(1), releaseFileName(2)]);
    expect(highestAccepted(k.records)).toBe(2);
  });

  it('refuses a release number not above every one accepted, before copying anything', async () => {
    const k = kiosk();
    await k.store.install(sources['v3']!, { releaseNumber: 3 });
    for (const n of [3, 2]) {
      const error = await refusal(k.store.install(sources['v2']!, { releaseNumber: n }));
      expect(error.reason).toBe('not-newer');
      expect(error.message).toContain('release 3');
    }
    expect(k.files()).toEqual([releaseFileName(3)]);
    expect(lastEvent(k.records)).toMatchObject({ kind: 'refused', releaseNumber: 2, reason: 'not-newer' });
  });

  it('refuses a damaged or wrongly built release, naming why, deletes its copy and keeps the active one', async () => {
    const k = kiosk();
    await k.store.install(BUILT_RELEASE, { releaseNumber: 1 });
    const cases = [
      ['damaged', 'damaged'],
      ['schema', 'wrong-schema'],
      ['no-ime', 'missing-tables'],
      ['empty-search', 'search-self-test'],
    ] as const;
    for (const [source, reason] of cases) {
      const error = await refusal(k.store.install(sources[source]!, { releaseNumber: 2 }));
      expect(error.reason, source).toBe(reason);
      expect(lastEvent(k.records)).toMatchObject({ kind: 'refused', releaseNumber: 2, reason });
    }
    expect(k.files()).toEqual([releaseFileName(1)]);
    expect(readSlots(k.records).active?.releaseNumber).toBe(1);
    expect(highestAccepted(k.records)).toBe(1);
  });

  it('refuses a file whose version is not the one published, and one with a journal beside it', async () => {
    const k = kiosk();
    expect((await refusal(k.store.install(sources['v2']!, { releaseNumber: 1, version: 'other' }))).reason).toBe(
      'version-mismatch',
    );
    const withJournal = releaseVariant(join(root, 'journal.db'));
    writeFileSync(`${withJournal}-journal`, 'x');
    expect((await refusal(k.store.install(withJournal, { releaseNumber: 1 }))).reason).toBe('not-a-finished-file');
    expect((await refusal(k.store.install(join(root, 'nowhere.db'), { releaseNumber: 1 }))).reason).toBe('copy-failed');
    expect(k.files()).toEqual([]);
    expect(readSlots(k.records).active).toBeUndefined();
  });
});

describe('the release served at start', () => {
  const servedBy = (k: Kiosk) => {
    const choice = k.store.openAtStart();
    choice.content.close();
    return choice;
  };

  it('is the shipped one (number 0) while nothing was installed, and the active one after an install', async () => {
    const k = kiosk();
    expect(servedBy(k).served).toMatchObject({ releaseNumber: 0, version: builtVersion(), file: BUILT_RELEASE });
    await k.store.install(sources['v2']!, { releaseNumber: 2 });
    expect(servedBy(k).served).toMatchObject({ releaseNumber: 2, version: '2026.12.07-00000002' });
  });

  it('falls back to the previous one, then the shipped one, recording why, and removes stray files', async () => {
    const k = kiosk();
    await k.store.install(sources['v2']!, { releaseNumber: 2 });
    await k.store.install(sources['v3']!, { releaseNumber: 3 });
    garblePages(join(k.dir, releaseFileName(3)), pagesOf(join(k.dir, releaseFileName(3)), 'faq'));
    writeFileSync(join(k.dir, `${releaseFileName(4)}.partial`), 'half a copy');

    const first = servedBy(k);
    expect(first.served).toMatchObject({ releaseNumber: 2 });
    expect(first.setAside).toMatchObject([{ release: { releaseNumber: 3 }, reason: 'damaged' }]);
    expect(lastEvent(k.records)).toMatchObject({ kind: 'fallback', releaseNumber: 3, reason: 'damaged' });
    expect(readSlots(k.records)).toMatchObject({ active: { releaseNumber: 2 }, previous: undefined });
    expect(k.files()).toEqual([releaseFileName(2)]);

    rmSync(join(k.dir, releaseFileName(2)));
    const second = servedBy(k);
    expect(second.served).toMatchObject({ releaseNumber: 0 });
    expect(lastEvent(k.records)).toMatchObject({ kind: 'fallback', releaseNumber: 2, reason: 'missing-file' });
    // Still no going back below what was accepted.
    expect(highestAccepted(k.records)).toBe(3);
  });
});

describe('switching to an installed release', () => {
  function run(k: Kiosk) {
    const choice = k.store.openAtStart();
    const content = switchableContent(choice.content, 'start');
    const activity = new KioskActivity({ idleTimeoutSeconds: 120, countdownSeconds: 30, printing: () => false });
    const switcher = new ReleaseSwitch({ store: k.store, content, activity, served: choice.served, logger });
    switcher.start();
    running.push({ content, switcher });
    return { content, activity, switcher };
  }
  const running: { content: ContentService; switcher: ReleaseSwitch }[] = [];
  afterAll(() => {
    for (const r of running) {
      r.switcher.stop();
      r.content.close();
    }
  });

  it('waits while a citizen uses the kiosk, switches once the session ends, and keeps only the previous file', async () => {
    const k = kiosk();
    await k.store.install(BUILT_RELEASE, { releaseNumber: 1 });
    const { content, activity, switcher } = run(k);
    await k.store.install(sources['v2']!, { releaseNumber: 2 });
    activity.request('search');
    expect(await switcher.trySwitch()).toBe('waiting');
    expect(content.releaseVersion()).toBe(builtVersion());
    expect(switcher.pending()?.releaseNumber).toBe(2);

    await k.store.install(sources['v3']!, { releaseNumber: 3 });
    // Release 1, served, is kept while it answers; the switch lets it go.
    expect(k.files()).toEqual([1, 2, 3].map(releaseFileName));
    activity.sessionEnded();
    await expect.poll(() => switcher.served().releaseNumber).toBe(3);
    expect(await switcher.trySwitch()).toBe('nothing');
    expect(content.releaseVersion()).toBe('2026.12.07-00000003');
    expect(content.state()).toMatchObject({ state: 'ok', detail: 'release 2026.12.07-00000003 (number 3)' });
    expect(k.files()).toEqual([2, 3].map(releaseFileName));
    // What kioskctl content info reads from records.db.
    const overview = releaseOverview(k.records);
    expect(overview).toMatchObject({
      serving: { releaseNumber: 3, version: '2026.12.07-00000003' },
      active: { releaseNumber: 3 },
      previous: { releaseNumber: 2 },
      shipped: { version: builtVersion(), file: BUILT_RELEASE },
      pending: undefined,
      highestAccepted: 3,
    });
    expect(overview.lastProblem).toBeUndefined();
  });

  it('rolls back to the previous release when the new one fails its checks at the switch', async () => {
    const k = kiosk();
    await k.store.install(sources['v2']!, { releaseNumber: 2 });
    const { content, activity, switcher } = run(k);
    activity.request('faq');
    await k.store.install(sources['v3']!, { releaseNumber: 3 });
    // The disk garbles the new file while it waits for the session to end.
    garblePages(join(k.dir, releaseFileName(3)), pagesOf(join(k.dir, releaseFileName(3)), 'search_lexicon'));
    activity.sessionEnded();
    await expect.poll(() => lastEvent(k.records)?.kind).toBe('rolled-back');
    expect(await switcher.trySwitch()).toBe('nothing');
    expect(lastEvent(k.records)).toMatchObject({ releaseNumber: 3, reason: 'damaged' });
    expect(readSlots(k.records)).toMatchObject({ active: { releaseNumber: 2 }, previous: undefined });
    expect(content.releaseVersion()).toBe('2026.12.07-00000002');
    expect(content.state().detail).toContain('release 3 was rolled back (damaged)');
    expect(existsSync(join(k.dir, releaseFileName(3)))).toBe(false);
    expect(releaseOverview(k.records).lastProblem).toMatchObject({ kind: 'rolled-back', releaseNumber: 3 });
  });
});

describe('a served release found damaged in use', () => {
  it('is left for the previous release at the next idle moment, and for the shipped one after that', async () => {
    const k = kiosk();
    await k.store.install(sources['v2']!, { releaseNumber: 2 });
    await k.store.install(sources['v3']!, { releaseNumber: 3 });
    const choice = k.store.openAtStart();
    const content = switchableContent(choice.content, 'start');
    const activity = new KioskActivity({ idleTimeoutSeconds: 120, countdownSeconds: 30, printing: () => false });
    const switcher = new ReleaseSwitch({ store: k.store, content, activity, served: choice.served, logger });
    try {
      expect(switcher.served().releaseNumber).toBe(3);
      activity.request('faq');
      // The disk garbles the file under a citizen's reading: that read fails, content is unavailable.
      const damage = (n: number) => garblePages(join(k.dir, releaseFileName(n)), [1, 2, 3, 4]);
      damage(3);
      expect(() => content.guard(() => content.reader().topics())).toThrow();
      expect(content.state().state).toBe('unavailable');
      // Not mid-session.
      expect(await switcher.trySwitch()).toBe('waiting');
      activity.sessionEnded();
      expect(await switcher.trySwitch()).toBe('switched');
      expect(switcher.served()).toMatchObject({ releaseNumber: 2 });
      expect(content.guard(() => content.reader().topics()).topics.length).toBeGreaterThan(0);
      expect(lastEvent(k.records)).toMatchObject({ kind: 'rolled-back', releaseNumber: 3, reason: 'damaged' });
      expect(k.files()).toEqual([releaseFileName(2)]);

      damage(2);
      expect(() => content.guard(() => content.reader().topics())).toThrow();
      expect(await switcher.trySwitch()).toBe('switched');
      expect(switcher.served()).toMatchObject({ releaseNumber: 0, file: BUILT_RELEASE });
      expect(content.state()).toMatchObject({ state: 'ok' });
      expect(readSlots(k.records)).toEqual({ active: undefined, previous: undefined });
      expect(k.files()).toEqual([]);
    } finally {
      content.close();
    }
  });
});
