import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decideAfterServiceExit } from '../electron/restart-policy';
import { buildAll, buildIsStale } from './lib/build';
import { chromiumKioskArgs, findChromium, hasDisplay } from './lib/chromium';
import { findElectronBinary } from './lib/electron-binary';
import { DEMO_CONFIG, ELECTRON_BUNDLE, ROOT, SERVICE_BUNDLE } from './lib/paths';
import { startService, type RunningService } from './lib/service-process';

/**
 * `npm start`: build what changed, start the service on the demo
 * configuration (or KIOSK_CONFIG) and open the UI — in Electron when its
 * binary is installed, else in Chromium's kiosk mode, else keep serving
 * headless. Messages of its own go to stderr; stdout carries the service's
 * output, including the one `KIOSK_URL=` line.
 */
const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
  },
  strict: true,
});

const say = (text: string): void => {
  process.stderr.write(`[start] ${text}\n`);
};

const EXIT_BAD_CONFIG = 2;
const configPath = values.config ?? process.env['KIOSK_CONFIG'] ?? DEMO_CONFIG;

if (buildIsStale()) {
  say('building the kiosk (renderer, service, shell)…');
  await buildAll();
}

const electronBinary = values.headless ? undefined : findElectronBinary(ROOT, process.env);
if (electronBinary !== undefined) {
  // The Electron main process starts and watches the service itself.
  say(`opening in Electron (${electronBinary})`);
  const electron = spawn(electronBinary, [ELECTRON_BUNDLE], {
    stdio: 'inherit',
    env: { ...process.env, KIOSK_CONFIG: configPath },
  });
  electron.on('exit', (code) => process.exit(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => electron.kill('SIGTERM'));
} else {
  await runWithChromiumOrHeadless();
}

async function runWithChromiumOrHeadless(): Promise<void> {
  const serviceArgs = ['--config', configPath];
  if (values['data-dir'] !== undefined) serviceArgs.push('--data-dir', values['data-dir']);
  if (values.port !== undefined) serviceArgs.push('--port', values.port);

  const chromium = values.headless ? undefined : findChromium(process.env);
  const canShow = chromium !== undefined && hasDisplay(process.platform, process.env);
  if (!values.headless && !canShow) {
    say(chromium === undefined ? 'no Electron and no Chromium found (set CHROMIUM_PATH): serving only' : 'no display: serving only');
  }

  let service: RunningService | undefined;
  let browser: ChildProcess | undefined;
  let profileDir: string | undefined;
  let stopping = false;

  const closeBrowser = (): void => {
    browser?.kill('SIGTERM');
    browser = undefined;
    if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
    profileDir = undefined;
  };

  const openBrowser = (url: string): void => {
    if (!canShow || chromium === undefined) return;
    closeBrowser();
    profileDir = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
    const runningAsRoot = process.getuid?.() === 0;
    const child = spawn(chromium, chromiumKioskArgs({ url, profileDir, runningAsRoot }), { stdio: 'ignore' });
    browser = child;
    child.on('exit', () => {
      // A browser that dies while the service runs is reopened; a deliberate close is not.
      if (browser === child && !stopping) setTimeout(() => browser === child && openBrowser(url), 2000);
    });
  };

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    closeBrowser();
    service?.child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Keep the service up: restart with backoff when it dies, reopening the
  // browser on the new URL (the secret changes with every boot). The policy
  // is the Electron shell's (electron/restart-policy.ts): a service that
  // keeps failing is not restarted forever; npm start says why and exits.
  let failures = 0;
  for (;;) {
    service = startService(SERVICE_BUNDLE, serviceArgs);
    let readyAt: number | null = null;
    try {
      const url = await service.ready;
      readyAt = Date.now();
      if (canShow) say('opening in Chromium kiosk mode');
      openBrowser(url);
    } catch {
      // Exit status is handled below.
    }
    const { code, signal } = await service.exited;
    if (stopping) process.exit(0);
    const decision = decideAfterServiceExit({
      code: code ?? -1,
      quitting: stopping,
      readyForMs: readyAt === null ? null : Date.now() - readyAt,
      consecutiveFailures: failures,
    });
    if (decision.kind !== 'restart') {
      closeBrowser();
      if (decision.kind === 'fallback' && decision.reason === 'keeps-failing') {
        say(`service failed ${decision.consecutiveFailures} times in a row (last: code ${code}, signal ${signal}); not restarting it again: see its output above`);
      }
      process.exit(code === EXIT_BAD_CONFIG ? EXIT_BAD_CONFIG : 1);
    }
    failures = decision.consecutiveFailures;
    say(`service stopped (code ${code}, signal ${signal}); restarting in ${decision.delayMs / 1000} s`);
    await new Promise((r) => setTimeout(r, decision.delayMs));
    if (stopping) process.exit(0);
  }
}
