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
      if (this.pending() !== undefined) this.trySwitchLogged();
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
    const next = this.pending();
    if (next === undefined) return 'nothing';
    if (!this.opts.activity.idle()) return 'waiting';
    this.busy = true;
    try {
      return await this.switchTo(next);
    } finally {
      this.busy = false;
    }
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
