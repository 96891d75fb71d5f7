/**
 * How long a kiosk's oldest undelivered submission has waited, in the
 * largest whole unit that fits (minutes under an hour, hours under a day,
 * then days), as the console says it: "2 天前", "2 days ago". The time
 * is the kiosk's own clock; a kiosk clock ahead of the console's reads as
 * "0 minutes ago" rather than a time to come.
 */
export function waitingAge(sinceIso: string, now: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  if (minutes < 24 * 60) return { value: Math.floor(minutes / 60), unit: 'hour' };
  return { value: Math.floor(minutes / (24 * 60)), unit: 'day' };
}

export function formatWaitingAge(sinceIso: string, now: number, language: string): string {
  const { value, unit } = waitingAge(sinceIso, now);
  return new Intl.RelativeTimeFormat(language, { numeric: 'always' }).format(-value, unit);
}
