import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RENDERER_JS_FLAGS } from '../../electron/renderer-js-flags';
import { buildAll, buildIsStale } from '../lib/build';
import { findChromium } from '../lib/chromium';
import { heapSnapshotNodes } from '../lib/heap-snapshot';
import { median, percentile } from '../../common/percentiles';
import { DEMO_CONFIG, SERVICE_BUNDLE } from '../lib/paths';
import { startService } from '../lib/service-process';

/**
 * The citizen UI under a scripted touch session, in Debian's Chromium at
 * 1080×1920 on the demo terminal:
 *
 * - home_interactive_ms: from navigation to the home screen having answered
 *   the first touch (the tap that wakes the attract loop), median of 5 fresh
 *   pages; against a one-button page measured the same way in the same run.
 * - inp_p95_ms: interaction to next paint (Event Timing API, the longest
 *   entry of each interaction), p95 over every tap of the scripted sessions;
 *   the same figure for taps on a one-button page is the machine's floor.
 *   Event Timing reports only interactions of 16 ms or more, so taps that
 *   were never reported count as 16 ms: the percentile is an upper bound.
 * - heap_growth_pct: renderer JS heap (after forced garbage collection)
 *   after N scripted sessions against after one. N is 200 unless
 *   `--sessions N` says otherwise.
 *
 * The page runs with the kiosk's V8 flags (electron/renderer-js-flags.ts:
 * no optimizing compilers). The same sessions then run again in a browser
 * with V8's defaults, and the `v8_defaults_*` figures show what those flags
 * change, measured in the same run.
 *
 * Each session is what a citizen does: wake the kiosk, 智能咨询 → 劳动工资 →
 * 老板拖欠工资 → a question → its answer → a cited article → the whole law in
 * the reader, home, search by typing pinyin on the on-screen keyboard, open
 * the results, then 结束使用 and a five-star rating (which resets everything).
 */
const INTERACTIVE_RUNS = 5;
const EVENT_TIMING_FLOOR_MS = 16;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Collects the longest Event Timing entry of each interaction, in the page,
 * before any of its scripts run. Page-side code is kept as text: this file is
 * type-checked as Node code, without the DOM's types.
 */
const INTERACTION_RECORDER = `
  window.__interactions = new Map();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.interactionId) continue;
      window.__interactions.set(entry.interactionId, Math.max(window.__interactions.get(entry.interactionId) ?? 0, entry.duration));
    }
  }).observe({ type: 'event', durationThreshold: ${EVENT_TIMING_FLOOR_MS}, buffered: true });
`;

async function takeInteractions(page: Page): Promise<number[]> {
  // Entries are delivered after the next frame; give the observer two.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return page.evaluate<number[]>(
    '(() => { const v = [...window.__interactions.values()]; window.__interactions.clear(); return v; })()',
  );
}

/** Counts taps so unreported (fast) interactions are still counted. */
class Taps {
  count = 0;
  constructor(private readonly page: Page) {}
  async tap(locator: ReturnType<Page['getByTestId']>): Promise<void> {
    await locator.tap();
    this.count += 1;
  }
}

async function scriptedSession(page: Page, taps: Taps): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 });
  await taps.tap(page.getByTestId('attract'));
  await page.getByTestId('home').waitFor();
  await taps.tap(page.getByRole('button', { name: /^智能咨询/ }));
  await taps.tap(page.getByRole('button', { name: /^劳动工资/ }));
  await taps.tap(page.getByRole('button', { name: '老板拖欠工资' }));
  await taps.tap(page.locator('main .choice-list button').first());
  await page.getByTestId('take-away-code').waitFor();
  await taps.tap(page.getByRole('button', { name: '劳动合同法 第三十条' }));
  await page.getByTestId('article-text').waitFor();
  await taps.tap(page.getByRole('button', { name: /阅读整部法律/ }));
  await page.locator('[data-testid^="law-article-"]').first().waitFor();
  await taps.tap(page.getByRole('button', { name: '首页' }));
  await page.getByTestId('home').waitFor();
  await taps.tap(page.getByTestId('search-input'));
  await page.getByTestId('keyboard').waitFor();
  for (const ch of 'laodong') await taps.tap(page.getByTestId(`kb-key-${ch}`));
  await page.getByTestId('kb-candidate-0').getByText('劳动').waitFor();
  await taps.tap(page.getByTestId('kb-candidate-0'));
  await taps.tap(page.getByTestId('kb-done'));
  await page.locator('[data-testid^="results-"]').first().waitFor();
  await h1.waitFor();
  await taps.tap(page.getByTestId('session-finish'));
  // The kiosk asks how it went; this citizen gives five stars, which ends the session.
  await page.getByTestId('finish-rating').waitFor();
  await taps.tap(page.getByTestId('rating-score-5'));
  await taps.tap(page.getByTestId('rating-submit'));
  await page.getByTestId('attract').waitFor();
}

async function jsHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * The same heap split by what it holds, from a heap snapshot: compiled code
 * (V8's JIT output, which grows while the engine warms up and is not data the
 * app keeps) against everything else (the app's objects, strings, closures).
 * A leak of citizen data would show in the second.
 */
async function heapComposition(page: Page): Promise<{ codeBytes: number; objectBytes: number }> {
  let codeBytes = 0;
  let objectBytes = 0;
  for (const { type, selfSize } of await heapSnapshotNodes(page)) {
    // 'native' nodes are the browser's own (DOM, devtools bookkeeping), outside the JS heap measured above.
    if (type === 'code') codeBytes += selfSize;
    else if (type !== 'native' && type !== 'synthetic') objectBytes += selfSize;
  }
  return { codeBytes, objectBytes };
}

const BLANK_PAGE = `data:text/html,<!doctype html><meta charset=utf-8><button id=b style="width:200px;height:100px" onclick="this.textContent=Date.now()">tap</button>`;

/** A portrait kiosk screen with touch, recording interactions from the first script on. */
async function kioskContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    locale: 'zh-CN',
  });
  await context.addInitScript({ content: INTERACTION_RECORDER });
  return context;
}

interface SessionsFigures {
  taps: number;
  /** Every tap's interaction to next paint, after the first session. */
  inp: number[];
  slowTaps: number;
  heapAfterOne: number;
  heapAfterN: number;
  /** Heap every 20 sessions: a leak climbs steadily, warm-up levels off. */
  heapCurve: number[];
  codeGrowth: number;
  objectsGrowthPct: number;
}

/** N scripted sessions on one page: INP over every tap after the first session, heap after one and after N. */
async function runSessions(browser: Browser, url: string, sessions: number, label: string): Promise<SessionsFigures> {
  const context = await kioskContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('attract').waitFor();
    const taps = new Taps(page);
    const inp: number[] = [];
    let slowTaps = 0;
    const heapCurve: number[] = [];
    const t0 = performance.now();
    await scriptedSession(page, taps);
    const heapAfterOne = await jsHeapBytes(page);
    const compositionAfterOne = await heapComposition(page);
    for (let i = 1; i < sessions; i++) {
      const before = taps.count;
      await scriptedSession(page, taps);
      const reported = await takeInteractions(page);
      slowTaps += reported.length;
      inp.push(
        ...reported,
        ...Array<number>(Math.max(0, taps.count - before - reported.length)).fill(EVENT_TIMING_FLOOR_MS),
      );
      if ((i + 1) % 20 === 0) {
        const heap = await jsHeapBytes(page);
        heapCurve.push(round1(heap / 1048576));
        process.stderr.write(
          `${label}: session ${i + 1}/${sessions} (${Math.round((performance.now() - t0) / 1000)} s), heap ${round1(heap / 1048576)} MB\n`,
        );
      }
    }
    const heapAfterN = await jsHeapBytes(page);
    const compositionAfterN = await heapComposition(page);
    return {
      taps: taps.count,
      inp,
      slowTaps,
      heapAfterOne,
      heapAfterN,
      heapCurve,
      codeGrowth: compositionAfterN.codeBytes - compositionAfterOne.codeBytes,
      objectsGrowthPct:
        ((compositionAfterN.objectBytes - compositionAfterOne.objectBytes) / compositionAfterOne.objectBytes) * 100,
    };
  } finally {
    await context.close();
  }
}

const growthPct = (f: SessionsFigures): number => round1(((f.heapAfterN - f.heapAfterOne) / f.heapAfterOne) * 100);
const mb = (bytes: number): number => round1(bytes / 1048576);

export async function uiBench(): Promise<Record<string, unknown>> {
  const sessions = Number(argValue('--sessions') ?? 200);
  if (!Number.isInteger(sessions) || sessions < 2) throw new Error('--sessions must be a whole number of at least 2');
  if (buildIsStale()) await buildAll();
  const executablePath = findChromium(process.env);
  if (executablePath === undefined)
    throw new Error('Chromium not found (install Debian’s chromium or set CHROMIUM_PATH)');
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');

  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-ui-'));
  const svc = startService(SERVICE_BUNDLE, ['--config', DEMO_CONFIG, '--data-dir', dataDir], { forward: false });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...args, `--js-flags=${RENDERER_JS_FLAGS}`],
  });
  let defaultsBrowser: Browser | undefined;
  try {
    const url = await svc.ready;
    const context = await kioskContext(browser);

    // Time to an interactive home screen, against a one-button page.
    const interactive: number[] = [];
    const blankInteractive: number[] = [];
    for (let i = 0; i < INTERACTIVE_RUNS; i++) {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(url);
      await page.getByTestId('attract').tap();
      await page.locator('.attract').waitFor({ state: 'detached' });
      await page.getByTestId('home').waitFor();
      interactive.push(performance.now() - t0);
      await page.close();

      const blank = await context.newPage();
      const b0 = performance.now();
      await blank.goto(BLANK_PAGE);
      await blank.locator('#b').tap();
      await blank.locator('#b').filter({ hasNotText: 'tap' }).waitFor();
      blankInteractive.push(performance.now() - b0);
      await blank.close();
    }

    // The machine's floor for a tap: a one-button page in the same browser.
    const blank = await context.newPage();
    await blank.goto(BLANK_PAGE);
    for (let i = 0; i < 40; i++) await blank.locator('#b').tap();
    const blankReported = await takeInteractions(blank);
    const blankInp = [
      ...blankReported,
      ...Array<number>(Math.max(0, 40 - blankReported.length)).fill(EVENT_TIMING_FLOOR_MS),
    ];
    await context.close();

    const kiosk = await runSessions(browser, url, sessions, 'kiosk flags');
    await browser.close();
    defaultsBrowser = await chromium.launch({ executablePath, headless: true, args });
    const defaults = await runSessions(defaultsBrowser, url, sessions, 'V8 defaults');

    const homeInteractive = median(interactive);
    const blankHome = median(blankInteractive);
    return {
      sessions,
      js_flags: RENDERER_JS_FLAGS,
      taps: kiosk.taps,
      home_interactive_ms: Math.round(homeInteractive),
      blank_page_interactive_ms: Math.round(blankHome),
      home_vs_blank_page: round1(homeInteractive / blankHome),
      inp_p95_ms: round1(percentile(kiosk.inp, 95)),
      inp_p50_ms: round1(percentile(kiosk.inp, 50)),
      inp_max_ms: round1(Math.max(...kiosk.inp)),
      /** Interactions of 16 ms or more to the next paint (the only ones Event Timing reports; a tap can be more than one). */
      interactions_reported: kiosk.slowTaps,
      blank_page_inp_p95_ms: round1(percentile(blankInp, 95)),
      heap_after_one_mb: mb(kiosk.heapAfterOne),
      heap_after_all_mb: mb(kiosk.heapAfterN),
      heap_growth_pct: growthPct(kiosk),
      heap_every_20_sessions_mb: kiosk.heapCurve,
      heap_code_growth_mb: mb(kiosk.codeGrowth),
      heap_objects_growth_pct: round1(kiosk.objectsGrowthPct),
      v8_defaults_inp_p95_ms: round1(percentile(defaults.inp, 95)),
      v8_defaults_inp_p50_ms: round1(percentile(defaults.inp, 50)),
      v8_defaults_heap_after_one_mb: mb(defaults.heapAfterOne),
      v8_defaults_heap_after_all_mb: mb(defaults.heapAfterN),
      v8_defaults_heap_growth_pct: growthPct(defaults),
      v8_defaults_heap_code_growth_mb: mb(defaults.codeGrowth),
      v8_defaults_heap_objects_growth_pct: round1(defaults.objectsGrowthPct),
    };
  } finally {
    await browser.close();
    await defaultsBrowser?.close();
    svc.child.kill('SIGTERM');
    await svc.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
