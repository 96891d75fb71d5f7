import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { Health } from '../../common/api/health';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { formatConfigReport, loadConfig } from '../config/load-config';
import { checkDataDirWritable } from '../data-dir';
import { rootAllowedForTests, type Check } from '../lockdown/check';
import {
  comparePolicy,
  DEFAULT_POLICY_DIR,
  readInstalledPolicy,
  SHIPPED_POLICY_FILE,
} from '../lockdown/chromium-policy';
import { browserPolicyCheck, runtimeCheck, serviceUserCheck, shellCheck } from '../lockdown/doctor-checks';
import { readPasswd, readProcStatus } from '../lockdown/process-user';
import { isPidAlive, readShellState } from '../lockdown/shell-state-file';
import { readRuntimeFile, type RuntimeInfo } from '../runtime-file';

export type { Check } from '../lockdown/check';

export interface DoctorOptions {
  configPath: string | undefined;
  dataDir: string;
  fetchTimeoutMs?: number;
  /** Chromium's managed policy directory (tests point it at a temporary one). */
  policyDir?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

function describeDevice(label: string, device: TerminalConfig['devices'][keyof TerminalConfig['devices']]): Check {
  if (device.mode === 'none')
    return { name: label, status: 'warn', detail: 'not configured (mode "none"): features that need it are off' };
  if (device.mode === 'simulated') return { name: label, status: 'pass', detail: 'simulated device' };
  if (!existsSync(device.port))
    return { name: label, status: 'fail', detail: `${device.port} does not exist (unplugged, or wrong path?)` };
  return { name: label, status: 'pass', detail: `${device.port} @ ${device.baudRate} baud, model ${device.model}` };
}

/** The checks a technician runs first on a kiosk that misbehaves. */
export async function runDoctor(opts: DoctorOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const runtime = readRuntimeFile(opts.dataDir);
  const configPath = opts.configPath ?? runtime?.configPath;

  let config: TerminalConfig | undefined;
  if (configPath === undefined) {
    checks.push({
      name: 'configuration',
      status: 'fail',
      detail: 'no configuration given (--config FILE or KIOSK_CONFIG) and no running service to ask',
    });
  } else {
    const loaded = loadConfig(configPath);
    if (loaded.ok) {
      config = loaded.value.config;
      checks.push({
        name: 'configuration',
        status: 'pass',
        detail: `${configPath} is valid (terminal ${loaded.value.config.id})`,
      });
    } else {
      checks.push({ name: 'configuration', status: 'fail', detail: formatConfigReport(loaded.error) });
    }
  }

  const dir = checkDataDirWritable(opts.dataDir);
  checks.push(
    dir.ok
      ? { name: 'data directory', status: 'pass', detail: `${opts.dataDir} is writable` }
      : { name: 'data directory', status: 'fail', detail: dir.error.detail },
  );

  if (runtime === undefined) {
    checks.push({
      name: 'service',
      status: 'fail',
      detail: `not running (no ${opts.dataDir}/run/service.json); start it with npm start`,
    });
  } else {
    try {
      const res = await fetch(`http://127.0.0.1:${runtime.port}/api/health`, {
        headers: { authorization: `Bearer ${runtime.technicianToken}` },
        signal: AbortSignal.timeout(opts.fetchTimeoutMs ?? 3000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const health = Health.parse(await res.json());
      checks.push({
        name: 'service',
        status: 'pass',
        detail: `version ${health.version} on port ${runtime.port}, up ${Math.round(health.uptimeSeconds)} s, configuration ${health.configName}`,
      });
      for (const [name, sub] of Object.entries(health.subsystems)) {
        // Something this software version does not offer yet is a known limit, not a fault of this machine.
        const knownLimit = /not-installed|not-in-this-version/.test(sub.reason ?? '');
        const status = sub.state === 'ok' ? 'pass' : sub.state === 'off' || knownLimit ? 'warn' : 'fail';
        checks.push({
          name: `service: ${name}`,
          status,
          detail: [sub.state, sub.reason, sub.detail].filter(Boolean).join(' — '),
        });
      }
    } catch (error) {
      checks.push({
        name: 'service',
        status: 'fail',
        detail: `pid ${runtime.pid} on port ${runtime.port} does not answer: ${(error as Error).message}`,
      });
    }
  }

  checks.push(...lockdownChecks(opts, runtime));

  if (config !== undefined) {
    checks.push(describeDevice('ID-card reader', config.devices.idCardReader));
    checks.push(describeDevice('receipt printer', config.devices.receiptPrinter));
  }
  return checks;
}

/** How the terminal is locked down: who the service and the shell run as, the browser's policy, the runtime. */
function lockdownChecks(opts: DoctorOptions, runtime: RuntimeInfo | undefined): Check[] {
  const env = opts.env ?? process.env;
  const allowRoot = rootAllowedForTests(env);
  const servicePid = runtime !== undefined && isPidAlive(runtime.pid) ? runtime.pid : undefined;
  const shell = readShellState(opts.dataDir);
  const chromiumShellRunning =
    shell.state === 'present' && shell.shell.shell === 'chromium' && isPidAlive(shell.shell.pid);
  const policyDir = opts.policyDir ?? DEFAULT_POLICY_DIR;
  const installed = readInstalledPolicy(policyDir);
  return [
    serviceUserCheck({
      pid: servicePid,
      procStatus: servicePid === undefined ? undefined : readProcStatus(servicePid),
      passwd: readPasswd(),
      allowRoot,
    }),
    shellCheck({ read: shell, alive: isPidAlive, allowRoot }),
    browserPolicyCheck({
      comparison: comparePolicy(readFileSync(SHIPPED_POLICY_FILE, 'utf8'), installed),
      dir: policyDir,
      ...(installed.state === 'unreadable' ? { problem: installed.detail } : {}),
      chromiumShellRunning,
    }),
    ...runtimeChecks(opts.now ?? new Date(), servicePid),
  ];
}

/**
 * The Node.js this kioskctl runs on, which on a terminal is the one the
 * service was started with; if the running service uses another Node binary,
 * that one is checked too.
 */
function runtimeChecks(today: Date, servicePid: number | undefined): Check[] {
  const own = runtimeCheck({ version: process.version, today });
  const serviceExe = servicePid === undefined ? undefined : realpathOrUndefined(`/proc/${servicePid}/exe`);
  if (serviceExe === undefined || serviceExe === realpathOrUndefined(process.execPath)) return [own];
  const version = nodeVersionOf(serviceExe);
  if (version === undefined)
    return [{ ...own, detail: `${own.detail} (kioskctl's; the service runs in ${serviceExe})` }];
  return [
    { ...own, detail: `${own.detail} (kioskctl's)` },
    runtimeCheck({ version, today, name: 'runtime (service)' }),
  ];
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** `node --version` of another Node binary; only for a file named like Node, never an arbitrary program. */
function nodeVersionOf(exe: string): string | undefined {
  if (!/(^|\/)node(js)?[\d.]*$/.test(exe)) return undefined;
  try {
    const out = execFileSync(exe, ['--version'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^v\d+\.\d+\.\d+/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
