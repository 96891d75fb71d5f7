import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Updater } from 'tuf-js';
import { ContentReleaseCustom, contentReleaseTargetName, TUF_FILE_ROUTES } from '../../../common/hub/api/tuf-files';
import type { ContentInstallResponse } from '../../../common/api/content-release';
import { ReleaseRefusedError } from '../release-checks';
import { FetchFailedError, RangeFetcher, TooLongError } from './range-fetcher';
import { tufDirs } from './trusted-root';
import { DelegatedRoleNameError, listedTargets } from './listed-targets';

/**
 * The kiosk's content updater: asks the hub's TUF repository for releases
 * newer than the newest this kiosk ever accepted, downloads the newest into
 * the data folder, lets tuf-js verify it (length and hash from signed
 * metadata), and hands it to the release store, which checks and switches
 * between sessions. Runs when the hub nudges it and otherwise every
 * `intervalMs`, with jitter so that a fleet does not ask all at once. It
 * takes nothing above the release the hub's staged rollouts allow this
 * kiosk (`allowedRelease`).
 *
 * Nothing is installed without a trusted root (`kioskctl hub trust-root`);
 * the metadata tuf-js trusts is kept in `<data>/tuf/metadata`, so a replayed
 * older timestamp or snapshot is refused even across restarts.
 */

export const UPDATE_STEPS = [
  'checking',
  'up-to-date',
  'downloading',
  'verifying',
  'installed',
  'failed',
  'rolled-back',
] as const;
export type UpdateStep = (typeof UPDATE_STEPS)[number];

/** Why a check failed, as a stable code for the hub (the detail is the technician's text). */
export const UPDATE_FAILURES = [
  'no-trusted-root',
  'unreachable',
  'rollback',
  'mix-and-match',
  'expired',
  'bad-signature',
  'hash-mismatch',
  'too-long',
  'bad-metadata',
  'bad-target',
  'refused',
] as const;
export type UpdateFailure = (typeof UPDATE_FAILURES)[number];

export interface UpdateStatus {
  step: UpdateStep;
  /** The release the step is about; null while checking, or when no release was named. */
  releaseNumber: number | null;
  reason: UpdateFailure | null;
  detail: string | null;
  at: string;
}

export type CheckOutcome =
  | { outcome: 'up-to-date'; newest: number }
  | { outcome: 'installed'; releaseNumber: number; install: ContentInstallResponse }
  | { outcome: 'failed'; reason: UpdateFailure; detail: string; releaseNumber: number | null };

export interface ContentUpdaterOptions {
  dataDir: string;
  /** The hub's address; undefined while the kiosk is not enrolled (no check is made). */
  hubUrl: () => string | undefined;
  /** The highest release number this kiosk ever accepted: only a higher one is fetched. */
  highestAccepted: () => number;
  /**
   * The highest release the hub's staged rollouts let this kiosk install,
   * asked at each check; undefined while the hub has not said (nothing newer
   * is installed then). Without this option every release the repository
   * signs is taken.
   */
  allowedRelease?: () => Promise<number | undefined>;
  install: (file: string, release: { releaseNumber: number; version: string }) => Promise<ContentInstallResponse>;
  logger: Logger;
  /** Told at every step, for the report to the hub. */
  onStatus?: (status: UpdateStatus) => void;
  intervalMs?: number;
  now?: () => Date;
}

export const DEFAULT_CHECK_INTERVAL_MS = 30 * 60 * 1000;

/** A target name that is a plain file name: no directory, no `..`. */
const SAFE_TARGET = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** The target names of content releases, and nothing else: no path, no other file. */
const RELEASE_TARGET = /^content-release-([1-9][0-9]{0,8})\.db$/;

/** The newest release above `above` and at most `atMost` that the verified targets name, leaving out those `skip` says. */
function newestRelease(
  targetNames: string[],
  above: number,
  atMost: number,
  skip: (name: string) => boolean,
): number | undefined {
  let best: number | undefined;
  for (const name of targetNames) {
    const m = RELEASE_TARGET.exec(name);
    if (m === null || skip(name)) continue;
    const n = Number(m[1]);
    if (n > above && n <= atMost && (best === undefined || n > best)) best = n;
  }
  return best;
}

/** Maps what tuf-js throws (its classes are not all exported) to the reason the hub is told. */
export function failureOf(error: unknown, phase: 'metadata' | 'target'): UpdateFailure {
  if (error instanceof TooLongError) return 'too-long';
  if (error instanceof FetchFailedError) return 'unreachable';
  if (error instanceof ReleaseRefusedError) return 'refused';
  const name = (error as Error | undefined)?.constructor?.name ?? '';
  switch (name) {
    case 'BadVersionError':
    case 'EqualVersionError':
      // "… does not match snapshot version …": a file from another version than the one that names it.
      return /match/.test((error as Error).message) ? 'mix-and-match' : 'rollback';
    case 'ExpiredMetadataError':
      return 'expired';
    case 'UnsignedMetadataError':
      return 'bad-signature';
    case 'LengthOrHashMismatchError':
      // Metadata whose hash is not the one the newer metadata names: served from another version.
      return phase === 'metadata' ? 'mix-and-match' : 'hash-mismatch';
    case 'DownloadHTTPError':
      return 'unreachable';
    case 'DownloadLengthMismatchError':
      return 'too-long';
    case 'RuntimeError':
      return wrappedFailure((error as Error).message);
    default:
      return 'bad-metadata';
  }
}

/**
 * tuf-js wraps what goes wrong loading the snapshot and targets metadata in
 * a RuntimeError that keeps only the original's text: read from that.
 */
function wrappedFailure(message: string): UpdateFailure {
  if (/less than current/.test(message)) return 'rollback';
  if (/Expected length|[Hh]ash|match/.test(message)) return 'mix-and-match';
  if (/expired/i.test(message)) return 'expired';
  // A delegated role's metadata signed by keys its delegation does not name: "releases was signed by 0/1 keys".
  if (/signature|threshold|signed by \d+\/\d+ keys/i.test(message)) return 'bad-signature';
  if (/sent more than/.test(message)) return 'too-long';
  if (/HTTP|no answer|cut off|fetch failed/.test(message)) return 'unreachable';
  return 'bad-metadata';
}

export class ContentUpdater {
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CheckOutcome> | undefined;
  private again = false;
  private latest: UpdateStatus | undefined;
  /** Release files (name and hash) the store refused since the service started: not downloaded again. */
  private readonly refused = new Set<string>();

  constructor(private readonly opts: ContentUpdaterOptions) {
    this.now = opts.now ?? (() => new Date());
    this.intervalMs = opts.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
  }

  /** The last step taken, for the heartbeat; undefined before the first check. */
  status(): UpdateStatus | undefined {
    return this.latest;
  }

  /** Checks on the interval from now on (the first after a jittered wait). */
  start(): void {
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The hub published something: check now (once more after a check under way). */
  nudge(): void {
    if (this.running !== undefined) this.again = true;
    else void this.check();
  }

  /** One check; a second caller while one runs gets the same one. */
  check(): Promise<CheckOutcome> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.check();
      }
    });
    return this.running;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // Full jitter on half the interval: a fleet started together spreads out, and no kiosk waits longer than the interval.
    const wait = this.intervalMs / 2 + Math.random() * (this.intervalMs / 2);
    this.timer = setTimeout(() => {
      void this.check().finally(() => {
        if (this.timer !== undefined) this.schedule();
      });
    }, wait);
    this.timer.unref();
  }

  private tell(step: UpdateStep, releaseNumber: number | null, reason?: UpdateFailure, detail?: string): void {
    this.latest = { step, releaseNumber, reason: reason ?? null, detail: detail ?? null, at: this.now().toISOString() };
    this.opts.onStatus?.(this.latest);
  }

  private async checkOnce(): Promise<CheckOutcome> {
    const hubUrl = this.opts.hubUrl();
    const dirs = tufDirs(this.opts.dataDir);
    let releaseNumber: number | null = null;
    let phase: 'metadata' | 'target' = 'metadata';
    const failed = (reason: UpdateFailure, detail: string): CheckOutcome => {
      this.tell('failed', releaseNumber, reason, detail);
      this.opts.logger.warn({ releaseNumber, reason, detail }, 'content update failed');
      return { outcome: 'failed', reason, detail, releaseNumber };
    };
    if (hubUrl === undefined) return failed('unreachable', 'this kiosk is not enrolled with a hub');
    const before = this.latest?.step === 'up-to-date' ? undefined : this.latest;
    this.tell('checking', null);
    if (!existsSync(join(dirs.metadata, 'root.json')))
      return failed('no-trusted-root', 'no trusted root: a technician installs it with `kioskctl hub trust-root FILE`');
    mkdirSync(dirs.targets, { recursive: true, mode: 0o700 });
    const fetcher = new RangeFetcher({ dir: dirs.downloads, onVerifying: () => this.tell('verifying', releaseNumber) });
    const updater = new Updater({
      metadataDir: dirs.metadata,
      metadataBaseUrl: new URL(TUF_FILE_ROUTES.tufMetadata.prefix, hubUrl).href,
      targetBaseUrl: new URL(TUF_FILE_ROUTES.tufTargets.prefix, hubUrl).href,
      targetDir: dirs.targets,
      fetcher,
    });
    try {
      await updater.refresh();
      // tuf-js lists no targets; the metadata it has just verified and written names them (listed-targets.ts).
      const targets = await listedTargets(updater, dirs.metadata).catch((error: unknown) => {
        if (error instanceof DelegatedRoleNameError) return error;
        throw error;
      });
      if (targets instanceof DelegatedRoleNameError) return failed('bad-target', targets.message);
      const fileKey = (name: string) => `${name}:${targets.get(name) ?? ''}`;
      // A signed name that is a path (`../`, `/`) is not one our hub makes: nothing from such metadata is taken.
      const unsafe = [...targets.keys()].find((name) => !SAFE_TARGET.test(name));
      if (unsafe !== undefined)
        return failed('bad-target', `the targets metadata names ${JSON.stringify(unsafe)}, a path`);
      const highest = this.opts.highestAccepted();
      // A file the store refused is not fetched again (the same name with other bytes is): the next newest is taken.
      const allowed = this.opts.allowedRelease === undefined ? Infinity : ((await this.opts.allowedRelease()) ?? 0);
      const newest = newestRelease([...targets.keys()], highest, allowed, (name) => this.refused.has(fileKey(name)));
      if (newest === undefined) {
        // Nothing new: the last release step (installed, failed…) is still the news, not this check.
        if (before === undefined) this.tell('up-to-date', null);
        else this.latest = before;
        return { outcome: 'up-to-date', newest: highest };
      }
      releaseNumber = newest;
      // The verified entry, from tuf-js: its length and hashes are what the download is held to.
      const info = await updater.getTargetInfo(contentReleaseTargetName(newest));
      if (info === undefined)
        return failed('bad-target', `${contentReleaseTargetName(newest)} is not a verified target`);
      const custom = ContentReleaseCustom.safeParse(info.custom);
      if (!custom.success || custom.data.releaseNumber !== newest)
        return failed(
          'bad-target',
          `${info.path} does not say it is release ${newest}: ${JSON.stringify(info.custom)}`,
        );
      this.tell('downloading', newest);
      phase = 'target';
      const file = join(dirs.targets, info.path);
      await updater.downloadTarget(info, file);
      try {
        const install = await this.opts
          .install(file, { releaseNumber: newest, version: custom.data.version })
          .catch((error: unknown) => {
            if (error instanceof ReleaseRefusedError) this.refused.add(fileKey(info.path));
            throw error;
          });
        this.tell(install.switch === 'rolled-back' ? 'rolled-back' : 'installed', newest);
        this.opts.logger.info({ releaseNumber: newest, switch: install.switch }, 'content release updated');
        return { outcome: 'installed', releaseNumber: newest, install };
      } finally {
        // The store keeps its own copy.
        rmSync(file, { force: true });
      }
    } catch (error) {
      const reason = failureOf(error, phase);
      const detail =
        error instanceof ReleaseRefusedError ? `${error.reason}: ${error.message}` : (error as Error).message;
      return failed(reason, detail);
    }
  }
}
