import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RENDERER_JS_FLAGS } from '../../electron/renderer-js-flags';
import { heapSnapshotNodes } from '../../scripts/lib/heap-snapshot';
import { launchChromium } from './harness';

/**
 * The kiosk's renderer runs without V8's optimizing compilers
 * (electron/renderer-js-flags.ts), checked in Chromium itself rather than by
 * reading the flag back. V8 keeps deoptimization data beside every function
 * Maglev or TurboFan has compiled, and nowhere else; a heap snapshot names
 * it. After code hot enough to be optimized, V8's defaults leave some (the
 * control, which shows the method can see optimization at all) and the
 * kiosk's flags leave none.
 */
const DEOPT_DATA_NODE = 'system / ProtectedFixedArray';

/**
 * Arithmetic and property access in loops: what V8 optimizes first. The
 * functions are kept on `window`, or the snapshot's garbage collection would
 * take them and their compiled code with them.
 */
const HOT_CODE = `(() => {
  window.__hot ??= (() => {
  function mix(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + ((i * 31) ^ (s >>> 3))) | 0; return s; }
  function points(n) { const out = []; for (let i = 0; i < n; i++) out.push({ x: i, y: i * 2 }); let t = 0; for (const p of out) t += p.x + p.y; return t; }
  return { mix, points };
  })();
  const { mix, points } = window.__hot;
  let total = 0;
  for (let k = 0; k < 400; k++) total += mix(2000) + points(200);
  return total;
})()`;

async function deoptDataCount(page: Page): Promise<number> {
  return (await heapSnapshotNodes(page)).filter((node) => node.name === DEOPT_DATA_NODE).length;
}

/** Deoptimization data added by running hot code for a few rounds (optimizing happens on background threads, so rounds are spread out). */
async function deoptDataAddedByHotCode(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto('data:text/html,<!doctype html><title>engine</title>');
    const before = await deoptDataCount(page);
    for (let round = 0; round < 6; round++) {
      await page.evaluate(HOT_CODE);
      await page.waitForTimeout(100);
    }
    return (await deoptDataCount(page)) - before;
  } finally {
    await context.close();
  }
}

const browsers: Browser[] = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});

describe(`the renderer's V8 flags (${RENDERER_JS_FLAGS})`, () => {
  it('keep hot code from being optimized, where V8’s defaults optimize it', async () => {
    const defaults = await launchChromium({ jsFlags: null });
    browsers.push(defaults);
    const control = await deoptDataAddedByHotCode(defaults);
    expect(
      control,
      `V8's defaults left no ${DEOPT_DATA_NODE} after hot code: this Chromium names deoptimization data differently, so the check below would prove nothing`,
    ).toBeGreaterThan(0);

    const kiosk = await launchChromium();
    browsers.push(kiosk);
    expect(await deoptDataAddedByHotCode(kiosk)).toBe(0);
  });
});
