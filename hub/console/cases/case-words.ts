import type { TFunction } from 'i18next';

const HOUR_MS = 3600_000;

/** How long a case has waited at its status, in whole days past two days, else in hours. */
export function waitingFor(t: TFunction, ms: number): string {
  const hours = Math.max(0, Math.floor(ms / HOUR_MS));
  return hours >= 48
    ? t('hubCases.desk.waitingDays', { count: Math.floor(hours / 24) })
    : t('hubCases.desk.waitingHours', { count: hours });
}
