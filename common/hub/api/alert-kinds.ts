import { z } from 'zod';

/**
 * The kinds of alert the hub raises for a kiosk (see alerts.ts for what
 * each one's detail holds). On their own so that the kiosks' schemas can
 * name them without importing the alerts' schemas, which name the kiosks'.
 */
export const ALERT_KINDS = [
  'offline',
  'printer-paper-out',
  'printer-cover-open',
  'reader-missing',
  'clock-off',
  'disk-low',
] as const;
export const AlertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKindSchema>;
