import { existsSync } from 'node:fs';
import { Health } from '../../common/api/health';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { formatConfigReport, loadConfig } from '../config/load-config';
import { checkDataDirWritable } from '../data-dir';
import { readRuntimeFile } from '../runtime-file';

export interface Check {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

export interface DoctorOptions {
  configPath: string | undefined;
  dataDir: string;
  fetchTimeoutMs?: number;
}

function describeDevice(label: string, device: TerminalConfig['devices'][keyof TerminalConfig['devices']]): Check {
  if (device.mode === 'none') return { name: label, status: 'warn', detail: 'not configured (mode "none"): features that need it are off' };
  if (device.mode === 'simulated') return { name: label, status: 'pass', detail: 'simulated device' };
  if (!existsSync(device.port)) return { name: label, status: 'fail', detail: `${device.port} does not exist (unplugged, or wrong path?)` };
  return { name: label, status: 'pass', detail: `${device.port} @ ${device.baudRate} baud, model ${device.model}` };
}

/** The checks a technician runs first on a kiosk that misbehaves. */
export async function runDoctor(opts: DoctorOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const runtime = readRuntimeFile(opts.dataDir);
  const configPath = opts.configPath ?? runtime?.configPath;

  let config: TerminalConfig | undefined;
  if (configPath === undefined) {
    checks.push({ name: 'configuration', status: 'fail', detail: 'no configuration given (--config FILE or KIOSK_CONFIG) and no running service to ask' });
  } else {
    const loaded = loadConfig(configPath);
    if (loaded.ok) {
      config = loaded.config;
      checks.push({ name: 'configuration', status: 'pass', detail: `${configPath} is valid (terminal ${loaded.config.id})` });
    } else {
      checks.push({ name: 'configuration', status: 'fail', detail: formatConfigReport(loaded) });
    }
  }

  const dir = checkDataDirWritable(opts.dataDir);
  checks.push(dir.ok ? { name: 'data directory', status: 'pass', detail: `${opts.dataDir} is writable` } : { name: 'data directory', status: 'fail', detail: dir.detail });

  if (runtime === undefined) {
    checks.push({ name: 'service', status: 'fail', detail: `not running (no ${opts.dataDir}/run/service.json); start it with npm start` });
  } else {
    try {
      const res = await fetch(`http://127.0.0.1:${runtime.port}/api/health`, {
        headers: { authorization: `Bearer ${runtime.technicianToken}` },
        signal: AbortSignal.timeout(opts.fetchTimeoutMs ?? 3000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const health = Health.parse(await res.json());
      checks.push({ name: 'service', status: 'pass', detail: `version ${health.version} on port ${runtime.port}, up ${Math.round(health.uptimeSeconds)} s, configuration ${health.configName}` });
      for (const [name, sub] of Object.entries(health.subsystems)) {
        // Something this software version does not offer yet is a known limit, not a fault of this machine.
        const knownLimit = /not-installed|not-in-this-version/.test(sub.reason ?? '');
        const status = sub.state === 'ok' ? 'pass' : sub.state === 'off' || knownLimit ? 'warn' : 'fail';
        checks.push({ name: `service: ${name}`, status, detail: [sub.state, sub.reason, sub.detail].filter(Boolean).join(' — ') });
      }
    } catch (error) {
      checks.push({ name: 'service', status: 'fail', detail: `pid ${runtime.pid} on port ${runtime.port} does not answer: ${(error as Error).message}` });
    }
  }

  if (config !== undefined) {
    checks.push(describeDevice('ID-card reader', config.devices.idCardReader));
    checks.push(describeDevice('receipt printer', config.devices.receiptPrinter));
  }
  return checks;
}
