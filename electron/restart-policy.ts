/**
 * How the shell heals itself, in three layers: reload the page, restart the
 * service, relaunch the whole app. Each layer backs off, and the last one is
 * rationed, because a relaunch loop is worse for a citizen than a calm
 * "temporarily unavailable" page.
 */

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (1-based): initial, doubled each time, capped. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: Backoff): number {
  const n = Number.isFinite(attempt) && attempt >= 1 ? Math.floor(attempt) : 1;
  return Math.min(initialMs * 2 ** (n - 1), maxMs);
}

// ── Service ──────────────────────────────────────────────────────────────────

/** The service exits with this code when its configuration is invalid; restarting cannot fix that. */
export const CONFIG_INVALID_EXIT_CODE = 2;

// Each failure in a row waits twice as long as the one before; see
// SERVICE_GIVE_UP_AFTER for when the shell stops trying.
export const SERVICE_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

/** Up at least this long counts as healthy: the next crash starts the backoff afresh. */
export const SERVICE_STABLE_AFTER_MS = 60_000;

/** Not announced within this time: show the fallback page while it keeps starting. */
export const SERVICE_SLOW_START_MS = 8_000;

// Opening and checking a large content release on a slow eMMC takes a while;
// only a service silent for this long is considered stuck and killed.
export const SERVICE_READY_TIMEOUT_MS = 120_000;

/**
 * Failed starts and crashes in a row, none after a stable run, after which
 * the shell stops restarting. A service that dies at start the same way each
 * time (a port taken by another program, a broken install) is not helped by
 * trying again; with the backoff above, five tries take about fifteen
 * seconds, long enough for anything passing (the previous copy still
 * releasing its port) to pass. Past that the shell says why and leaves the
 * machine alone: a loop that never ends only hides the fault.
 */
export const SERVICE_GIVE_UP_AFTER = 5;

export interface ServiceExit {
  /** Exit code reported by the utility process. */
  code: number;
  /** The shell asked the service to stop (quit or relaunch). */
  quitting: boolean;
  /** How long the service had been announced when it exited; null if it never was. */
  readyForMs: number | null;
  /** Failed starts and crashes since the service was last stable. */
  consecutiveFailures: number;
}

export type ServiceExitDecision =
  | { kind: 'none' }
  /** Do not restart: the configuration is invalid, or the service keeps failing (SERVICE_GIVE_UP_AFTER times in a row). */
  | { kind: 'fallback'; reason: 'config-invalid' | 'keeps-failing'; consecutiveFailures: number }
  | { kind: 'restart'; delayMs: number; consecutiveFailures: number };

export function decideAfterServiceExit(exit: ServiceExit): ServiceExitDecision {
  if (exit.quitting) return { kind: 'none' };
  const wasStable = exit.readyForMs !== null && exit.readyForMs >= SERVICE_STABLE_AFTER_MS;
  const consecutiveFailures = wasStable ? 1 : exit.consecutiveFailures + 1;
  if (exit.code === CONFIG_INVALID_EXIT_CODE)
    return { kind: 'fallback', reason: 'config-invalid', consecutiveFailures };
  if (consecutiveFailures >= SERVICE_GIVE_UP_AFTER)
    return { kind: 'fallback', reason: 'keeps-failing', consecutiveFailures };
  return { kind: 'restart', delayMs: backoffDelay(consecutiveFailures, SERVICE_BACKOFF), consecutiveFailures };
}

// ── Renderer ─────────────────────────────────────────────────────────────────

export const RENDERER_BACKOFF: Backoff = { initialMs: 500, maxMs: 8_000 };
export const RENDERER_FAILURE_WINDOW_MS = 5 * 60_000;

/** A page that keeps dying despite reloads points at the app itself (GPU, profile): relaunch. */
export const RENDERER_FAILURES_BEFORE_RELAUNCH = 5;

export type RendererFailureDecision = { kind: 'reload'; delayMs: number } | { kind: 'relaunch' };

/** `failures` are the times of renderer failures, the one just seen included. */
export function decideAfterRendererFailure(failures: readonly number[], now: number): RendererFailureDecision {
  const recent = withinWindow(failures, now, RENDERER_FAILURE_WINDOW_MS).length;
  if (recent >= RENDERER_FAILURES_BEFORE_RELAUNCH) return { kind: 'relaunch' };
  return { kind: 'reload', delayMs: backoffDelay(recent, RENDERER_BACKOFF) };
}

// ── App relaunch budget ──────────────────────────────────────────────────────

/**
 * `app.relaunch()` starts a new copy of the app, so an unbounded relaunch loop
 * is easy to create; the budget (5 per 10 minutes, as in Xibo's player) is
 * kept on disk so that it survives the relaunches it counts.
 */
export const RELAUNCH_BUDGET = { max: 5, windowMs: 10 * 60_000 } as const;
export const RELAUNCH_HISTORY_FILE = 'relaunch-history.json';

/**
 * Times in the window ending now. Times in the future are dropped: after the
 * clock is set back (no RTC battery, NTP correction) they would otherwise
 * block relaunches for as long as the clock was wrong.
 */
function withinWindow(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => t <= now && now - t < windowMs);
}

export function budgetAllows(history: readonly number[], now: number): boolean {
  return withinWindow(history, now, RELAUNCH_BUDGET.windowMs).length < RELAUNCH_BUDGET.max;
}

/** The history to persist before relaunching: recent entries plus this one. */
export function recordRelaunch(history: readonly number[], now: number): number[] {
  return [...withinWindow(history, now, RELAUNCH_BUDGET.windowMs), now];
}

/** Reads the persisted history; a missing or damaged file counts as no relaunches. */
export function parseRelaunchHistory(text: string | undefined): number[] {
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof data !== 'object' || data === null || !('relaunches' in data) || !Array.isArray(data.relaunches))
    return [];
  return data.relaunches.filter((t: unknown): t is number => typeof t === 'number' && Number.isFinite(t));
}

export function serializeRelaunchHistory(history: readonly number[]): string {
  return `${JSON.stringify({ relaunches: history })}\n`;
}

export interface RelaunchTarget {
  isPackaged: boolean;
  /** `process.env.APPIMAGE`: set by the AppImage runtime to the .AppImage file. */
  appImage: string | undefined;
  argv: readonly string[];
}

/**
 * Options for `app.relaunch()`. Inside an AppImage the running binary lives in
 * a FUSE mount that disappears when this process exits, so the relaunch must
 * start the .AppImage file itself; extract-and-run keeps the new copy
 * independent of the old mount. Elsewhere Electron's defaults are right.
 */
export function relaunchOptions(t: RelaunchTarget): { execPath: string; args: string[] } | undefined {
  if (!t.isPackaged || t.appImage === undefined || t.appImage === '') return undefined;
  return { execPath: t.appImage, args: ['--appimage-extract-and-run', ...t.argv.slice(1)] };
}
