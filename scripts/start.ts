import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decideAfterServiceExit } from '../electron/restart-policy';
import { EXIT_REFUSED_ROOT, decideRoot } from '../electron/root-policy';
import { parseKioskUrlLine } from '../electron/service-url-line';
import { removeShellStateFile, writeShellStateFile } from '../electron/shell-state-file';
import { resolveDataDir } from '../service/data-dir';
import { DEFAULT_POLICY_DIR, installedPolicyPath } from '../service/lockdown/chromium-policy';
import { buildAll, buildIsStale } from './lib/build';
import { runDemoHub, type DemoHub } from './lib/demo-hub-run';
import { findChromium, hasDisplay } from './lib/chromium';
import { createProfile, removeLeftoverProfiles, removeProfile } from './lib/chromium-profile';
import { findElectronBinary } from './lib/electron-binary';
import { launchKioskChromium, type KioskChromium } from './lib/kiosk-chromium';
import { DEMO_CONFIG, ELECTRON_BUNDLE, ROOT, SERVICE_BUNDLE } from './lib/paths';
import { startService, type RunningService } from './lib/service-process';

/**
 * `npm start`: build what changed, start the service on the demo
 * configuration (or KIOSK_CONFIG) and open the UI — in Electron when its
 * binary is installed, else in Chromium's kiosk mode, else keep serving
 * headless. Messages of its own go to stderr; stdout carries the service's
 * log. The `KIOSK_URL=` line (it carries the boot secret) is printed only by
 * `--headless`, for technicians and tests: a shell hands the secret to its
 * window itself.
 *
 * Beside the kiosk it runs a local demo hub (scripts/lib/demo-hub-run.ts),
 * with the demo kiosk enrolled and demo accounts, and prints `HUB_URL=`;
 * `--no-hub` runs the kiosk alone. The kiosk never waits for the hub.
 */
const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-hub': { type: 'boolean', default: false },
    'hub-port': { type: 'string' },
  },
  strict: true,
});

const say = (text: string): void => {
  process.stderr.write(`[start] ${text}\n`);
};

const EXIT_BAD_CONFIG = 2;
const configPath = values.config ?? process.env['KIOSK_CONFIG'] ?? DEMO_CONFIG;

const electronBinary = values.headless ? undefined : findElectronBinary(ROOT, process.env);
const chromium = values.headless || electronBinary !== undefined ? undefined : findChromium(process.env);
const canShowChromium = chromium !== undefined && hasDisplay(process.platform, process.env);
const root = decideRoot(process.getuid?.(), process.env);
if ((electronBinary !== undefined || canShowChromium) && !root.run) {
  say(root.reason);
  process.exit(EXIT_REFUSED_ROOT);
}

if (buildIsStale()) {
  say('building the kiosk (renderer, service, shell)…');
  await buildAll();
}

let stoppingAll = false;
const demoHub: DemoHub | undefined = values['no-hub']
  ? undefined
  : runDemoHub({
      kioskDataDir: resolveDataDir(values['data-dir']),
      configPath,
      port: values['hub-port'],
      say,
      stopping: () => stoppingAll,
    });

/** Ends npm start once the demo hub has stopped (it would stop by itself, but not before saying so). */
async function exitAfterHub(code: number): Promise<never> {
  stoppingAll = true;
  await demoHub?.stop();
  process.exit(code);
}

if (electronBinary !== undefined) {
  // The Electron main process starts and watches the service itself.
  say(`opening in Electron (${electronBinary})`);
  // As root (allowed for tests) Electron starts only without its sandbox.
  const electron = spawn(electronBinary, [ELECTRON_BUNDLE, ...(root.run && !root.sandbox ? ['--no-sandbox'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, KIOSK_CONFIG: configPath },
  });
  electron.on('exit', (code) => void exitAfterHub(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      stoppingAll = true;
      electron.kill('SIGTERM');
    });
} else {
  await runWithChromiumOrHeadless();
}

async function runWithChromiumOrHeadless(): Promise<void> {
  const serviceArgs = ['--config', configPath];
  if (values['data-dir'] !== undefined) serviceArgs.push('--data-dir', values['data-dir']);
  if (values.port !== undefined) serviceArgs.push('--port', values.port);

  if (!values.headless && !canShowChromium) {
    say(
      `${chromium === undefined ? 'no Electron and no Chromium found (set CHROMIUM_PATH)' : 'no display'}: serving only (npm start -- --headless prints the address to open)`,
    );
  }

  let service: RunningService | undefined;
  let stopping = false;
  const { openBrowser, closeBrowser } = chromiumShell();

  // The browser is closed and its profile removed before the process ends:
  // the service, which gets the same signal from the terminal or systemd,
  // often stops first.
  let browserClosed: Promise<void> = Promise.resolve();
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    stoppingAll = true;
    browserClosed = closeBrowser().finally(() => service?.child.kill('SIGTERM'));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Keep the service up: restart with backoff when it dies, reopening the
  // browser on the new URL (the secret changes with every boot). The policy
  // is the Electron shell's (electron/restart-policy.ts): a service that
  // keeps failing is not restarted forever; npm start says why and exits.
  let failures = 0;
  for (;;) {
    service = startService(SERVICE_BUNDLE, serviceArgs, { forwardUrlLine: values.headless });
    let readyAt: number | null = null;
    try {
      const url = await service.ready;
      readyAt = Date.now();
      openBrowser(url);
    } catch {
      // Exit status is handled below.
    }
    const { code, signal } = await service.exited;
    if (stopping) {
      await browserClosed;
      return exitAfterHub(0);
    }
    const decision = decideAfterServiceExit({
      code: code ?? -1,
      quitting: stopping,
      readyForMs: readyAt === null ? null : Date.now() - readyAt,
      consecutiveFailures: failures,
    });
    if (decision.kind !== 'restart') {
      await closeBrowser();
      if (decision.kind === 'fallback' && decision.reason === 'keeps-failing') {
        say(
          `service failed ${decision.consecutiveFailures} times in a row (last: code ${code}, signal ${signal}); not restarting it again: see its output above`,
        );
      }
      return exitAfterHub(code === EXIT_BAD_CONFIG ? EXIT_BAD_CONFIG : 1);
    }
    failures = decision.consecutiveFailures;
    say(`service stopped (code ${code}, signal ${signal}); restarting in ${decision.delayMs / 1000} s`);
    await new Promise((r) => setTimeout(r, decision.delayMs));
    if (stopping) {
      await browserClosed;
      return exitAfterHub(0);
    }
  }
}

/**
 * The Chromium window, kept by scripts/lib/kiosk-chromium.ts: a fresh
 * profile each time it opens (leftovers of a killed start removed first),
 * `run/shell.json` while it is up, reopened when Chromium dies while the
 * service runs, moved to the new origin and secret when the service restarts.
 */
function chromiumShell(): { openBrowser: (url: string) => void; closeBrowser: () => Promise<void> } {
  const dataDir = resolveDataDir(values['data-dir']);
  const sandbox = root.run && root.sandbox;
  let browser: KioskChromium | undefined;
  let opening: Promise<void> | undefined;
  let profileDir: string | undefined;
  let wanted: { origin: string; secret: string } | undefined;
  let closing = false;

  const forgetProfile = (): void => {
    if (profileDir !== undefined) removeProfile(profileDir);
    profileDir = undefined;
  };
  // Whatever way this process ends, nothing of the browser stays behind
  // (Chromium itself quits when its DevTools pipe closes).
  process.on('exit', () => {
    forgetProfile();
    removeShellStateFile(dataDir, process.pid);
  });

  const launch = async (target: { origin: string; secret: string }): Promise<void> => {
    for (const left of removeLeftoverProfiles()) say(`removed a browser profile left by an earlier start (${left})`);
    profileDir = createProfile();
    const started = await launchKioskChromium({
      executable: chromium!,
      profileDir,
      sandbox,
      target,
      onBlocked: ({ kind, origin }) =>
        say(
          kind === 'window'
            ? `closed a browser window (${origin})`
            : `kept the kiosk page: stopped a navigation to ${origin}`,
        ),
    });
    browser = started;
    writeShellStateFile(dataDir, {
      pid: process.pid,
      shell: 'chromium',
      engine: `${chromium!} (${started.product})`,
      sandbox,
      runningAsRoot: process.getuid?.() === 0,
      // Chromium reads its managed policies at start: the one in effect is the one there now.
      ...(existsSync(installedPolicyPath(DEFAULT_POLICY_DIR))
        ? { policyFile: installedPolicyPath(DEFAULT_POLICY_DIR) }
        : {}),
      startedAt: new Date().toISOString(),
    });
    void started.exited.then(({ code, signal }) => {
      if (browser !== started) return;
      if (!closing) say(`the browser exited (code ${code}, signal ${signal}); reopening it`);
      browser = undefined;
      removeShellStateFile(dataDir, process.pid);
      forgetProfile();
      // A browser that dies while the service runs is reopened; a deliberate close is not.
      if (!closing) setTimeout(() => wanted !== undefined && !closing && void open(wanted), 2000);
    });
  };

  const open = (target: { origin: string; secret: string }): Promise<void> => {
    const next = (opening ?? Promise.resolve())
      .then(() => (browser !== undefined ? browser.retarget(target) : launch(target)))
      .catch((error: unknown) => {
        say(`could not open the kiosk window: ${(error as Error).message}`);
        if (browser !== undefined || closing) return;
        // Chromium did not come up: its profile goes, and it is tried again.
        forgetProfile();
        setTimeout(() => wanted !== undefined && !closing && browser === undefined && void open(wanted), 5000);
      });
    opening = next;
    return next;
  };

  return {
    openBrowser(url) {
      if (!canShowChromium) return;
      const endpoint = parseKioskUrlLine(`KIOSK_URL=${url}`);
      if (endpoint === null) {
        say('the service announced an address the shell refuses (not http on a loopback port, or no secret)');
        return;
      }
      say('opening in Chromium kiosk mode');
      wanted = { origin: endpoint.origin, secret: endpoint.secret };
      void open(wanted);
    },
    async closeBrowser() {
      closing = true;
      await opening;
      const current = browser;
      browser = undefined;
      await current?.close();
      removeShellStateFile(dataDir, process.pid);
      forgetProfile();
    },
  };
}
