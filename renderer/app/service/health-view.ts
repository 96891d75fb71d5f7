import type { Health, SubsystemName, SubsystemState } from '../../../common/api/health';
import type { FeatureId, FeatureState } from '../../../common/features';
import { zhCN } from '../../../common/i18n/zh-CN';

/**
 * What the screens say about the terminal's health, as translation keys.
 * Pure functions so the wording rules are unit-tested.
 */

/** The national public legal-service hotline, used before the service has told us its own. */
export const NATIONAL_HOTLINE = '12348';

export function hotlineNumber(health: Health | null): string {
  return health?.terminal.hotlines.publicLegalService ?? NATIONAL_HOTLINE;
}

// Most citizen impact first: not being able to submit matters more than the hub.
const SUBSYSTEM_ORDER: readonly SubsystemName[] = ['storage', 'content', 'receiptPrinter', 'idCardReader', 'hub'];

type StatusCatalogue = (typeof zhCN)['status'];
type ReasonCode<S extends SubsystemName> = Extract<keyof StatusCatalogue[S]['reasons'], string>;
export type SubsystemReasonKey = { [S in SubsystemName]: `status.${S}.reasons.${ReasonCode<S>}` }[SubsystemName];
export type SubsystemNoticeKey = `status.${SubsystemName}.${'notice' | 'degraded'}`;

export interface SubsystemNotice {
  subsystem: SubsystemName;
  state: Exclude<SubsystemState['state'], 'ok'>;
  /** What the citizen can and cannot do now. */
  textKey: SubsystemNoticeKey;
  /** Why, in plain words; null when the service gave no reason. */
  reasonKey: SubsystemReasonKey | null;
}

/**
 * The translation key for a subsystem's reason code. Codes are owned by the
 * service and may be newer than this UI, so unknown ones get a calm generic text.
 */
export function subsystemReasonKey(subsystem: SubsystemName, reason: string | undefined): SubsystemReasonKey | null {
  if (reason === undefined) return null;
  // The Chinese catalogue is the reference; en.ts has the same keys (tested).
  const code = Object.hasOwn(zhCN.status[subsystem].reasons, reason) ? reason : 'unknown';
  // Safe: `code` is a key of this subsystem's reasons, checked just above.
  return `status.${subsystem}.reasons.${code}` as SubsystemReasonKey;
}

/** One notice per subsystem that is not fully working, most important first. */
export function subsystemNotices(health: Health): SubsystemNotice[] {
  const notices: SubsystemNotice[] = [];
  for (const subsystem of SUBSYSTEM_ORDER) {
    const { state, reason } = health.subsystems[subsystem];
    if (state === 'ok') continue;
    notices.push({
      subsystem,
      state,
      textKey: `status.${subsystem}.${state === 'degraded' ? 'degraded' : 'notice'}`,
      reasonKey: subsystemReasonKey(subsystem, reason),
    });
  }
  return notices;
}

/** Notices about something that is wrong, leaving out what this terminal simply does not have. */
export function faultNotices(health: Health): SubsystemNotice[] {
  return subsystemNotices(health).filter((n) => n.state !== 'off');
}

export function availableFeatureCount(health: Health): number {
  return health.features.filter((f) => f.available).length;
}

/** A feature's state from health; a feature the service does not list (it is older than this UI) is "not in this version". */
export function featureState(health: Health, id: FeatureId): FeatureState {
  return health.features.find((f) => f.id === id) ?? { id, available: false, reason: 'not-in-this-version' };
}

export type PrinterAvailability =
  /** Ready, or nearly out of paper: printing works. */
  | { state: 'ready' }
  /** This terminal has no printer: there is no point offering to print. */
  | { state: 'none' }
  /** A printer that cannot print right now; a job sent now waits and prints when it can. */
  | { state: 'waiting'; reasonKey: SubsystemReasonKey | null };

export function printerAvailability(health: Health): PrinterAvailability {
  const { state, reason } = health.subsystems.receiptPrinter;
  if (state === 'ok' || state === 'degraded') return { state: 'ready' };
  if (state === 'off') return { state: 'none' };
  return { state: 'waiting', reasonKey: subsystemReasonKey('receiptPrinter', reason) };
}
