import type { Health, SubsystemReason, SubsystemState } from '../common/api/health';
import { BUILT_FEATURES, featureStates } from '../common/features';
import type { TerminalConfig } from '../kiosk-config/schema';
import type { TerminalContent } from './content/terminal-content';
import { checkDataDirWritable } from './data-dir';

export interface HealthSources {
  version: string;
  startedAt: Date;
  configName: string;
  config: TerminalConfig;
  dataDir: string;
  content: () => SubsystemState;
  /** The records database when it is not plainly ok: it could not be opened, or it was started afresh. */
  records: () => SubsystemState | undefined;
  device: (name: 'idCardReader' | 'receiptPrinter') => SubsystemState;
  /** The link to the hub (service/hub/heartbeat-sender.ts); none when the data directory is unusable. */
  hub?: () => SubsystemState;
  /** Since when the kiosk is in maintenance mode (service/hub/hub-commands.ts); undefined when it is not. */
  maintenance?: () => { since: string } | undefined;
  /** What the content release says for this terminal (content/terminal-content.ts); without it, the configuration's lines and no notices. */
  terminalContent?: () => TerminalContent;
  now?: () => number;
}

/** No link: the kiosk cannot be enrolled without its data directory. */
const NO_HUB_LINK: SubsystemState = { state: 'off', reason: 'not-configured' satisfies SubsystemReason<'hub'> };

/**
 * The hardship standard as the legal-aid check takes it. The effective date
 * is passed on only when the configuration names one: a date the kiosk made
 * up would read as a fact about the standard.
 */
export function legalAidInfo(config: TerminalConfig): Health['terminal']['legalAid'] {
  const c = config.legalAid;
  return {
    province: c.province,
    threshold: {
      monthlyIncomePerPersonYuan: c.hardshipMonthlyIncomePerCapitaYuan,
      ...(c.hardshipFamilyAssetsYuan === undefined ? {} : { familyAssetsYuan: c.hardshipFamilyAssetsYuan }),
      source: c.thresholdSource,
      ...(c.thresholdEffectiveFrom === undefined ? {} : { effectiveFrom: c.thresholdEffectiveFrom }),
    },
  };
}

export function createHealthReporter(src: HealthSources): () => Health {
  const now = src.now ?? Date.now;
  const { config } = src;
  const configured: Health['terminal'] = {
    id: config.id,
    displayName: config.displayName,
    regionName: config.location.regionName,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    countdownSeconds: config.countdownSeconds,
    hotlines: config.hotlines,
    hubUrl: config.hub?.url ?? null,
    calculators:
      config.calculators === undefined
        ? null
        : {
            localAverageMonthlyWageFen: Math.round(config.calculators.localAverageMonthlyWageYuan * 100),
            source: config.calculators.source,
          },
    legalAid: legalAidInfo(config),
    videoCall: {
      maxWaitSeconds: config.videoCall.maxWaitMinutes * 60,
      recording: config.videoCall.recording,
      dutyHours: config.videoCall.dutyHours ?? null,
    },
  };
  return () => {
    const dir = checkDataDirWritable(src.dataDir);
    const storage: SubsystemState = !dir.ok
      ? {
          state: 'unavailable',
          reason: dir.error.reason satisfies SubsystemReason<'storage'>,
          detail: dir.error.detail,
        }
      : (src.records() ?? { state: 'ok' });
    const hub = src.hub?.() ?? NO_HUB_LINK;
    const maintenance = src.maintenance?.();
    const fromContent = src.terminalContent?.();
    const terminal: Health['terminal'] =
      fromContent === undefined
        ? configured
        : {
            ...configured,
            hotlines: fromContent.hotlines,
            videoCall: { ...configured.videoCall, dutyHours: fromContent.dutyHours },
          };
    return {
      version: src.version,
      startedAt: src.startedAt.toISOString(),
      uptimeSeconds: Math.round((now() - src.startedAt.getTime()) / 100) / 10,
      configName: src.configName,
      terminal,
      subsystems: {
        storage,
        content: src.content(),
        idCardReader: src.device('idCardReader'),
        receiptPrinter: src.device('receiptPrinter'),
        hub,
      },
      features: featureStates({ enabled: config.features, built: BUILT_FEATURES, hubUp: hub.state === 'ok' }),
      // Only while it is on: a health in service reads as before.
      ...(maintenance === undefined ? {} : { maintenance }),
      notices: fromContent?.notices ?? [],
    };
  };
}
