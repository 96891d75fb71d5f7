import type { Health, SubsystemReason, SubsystemState } from '../common/api/health';
import { BUILT_FEATURES, featureStates } from '../common/features';
import type { IdCardReaderConfig, ReceiptPrinterConfig, TerminalConfig } from '../kiosk-config/schema';
import { checkDataDirWritable } from './data-dir';

export interface HealthSources {
  version: string;
  startedAt: Date;
  configName: string;
  config: TerminalConfig;
  dataDir: string;
  content: () => SubsystemState;
  /** The records database, when it could not be opened. */
  records: () => SubsystemState | undefined;
  now?: () => number;
}

/**
 * Device drivers arrive with the device-manager release; until then a
 * configured device is reported as unavailable with that reason, so the UI
 * says printing is off instead of failing when a citizen presses "print".
 */
type DeviceReason = SubsystemReason<'idCardReader'> & SubsystemReason<'receiptPrinter'>;

function deviceState(device: IdCardReaderConfig | ReceiptPrinterConfig): SubsystemState {
  if (device.mode === 'none') return { state: 'off', reason: 'not-configured' satisfies DeviceReason };
  const where = device.mode === 'serial' ? `${device.port} @ ${device.baudRate}` : 'simulated';
  return { state: 'unavailable', reason: 'driver-not-installed' satisfies DeviceReason, detail: `${where}: device support is not in this version` };
}

function hubState(config: TerminalConfig): SubsystemState {
  if (config.hub === undefined) return { state: 'off', reason: 'not-configured' satisfies SubsystemReason<'hub'> };
  return {
    state: 'unavailable',
    reason: 'link-not-in-this-version' satisfies SubsystemReason<'hub'>,
    detail: `${config.hub.url}: the hub link is not in this version`,
  };
}

export function createHealthReporter(src: HealthSources): () => Health {
  const now = src.now ?? Date.now;
  const { config } = src;
  const terminal: Health['terminal'] = {
    id: config.id,
    displayName: config.displayName,
    regionName: config.location.regionName,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    countdownSeconds: config.countdownSeconds,
    hotlines: config.hotlines,
  };
  return () => {
    const dir = checkDataDirWritable(src.dataDir);
    const storage: SubsystemState = !dir.ok
      ? { state: 'unavailable', reason: dir.reason satisfies SubsystemReason<'storage'>, detail: dir.detail }
      : (src.records() ?? { state: 'ok' });
    const hub = hubState(config);
    return {
      version: src.version,
      startedAt: src.startedAt.toISOString(),
      uptimeSeconds: Math.round((now() - src.startedAt.getTime()) / 100) / 10,
      configName: src.configName,
      terminal,
      subsystems: {
        storage,
        content: src.content(),
        idCardReader: deviceState(config.devices.idCardReader),
        receiptPrinter: deviceState(config.devices.receiptPrinter),
        hub,
      },
      features: featureStates({ enabled: config.features, built: BUILT_FEATURES, hubUp: hub.state === 'ok' }),
    };
  };
}
