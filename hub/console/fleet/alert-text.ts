import type { TFunction } from 'i18next';
import type { AlertKind } from '../../../common/hub/api/alert-kinds';
import { formatTime } from '../shared/format';

/**
 * What an alert's detail says (common/hub/api/alerts.ts: a time, a clock
 * offset in milliseconds, the bytes free), in the words staff act on
 * (hubFleet.alertDetails), in the console's language.
 */
export function alertDetailText(
  t: TFunction,
  language: string,
  alert: { kind: AlertKind; detail: string | null },
): string {
  const detail = alert.detail ?? '';
  const number = Number(detail);
  return t(`hubFleet.alertDetails.${alert.kind}`, {
    at: alert.kind === 'offline' && !Number.isNaN(Date.parse(detail)) ? formatTime(detail, language, '') : detail,
    seconds: Math.round(Math.abs(number) / 1000),
    free: formatBytes(number, language),
  });
}

/** Bytes as people read a disk's free space: MB below a gigabyte, GB with one decimal above. */
export function formatBytes(bytes: number, language: string): string {
  if (!Number.isFinite(bytes)) return '—';
  const gib = bytes / 1024 ** 3;
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: gib >= 1 ? 1 : 0 });
  return gib >= 1 ? `${format.format(gib)} GB` : `${format.format(Math.floor(bytes / 1024 ** 2))} MB`;
}
