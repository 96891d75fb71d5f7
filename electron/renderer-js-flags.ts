/**
 * V8 flags for the kiosk's renderer (the citizen UI), shared by the Electron
 * shell, the Chromium fallback shell, the end-to-end tests and the UI
 * benchmark, so all of them run the page the way a kiosk does.
 *
 * `--max-opt=1`: V8 stops at its baseline compiler (Sparkplug); the
 * optimizing compilers (Maglev, TurboFan) never run. This is what Chrome's
 * and Edge's `DefaultJavaScriptOptimizerSetting` = Block policy does. Why a
 * kiosk wants it:
 *
 * - It costs this UI next to nothing: `npm run bench -- ui` runs the same
 *   200 scripted sessions with and without it in one run. Tap-to-paint p50
 *   was 40 ms both ways and p95 64 or 72 ms against 64 ms, one step of the
 *   Event Timing API's 8 ms granularity: the time goes to style, layout and
 *   paint, not to JavaScript. The whole Civil Code in the reader measured
 *   the same both ways.
 * - The renderer's memory stays flat. With the optimizers on, the JS heap
 *   grew 28 % over 200 sessions, nearly all of it machine code (1.5 MB)
 *   compiled as the hot paths warmed up; with them off it grew 6 % and stayed
 *   level from the 20th session on, so a real leak would stand out.
 * - A smaller attack surface on a public machine: most exploited V8 bugs are
 *   in the optimizing compilers.
 *
 * Chromium passes `--js-flags` to renderer processes; the Electron main
 * process and the local service (its own process) are not affected.
 */
export const RENDERER_JS_FLAGS = '--max-opt=1';
