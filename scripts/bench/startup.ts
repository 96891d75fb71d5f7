import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { buildAll, buildIsStale } from '../lib/build';
import { findChromium } from '../lib/chromium';
import { DEMO_CONFIG, SERVICE_BUNDLE } from '../lib/paths';
import { startService } from '../lib/service-process';

const RUNS = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

/** Time for a bare `node` to start and exit: the floor any Node service starts from on this machine. */
async function nodeBaselineMs(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', () => resolve()));
  return performance.now() - t0;
}

async function waitForHealth(origin: string, secret: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${origin}/api/health`, { headers: { authorization: `Bearer ${secret}` } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Cold starts of the service, and of service + Chromium the way a kiosk
 * boots: the browser starts beside the service, navigates once the service
 * prints its URL, and the clock stops when the home screen is on screen.
 */
export async function startupBench(): Promise<Record<string, unknown>> {
  if (buildIsStale()) await buildAll();
  const executablePath = findChromium(process.env);
  if (executablePath === undefined)
    throw new Error('Chromium not found (install Debian’s chromium or set CHROMIUM_PATH)');
  const browserArgs = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (process.getuid?.() === 0) browserArgs.push('--no-sandbox');

  const baseline: number[] = [];
  const serviceReady: number[] = [];
  const homeRendered: number[] = [];
  const browserLaunch: number[] = [];

  for (let i = 0; i < RUNS; i++) {
    baseline.push(await nodeBaselineMs());

    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
    const t0 = performance.now();
    const svc = startService(SERVICE_BUNDLE, ['--config', DEMO_CONFIG, '--data-dir', dataDir], { forward: false });
    const browserPromise = chromium.launch({ executablePath, headless: true, args: browserArgs }).then((b) => {
      browserLaunch.push(performance.now() - t0);
      return b;
    });
    const url = await svc.ready;
    const { origin, hash } = new URL(url);
    await waitForHealth(origin, new URLSearchParams(hash.slice(1)).get('secret') ?? '');
    serviceReady.push(performance.now() - t0);

    const browser = await browserPromise;
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await page.goto(url);
    await page.getByTestId('home').waitFor({ state: 'visible' });
    homeRendered.push(performance.now() - t0);

    await browser.close();
    svc.child.kill('SIGTERM');
    await svc.exited;
    rmSync(dataDir, { recursive: true, force: true });
    process.stderr.write(
      `run ${i + 1}/${RUNS}: service ready ${Math.round(serviceReady.at(-1)!)} ms, home rendered ${Math.round(homeRendered.at(-1)!)} ms\n`,
    );
  }

  const service = median(serviceReady);
  const nodeFloor = median(baseline);
  return {
    runs: RUNS,
    service_ready_ms: service,
    home_rendered_ms: median(homeRendered),
    browser_launch_ms: median(browserLaunch),
    node_baseline_ms: nodeFloor,
    service_ready_vs_node_baseline: Math.round((service / nodeFloor) * 10) / 10,
  };
}
