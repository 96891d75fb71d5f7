import type { EndReason } from './session-machine';

/**
 * Everything the kiosk does to forget a citizen at the end of a session, in
 * the order that matters: what is on screen first (so nothing lingers while
 * the rest runs), then the browser's stores, then the service. No step waits
 * for or depends on another; one that fails is reported and the rest still run.
 */

/** The parts of `window` the wipe touches; injected so the unit test needs no DOM. */
export interface WipeWindow {
  sessionStorage?: Pick<Storage, 'clear'>;
  localStorage?: Pick<Storage, 'clear'>;
  caches?: Pick<CacheStorage, 'keys' | 'delete'>;
  history: Pick<History, 'replaceState'>;
  location: Pick<Location, 'href'>;
  document: {
    activeElement: Element | null;
    querySelectorAll(selector: string): Iterable<Element>;
  };
  getSelection?(): { removeAllRanges(): void } | null;
  performance?: Pick<Performance, 'clearResourceTimings' | 'clearMarks' | 'clearMeasures'>;
}

export interface WipeDeps {
  window: WipeWindow;
  /** Navigation back to home with a new generation, so every screen's state is dropped. */
  resetNavigation(): void;
  /** Back to the terminal's default language. */
  resetLanguage(): unknown;
  /** `POST /api/session/end`: the service forgets the session's card wait and finished receipts. */
  endSession(reason: EndReason): Promise<unknown>;
  report(error: unknown, where: string): void;
}

function attempt(deps: WipeDeps, where: string, step: () => unknown): Promise<void> {
  try {
    const result = step();
    if (result instanceof Promise)
      return result.then(
        () => undefined,
        (error: unknown) => deps.report(error, where),
      );
  } catch (error) {
    deps.report(error, where);
  }
  return Promise.resolve();
}

/** Empties every text field's value in place (the remount also drops them; this covers uncontrolled ones at once). */
function clearFields(doc: WipeWindow['document']): void {
  for (const el of doc.querySelectorAll('input, textarea')) {
    if ('value' in el && typeof (el as HTMLInputElement).value === 'string') (el as HTMLInputElement).value = '';
  }
  const active = doc.activeElement as (Element & { blur?: () => void }) | null;
  active?.blur?.();
}

async function clearCaches(caches: NonNullable<WipeWindow['caches']>): Promise<void> {
  const keys = await caches.keys();
  await Promise.all(keys.map((key) => caches.delete(key)));
}

/**
 * Resolves when every step has finished (or failed and been reported). The
 * screen is wiped synchronously, before the first await.
 */
export function wipeSession(reason: EndReason, deps: WipeDeps): Promise<void> {
  const w = deps.window;
  const steps: Promise<void>[] = [
    attempt(deps, 'session wipe: fields', () => clearFields(w.document)),
    attempt(deps, 'session wipe: selection', () => w.getSelection?.()?.removeAllRanges()),
    attempt(deps, 'session wipe: navigation', () => deps.resetNavigation()),
    attempt(deps, 'session wipe: language', () => deps.resetLanguage()),
    attempt(deps, 'session wipe: sessionStorage', () => w.sessionStorage?.clear()),
    attempt(deps, 'session wipe: localStorage', () => w.localStorage?.clear()),
    // The same address (the fragment carries the per-boot secret) with no state object: the app pushes no entries of its own.
    attempt(deps, 'session wipe: history', () => w.history.replaceState(null, '', w.location.href)),
    attempt(deps, 'session wipe: caches', () => (w.caches ? clearCaches(w.caches) : undefined)),
    // The performance timeline lists what the last session fetched (which answers, which laws); it goes too.
    attempt(deps, 'session wipe: performance timeline', () => {
      w.performance?.clearResourceTimings();
      w.performance?.clearMarks();
      w.performance?.clearMeasures();
    }),
    // The service may be down; the reset on screen never waits for it.
    attempt(deps, 'session wipe: service', () => deps.endSession(reason)),
  ];
  return Promise.all(steps).then(() => undefined);
}
