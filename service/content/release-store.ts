import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import type { Logger } from 'pino';
import { openContentService, type ContentService } from './content-service';
import { ReleaseRefusedError, verifyRelease } from './release-checks';
import {
  activate,
  highestAccepted,
  readSlots,
  recordEvent,
  writeServing,
  writeSlots,
  type ReleaseEventKind,
  type ServedRelease,
  type StoredRelease,
} from './release-records';

/**
 * The steps of an install and a switch at which a power cut must leave the
 * kiosk serving the old release or the new one (tests/e2e/content-release-kill9.test.ts
 * stops the service at each).
 */
export const RELEASE_STEPS = ['copying', 'checked', 'switching'] as const;
export type ReleaseStep = (typeof RELEASE_STEPS)[number];

/** Called at each step; the service passes one only in the kill -9 test (see test-release-pause.ts). */
export type StepHook = (step: ReleaseStep) => Promise<void>;

const COPY_CHUNK = 1024 * 1024;
const PARTIAL = '.partial';

export const releaseFileName = (releaseNumber: number): string => `content-release-${releaseNumber}.db`;

export interface ReleaseStoreOptions {
  /** `<data>/content/releases`. */
  dir: string;
  records: Db;
  /** The release installed with the software: number 0, the last fallback. */
  shippedPath: string;
  logger: Logger;
  now?: () => Date;
  step?: StepHook;
}

/** What the service serves at start, and why it is not the active release when it is not. */
export interface StartChoice {
  content: ContentService;
  served: ServedRelease;
  /** The releases set aside on the way, with why: the first is the active one that failed. */
  setAside: { release: StoredRelease; reason: string; detail: string }[];
}

/** The version a release file says it is, without checking it (the shipped release, for kioskctl). */
function peekVersion(file: string): string | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (
        (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value ??
        null
      );
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The kiosk's content releases: the files in `<data>/content/releases/` and
 * their record in records.db. A release comes in by `install` (a file already
 * verified by length and hash), is copied into the store under a partial
 * name, synced, renamed whole, checked, and only then recorded as active — so
 * a power cut at any point leaves records.db naming complete, checked files
 * only, and what it names is what the service serves after the restart. A
 * file the records do not name (a partial copy, a copy cut off before it was
 * recorded, a release rolled back) is deleted at the next start or switch.
 */
export class ReleaseStore {
  private readonly now: () => Date;
  private readonly step: StepHook;

  constructor(private readonly opts: ReleaseStoreOptions) {
    this.now = opts.now ?? (() => new Date());
    this.step = opts.step ?? (() => Promise.resolve());
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  }

  pathOf(release: StoredRelease): string {
    return join(this.opts.dir, release.file);
  }

  slots() {
    return readSlots(this.opts.records);
  }

  /**
   * Opens what to serve at start: the active release, else the previous one,
   * else the shipped one. A stored release that fails its checks is set
   * aside (recorded, removed from the slots, its file deleted) so the next
   * start does not try it again.
   */
  openAtStart(): StartChoice {
    const setAside: StartChoice['setAside'] = [];
    for (let { active, previous } = this.slots(); active !== undefined; { active, previous } = this.slots()) {
      const file = this.pathOf(active);
      try {
        if (!existsSync(file)) throw new ReleaseRefusedError('missing-file', `${file} does not exist`);
        const content = verifyRelease(file, active.version);
        this.prune();
        return { content, served: this.served(active, file), setAside };
      } catch (error) {
        if (!(error instanceof ReleaseRefusedError)) throw error;
        setAside.push({ release: active, reason: error.reason, detail: error.message });
        this.record('fallback', active, error);
        writeSlots(this.opts.records, { active: previous, previous: undefined });
        this.opts.logger.error(
          { releaseNumber: active.releaseNumber, reason: error.reason, detail: error.message },
          'content release failed its checks at start; serving an earlier one',
        );
      }
    }
    this.prune();
    return { content: openContentService(this.opts.shippedPath), served: this.shipped(), setAside };
  }

  /** Records in records.db what is served now (kioskctl shows it). */
  noteServing(served: ServedRelease): void {
    const shipped = this.opts.shippedPath;
    writeServing(this.opts.records, { version: peekVersion(shipped), file: shipped }, served);
  }

  served(release: StoredRelease, file = this.pathOf(release)): ServedRelease {
    return { releaseNumber: release.releaseNumber, version: release.version, file, since: this.now().toISOString() };
  }

  /**
   * Takes a downloaded release into the store and makes it the active one
   * (served from the next idle moment; see ReleaseSwitch). `version` is the
   * one its publisher named, which the file must carry (a technician's
   * install may leave it out). Refuses, with a
   * ReleaseRefusedError naming why, a release number not above every one
   * accepted before, a file that is not a finished database, and a release
   * that fails its checks — whose copy is deleted.
   */
  async install(source: string, release: { releaseNumber: number; version?: string }): Promise<StoredRelease> {
    const stored: StoredRelease = {
      releaseNumber: release.releaseNumber,
      version: release.version ?? peekVersion(source) ?? 'unknown',
      file: releaseFileName(release.releaseNumber),
      installedAt: this.now().toISOString(),
    };
    try {
      this.refuseIfNotNewer(release.releaseNumber);
      // A database beside its journal is not finished (or is in use): its pages alone are not the release.
      const leftover = ['-wal', '-journal'].find((s) => existsSync(`${source}${s}`));
      if (leftover !== undefined)
        throw new ReleaseRefusedError(
          'not-a-finished-file',
          `${source} has a ${leftover} file beside it: it is a database in use or cut off, not a finished release`,
        );
      const target = this.pathOf(stored);
      await this.copyIn(source, target);
      try {
        const checked = verifyRelease(target, release.version);
        stored.version = checked.releaseVersion() ?? stored.version;
        checked.close();
      } catch (error) {
        rmSync(target, { force: true });
        throw error;
      }
      await this.step('checked');
      // Checked again inside: another install may have been recorded while this one was copied.
      this.opts.records.transaction(() => {
        this.refuseIfNotNewer(release.releaseNumber);
        activate(this.opts.records, stored);
      })();
      return stored;
    } catch (error) {
      if (error instanceof ReleaseRefusedError) this.record('refused', stored, error);
      throw error;
    }
  }

  /** Forgets `failed` (a release that failed after it was switched to): the previous one is active again. */
  rollBack(failed: StoredRelease, error: ReleaseRefusedError, opts: { keepFile?: boolean } = {}): void {
    const { active, previous } = this.slots();
    this.opts.records.transaction(() => {
      if (active?.releaseNumber === failed.releaseNumber)
        writeSlots(this.opts.records, { active: previous, previous: undefined });
      this.record('rolled-back', failed, error);
    })();
    // A file still open (the release served) is left for prune once another one answers.
    if (opts.keepFile !== true) rmSync(this.pathOf(failed), { force: true });
  }

  /** The release shipped with the software, as served from now. */
  shipped(): ServedRelease {
    const file = this.opts.shippedPath;
    return { releaseNumber: 0, version: peekVersion(file) ?? 'unknown', file, since: this.now().toISOString() };
  }

  /**
   * Deletes every file of the store but the active and previous release and
   * `serving` (the file open now, which may be neither after a fallback).
   */
  prune(serving?: string): void {
    const { active, previous } = this.slots();
    const keep = new Set([active?.file, previous?.file].filter((f) => f !== undefined));
    for (const name of readdirSync(this.opts.dir)) {
      if (keep.has(name) || join(this.opts.dir, name) === serving) continue;
      rmSync(join(this.opts.dir, name), { force: true });
    }
  }

  private refuseIfNotNewer(releaseNumber: number): void {
    const highest = highestAccepted(this.opts.records);
    if (releaseNumber <= highest)
      throw new ReleaseRefusedError(
        'not-newer',
        `release ${releaseNumber} is not newer than release ${highest}, the highest this kiosk has accepted`,
      );
  }

  private record(kind: ReleaseEventKind, release: StoredRelease, error: ReleaseRefusedError): void {
    recordEvent(this.opts.records, {
      at: this.now().toISOString(),
      kind,
      releaseNumber: release.releaseNumber,
      version: release.version,
      reason: error.reason,
      detail: error.message,
    });
  }

  /**
   * Copies `source` to `target` by way of `target.partial`: written, synced,
   * then renamed, so a file under a release's own name is always whole.
   */
  private async copyIn(source: string, target: string): Promise<void> {
    const partial = `${target}${PARTIAL}`;
    rmSync(partial, { force: true });
    let from: number;
    try {
      from = openSync(source, 'r');
    } catch (error) {
      throw new ReleaseRefusedError('copy-failed', `cannot read ${source}: ${(error as Error).message}`);
    }
    try {
      const size = statSync(source).size;
      const to = openSync(partial, 'wx', 0o600);
      try {
        const buffer = Buffer.alloc(COPY_CHUNK);
        for (let at = 0; at < size;) {
          const n = readSync(from, buffer, 0, COPY_CHUNK, at);
          if (n === 0) break;
          writeSync(to, buffer, 0, n, at);
          at += n;
          if (at === n) await this.step('copying');
        }
        fsyncSync(to);
      } finally {
        closeSync(to);
      }
      if (statSync(partial).size !== size)
        throw new ReleaseRefusedError('copy-failed', `${source} changed size while it was copied into the store`);
      renameSync(partial, target);
      syncDir(this.opts.dir);
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof ReleaseRefusedError) throw error;
      throw new ReleaseRefusedError('copy-failed', `cannot copy ${source} into the store: ${(error as Error).message}`);
    } finally {
      closeSync(from);
    }
  }
}
