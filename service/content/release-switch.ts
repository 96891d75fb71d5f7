import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { KioskActivity } from '../session/kiosk-activity';
import { ReleaseRefusedError, verifyRelease } from './release-checks';
import type { ServedRelease, StoredRelease } from './release-records';
import type { ReleaseStore, StepHook } from './release-store';
import type { SwitchableContent } from './switchable-content';

/** How often a waiting switch looks again without being told (a screen that died mid-session sends no end). */
const RECHECK_MS = 30_000;

export type SwitchOutcome = 'switched' | 'waiting' | 'rolled-back' | 'nothing';

/** The state's detail for technicians: which release is served, and why it is not the newest one when it is not. */
export function describeServed(served: ServedRelease, note?: string): string {
  const which =
    served.releaseNumber === 0
      ? `release ${served.version} (shipped with the software)`
      : `release ${served.version} (number ${served.releaseNumber})`;
  return note === undefined ? which : `${which}; ${note}`;
}

export interface ReleaseSwitchOptions {
  store: ReleaseStore;
  content: SwitchableContent;
  activity: KioskActivity;
  served: ServedRelease;
  logger: Logger;
  step?: StepHook;
}

/**
 * Moves the service to the active release of the store, only between
 * citizen sessions: a pending release waits until the kiosk is idle (no
 * session, call or print under way), then is opened and proved (checks,
 * search warm-up, self-test, first reads) while the old one still answers,
 * and swapped in. A release that fails there is rolled back: the previous
 * one stays active, the failure is recorded, the file deleted.
 */
export class ReleaseSwitch {
  private current: ServedRelease;
  private busy = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: ReleaseSwitchOptions) {
    this.current = opts.served;
  }

  served(): ServedRelease {
    return this.current;
  }

  /** The active release when it is not the one served: installed, waiting for an idle moment. */
  pending(): StoredRelease | undefined {
    const { active } = this.opts.store.slots();
    return active !== undefined && active.releaseNumber !== this.current.releaseNumber ? active : undefined;
  }

  start(): void {
    // After the request that ended the session is answered: the checks take a moment.
    this.unsubscribe = this.opts.activity.onIdle(() => setImmediate(() => this.trySwitchLogged()));
    this.timer = setInterval(() => {
      if (this.pending() !== undefined || this.servedFailing()) this.trySwitchLogged();
    }, RECHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** A switch nobody awaits: what goes wrong is logged, and the next idle moment tries again. */
  private trySwitchLogged(): void {
    this.trySwitch().catch((error: unknown) =>
      this.opts.logger.error({ err: error }, 'switching the content release failed; the one served stays'),
    );
  }

  async trySwitch(): Promise<SwitchOutcome> {
    if (this.busy) return 'waiting';
    const failing = this.servedFailing();
    if (this.pending() === undefined && !failing) return 'nothing';
    if (!this.opts.activity.idle()) return 'waiting';
    this.busy = true;
    try {
      if (failing) this.setAsideServed();
      for (;;) {
        const next = this.pending();
        if (next === undefined) return failing ? this.switchToShipped() : 'nothing';
        const outcome = await this.switchTo(next);
        // A release served that broke goes back as far as it must: the previous one, else the shipped one.
        if (outcome !== 'rolled-back' || !failing) return outcome;
      }
    } finally {
      this.busy = false;
    }
  }

  /** Whether the installed release served was found damaged in use (a read or the warm-up gave up on it). */
  private servedFailing(): boolean {
    return this.current.releaseNumber > 0 && this.opts.content.state().state !== 'ok';
  }

  /** Records the release served as rolled back; its file goes once another one answers. */
  private setAsideServed(): void {
    const { store, content, logger } = this.opts;
    const { active, previous } = store.slots();
    const failed = [active, previous].find((r) => r?.releaseNumber === this.current.releaseNumber) ?? {
      releaseNumber: this.current.releaseNumber,
      version: this.current.version,
      file: basename(this.current.file),
      installedAt: this.current.since,
    };
    const error = new ReleaseRefusedError('damaged', content.state().detail ?? 'the release served failed in use');
    store.rollBack(failed, error, { keepFile: true });
    logger.error(
      { releaseNumber: failed.releaseNumber, detail: error.message },
      'content release served was found damaged; going back to an earlier one',
    );
  }

  /** The last fallback: the release shipped with the software. */
  private switchToShipped(): SwitchOutcome {
    const { store, content, logger } = this.opts;
    const shipped = store.shipped();
    let opened;
    try {
      opened = verifyRelease(shipped.file);
    } catch (error) {
      if (!(error instanceof ReleaseRefusedError)) throw error;
      logger.error({ detail: error.message }, 'the shipped content release fails its checks too; no content to serve');
      return 'rolled-back';
    }
    const served = { ...shipped, version: opened.releaseVersion() ?? shipped.version };
    content.swap(opened, describeServed(served));
    this.current = served;
    store.noteServing(served);
    store.prune(served.file);
    logger.info('serving the content release shipped with the software');
    return 'switched';
  }

  private async switchTo(next: StoredRelease): Promise<SwitchOutcome> {
    const { store, content, logger } = this.opts;
    let opened;
    try {
      opened = verifyRelease(store.pathOf(next), next.version);
    } catch (error) {
      if (!(error instanceof ReleaseRefusedError)) throw error;
      store.rollBack(next, error);
      store.prune(this.current.file);
      content.describe(
        describeServed(
          this.current,
          `release ${next.releaseNumber} was rolled back (${error.reason}): ${error.message}`,
        ),
      );
      logger.error(
        { releaseNumber: next.releaseNumber, reason: error.reason, detail: error.message },
        'content release failed its checks at the switch; rolled back',
      );
      return 'rolled-back';
    }
    await this.opts.step?.('switching');
    // The step above is the only wait: a citizen who arrived meanwhile keeps the old release until the next idle moment.
    if (!this.opts.activity.idle()) {
      opened.close();
      return 'waiting';
    }
    const served = store.served(next);
    content.swap(opened, describeServed(served));
    this.current = served;
    store.noteServing(served);
    store.prune(served.file);
    logger.info({ releaseNumber: next.releaseNumber, version: next.version }, 'content release switched');
    return 'switched';
  }
}
