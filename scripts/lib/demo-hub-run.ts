import { LOCAL_CONFIG } from '../../hub/startup';
import { loadConfig } from '../../service/config/load-config';
import { normaliseHubUrl, readEnrollment } from '../../service/hub/hub-identity';
import {
  DEMO_HUB_PORT,
  DEMO_LOGINS,
  demoHubDataDir,
  enrollDemoKiosk,
  prepareDemoHub,
  type DemoTerminal,
} from './demo-hub';
import { startHubProcess, type RunningHubProcess } from './hub-process';

export interface DemoHub {
  /** Stops the hub if it runs; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface RunDemoHubOptions {
  kioskDataDir: string;
  /** The kiosk's configuration: its terminal id, name and region are what the hub knows it by. */
  configPath: string;
  /** Default DEMO_HUB_PORT. */
  port: string | undefined;
  say(text: string): void;
  /** Tells whether npm start is stopping: a hub stopped then is no news. */
  stopping(): boolean;
}

/**
 * npm start's local hub, beside the kiosk and never in its way: seeded on
 * the first start (scripts/lib/demo-hub.ts), run as a child process on
 * loopback on the embedded storage, the demo kiosk enrolled once it
 * answers. Then `HUB_URL=…` on stdout and where the demo passwords are on
 * stderr. A hub that cannot start, or stops, is said once; the kiosk goes
 * on without it either way (it keeps its heartbeats until the hub is back).
 */
export function runDemoHub(opts: RunDemoHubOptions): DemoHub {
  let hub: RunningHubProcess | undefined;
  const started = start().catch((error: unknown) => {
    if (!opts.stopping())
      opts.say(`the demo hub could not start (${(error as Error).message}); the kiosk runs without it`);
  });

  async function start(): Promise<void> {
    const loaded = loadConfig(opts.configPath);
    // The service reports a configuration with problems and npm start ends; the hub has nothing to add.
    if (!loaded.ok) return;
    const { config } = loaded.value;
    const terminal: DemoTerminal = {
      id: config.id,
      displayName: config.displayName,
      regionCode: config.location.regionCode,
      site: config.location.regionName,
    };
    const hubDataDir = demoHubDataDir(opts.kioskDataDir);
    const seed = await prepareDemoHub({ hubDataDir, kioskDataDir: opts.kioskDataDir, terminal });
    for (const id of seed.revokedKioskIds)
      opts.say(`the demo hub revoked kiosk ${id}: its identity was in a kiosk data directory that is gone`);
    if (opts.stopping()) return;

    const env = { ...process.env };
    // The demo hub is a hub of one on the embedded storage, whatever the shell has set for a real one.
    for (const name of ['HUB_DATABASE_URL', 'HUB_REDIS_URL', 'HUB_CONFIG', 'HUB_DATA_DIR', 'HUB_PORT'])
      delete env[name];
    hub = startHubProcess(
      ['--config', LOCAL_CONFIG, '--data-dir', hubDataDir, '--port', opts.port ?? String(DEMO_HUB_PORT)],
      env,
    );
    const running = hub;
    const url = await running.ready;
    void running.exited.then(({ code, signal }) => {
      if (!opts.stopping())
        opts.say(`the demo hub stopped (code ${code}, signal ${signal}); the kiosk runs without it`);
    });

    const before = readEnrollment(opts.kioskDataDir);
    if (seed.enrollCode !== undefined && before === undefined) {
      try {
        const answer = await enrollDemoKiosk({
          kioskDataDir: opts.kioskDataDir,
          hubUrl: normaliseHubUrl(url),
          code: seed.enrollCode,
          terminal,
        });
        opts.say(
          answer.outcome === 'enrolled'
            ? `the demo kiosk ${terminal.id} is enrolled with the demo hub as kiosk ${answer.enrollment.kioskId} (${answer.enrollment.status})`
            : `the demo hub refused the demo kiosk's enrollment (${answer.reason})`,
        );
      } catch (error) {
        opts.say(`the demo kiosk could not enroll with the demo hub: ${(error as Error).message}`);
      }
    } else if (before !== undefined && before.hubUrl !== normaliseHubUrl(url)) {
      opts.say(`the kiosk is enrolled with the hub at ${before.hubUrl}, not with the demo hub; that is left as it is`);
    }

    process.stdout.write(`HUB_URL=${url}\n`);
    opts.say(
      `demo hub: data in ${hubDataDir}; the logins (administrator ${DEMO_LOGINS.administrator}, lawyer ${DEMO_LOGINS.lawyer}) and their passwords are in ${seed.accountsFile}`,
    );
  }

  return {
    async stop() {
      // A hub still starting is stopped too: start() spawns none once npm start is stopping.
      await hub?.stop();
      await started;
      await hub?.stop();
    },
  };
}
