import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The device names a heartbeat uses (HEARTBEAT_DEVICES), in words; another name as it came. */
export function deviceName(t: TFunction, device: string): string {
  return t(`hubConsole.kiosk.deviceNames.${device}`, { defaultValue: device });
}

/**
 * A device's state as a heartbeat reports it, `state` or `state:reason`
 * (common/hub/api/kiosks.ts): the state in words, the reason code after it
 * as the kiosk's technicians know it.
 */
export function DeviceState({ state }: { state: string }) {
  const { t } = useTranslation();
  const [base = state, reason] = state.split(':', 2);
  const words = t(`hubConsole.kiosk.deviceStates.${base}`, { defaultValue: base });
  return (
    <span className={base === 'ok' ? undefined : 'console-device-problem'} data-testid="device-state">
      {words}
      {reason !== undefined && <code className="console-reason"> {reason}</code>}
    </span>
  );
}
