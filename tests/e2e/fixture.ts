import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  demoConfig,
  launchChromium,
  startKiosk,
  startKioskWithSerialPrinter,
  type KioskOnPaper,
  type RunningKiosk,
} from './harness';

export interface KioskOptions {
  /** Also Debian's Chromium, launched while the service starts. */
  browser?: boolean;
  /** The receipt printer on a real serial line (see startKioskWithSerialPrinter), so `paper` can read what it printed. */
  printer?: 'serial';
  /** The service's data directory, which the test then removes itself; by default a throwaway one removed at the end. */
  dataDir?: string;
  /** Changes to the demo terminal's top-level settings, e.g. `{ hub: { url } }`. */
  config?: Record<string, unknown>;
}

/** What the options asked for: `browser` only with `browser: true`, `paper` only with `printer: 'serial'`. */
export type KioskFixture<O extends KioskOptions> = { readonly kiosk: RunningKiosk } & BrowserIfAsked<O> &
  PaperIfAsked<O>;
type BrowserIfAsked<O> = O extends { browser: true } ? { readonly browser: Browser } : unknown;
type PaperIfAsked<O> = O extends { printer: 'serial' } ? { readonly paper: KioskOnPaper } : unknown;

type Phase = 'not started' | 'failed' | 'running' | 'stopped';

/**
 * What one test file runs, started side by side and stopped in turn, each
 * part stopped even when another failed to start. useKiosk drives it from
 * vitest's hooks; a test of the fixture itself drives it by hand.
 */
export class KioskRun {
  phase: Phase = 'not started';
  kiosk: RunningKiosk | undefined;
  browser: Browser | undefined;
  paper: KioskOnPaper | undefined;
  configDir: string | undefined;

  constructor(private readonly opts: KioskOptions = {}) {}

  async start(): Promise<void> {
    const [service, chromium] = await Promise.allSettled([
      this.startService(),
      this.opts.browser === true ? launchChromium() : Promise.resolve(undefined),
    ]);
    if (service.status === 'fulfilled') this.kiosk = service.value;
    if (chromium.status === 'fulfilled') this.browser = chromium.value;
    for (const started of [service, chromium]) {
      if (started.status === 'rejected') {
        this.phase = 'failed';
        throw started.reason;
      }
    }
    this.phase = 'running';
  }

  async stop(): Promise<void> {
    this.phase = 'stopped';
    try {
      await this.browser?.close();
    } finally {
      try {
        await (this.paper ?? this.kiosk)?.stop();
      } finally {
        if (this.configDir !== undefined) rmSync(this.configDir, { recursive: true, force: true });
      }
    }
  }

  private async startService(): Promise<RunningKiosk> {
    const { printer, dataDir, config } = this.opts;
    if (printer === 'serial') {
      this.paper = await startKioskWithSerialPrinter({ dataDir, config });
      return this.paper.kiosk;
    }
    if (config === undefined) return startKiosk({ dataDir });
    this.configDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-config-'));
    const file = join(this.configDir, 'terminal.json');
    writeFileSync(file, JSON.stringify(demoConfig(config)));
    return startKiosk({ config: file, dataDir });
  }
}

/**
 * The running kiosk (and browser, and paper) of a test file: registers the
 * vitest hooks that start them before its tests and stop them after (see
 * KioskRun).
 *
 * Call it at the top of the file (or of a describe). Hooks the file
 * registers before this call run after everything here has stopped (vitest
 * runs afterAll hooks last-registered first), which is where removing a
 * data directory of the test's own belongs.
 *
 * The answer's `kiosk`, `browser` and `paper` exist from the start, so a file
 * keeps them as module-level names its helpers and tests read as before:
 * each stands in for the real object once beforeAll has made it, and a read
 * before then (or after afterAll) says so instead of failing on `undefined`.
 */
export function useKiosk<const O extends KioskOptions = Record<never, never>>(opts?: O): KioskFixture<O> {
  const run = new KioskRun(opts);
  beforeAll(() => run.start());
  afterAll(() => run.stop());
  return {
    kiosk: standIn('kiosk', run, () => run.kiosk),
    ...(opts?.browser === true ? { browser: standIn('browser', run, () => run.browser) } : {}),
    ...(opts?.printer === 'serial' ? { paper: standIn('paper', run, () => run.paper) } : {}),
  } as KioskFixture<O>;
}

function standIn<T extends object>(name: string, run: KioskRun, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (target === undefined || run.phase !== 'running') throw new Error(notRunning(name, key, run.phase));
      const value: unknown = Reflect.get(target, key, target);
      // Bound to the real object: Playwright's classes keep their state on it, not on the stand-in.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function notRunning(name: string, key: string | symbol, phase: Phase): string {
  const read = `useKiosk(): ${name}.${String(key)} was read`;
  switch (phase) {
    case 'not started':
      return `${read} before beforeAll started it: read it inside a test or a hook, not at the top of the file`;
    case 'failed':
      return `${read}, but it did not start (see the error in beforeAll)`;
    default:
      return `${read} after afterAll stopped it`;
  }
}
