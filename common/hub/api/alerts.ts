import { z } from 'zod';
import {
  MAX_RANGES_PER_DAY,
  OPENING_HOURS_PROBLEMS,
  WEEKDAYS,
  type OpeningHours,
  type Weekday,
} from '../opening-hours';
import { AlertKindSchema } from './alert-kinds';
import { KioskHeartbeat, KioskSummary } from './kiosks';

/**
 * The fleet's alerts, a kiosk's health history and its opening hours, as
 * the console and hubctl see them.
 *
 * What each kind's (alert-kinds.ts) `detail` holds (a value, not a sentence: the console and
 * hubctl say it in the reader's language):
 *  - `offline`: when its last heartbeat came (ISO 8601);
 *  - `printer-paper-out`, `printer-cover-open`, `reader-missing`: the
 *    device's state as the kiosk reported it, e.g. `unavailable:paper-out`;
 *  - `clock-off`: its clock minus the hub's, in milliseconds;
 *  - `disk-low`: the bytes free.
 */
export { ALERT_KINDS, AlertKindSchema, type AlertKind } from './alert-kinds';

/** One alert of one kiosk: open while `clearedAt` is null. */
export const KioskAlert = z.object({
  id: z.number().int(),
  kioskId: z.number().int(),
  kind: AlertKindSchema,
  detail: z.string().nullable(),
  openedAt: z.string(),
  clearedAt: z.string().nullable(),
});
export type KioskAlert = z.infer<typeof KioskAlert>;

/** An open alert with what a list of the fleet's alerts needs to say which kiosk it is. */
export const FleetAlert = KioskAlert.extend({
  terminalId: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  site: z.string().nullable(),
});
export type FleetAlert = z.infer<typeof FleetAlert>;

export const AlertsResponse = z.object({ alerts: z.array(FleetAlert) });

const Ranges = z.array(z.string().max(16)).max(MAX_RANGES_PER_DAY * 2);
/** As sent: the shape only; what the ranges say is checked by checkOpeningHours, which names every problem. */
export const OpeningHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, Ranges])) as Record<Weekday, typeof Ranges>,
) satisfies z.ZodType<OpeningHours>;

/** One point of a kiosk's health history (see hub/fleet/health-history.ts for when one is kept). */
export const HealthSample = z.object({
  at: z.string(),
  appVersion: z.string(),
  contentVersion: z.string().nullable(),
  diskFreeBytes: z.number(),
  outboxDepth: z.number(),
  clockOffsetMs: z.number(),
  devices: z.array(z.object({ device: z.string(), state: z.string() })),
});
export type HealthSample = z.infer<typeof HealthSample>;

/** A kiosk's page: how it is now, what went wrong lately, when it is expected to be on. */
export const KioskDetailResponse = z.object({
  kiosk: KioskSummary,
  openingHours: OpeningHoursSchema,
  /** True while no administrator has set its hours: DEFAULT_OPENING_HOURS apply. */
  openingHoursAreDefault: z.boolean(),
  latestHeartbeat: z.object({ receivedAt: z.string(), report: KioskHeartbeat }).nullable(),
  openAlerts: z.array(KioskAlert),
  /** Its alerts, open and cleared, newest first, the last HEALTH_HISTORY_DAYS days (at most ALERT_HISTORY_LIMIT). */
  alertHistory: z.array(KioskAlert),
  /** Oldest first, the last HEALTH_HISTORY_DAYS days (the newest HEALTH_HISTORY_LIMIT samples). */
  healthHistory: z.array(HealthSample),
});
export type KioskDetailResponse = z.infer<typeof KioskDetailResponse>;

/** How far back a kiosk's page looks, and how many alerts and samples it lists at most. */
export const HEALTH_HISTORY_DAYS = 14;
export const ALERT_HISTORY_LIMIT = 200;
/** A sample an hour for two weeks is 336; a kiosk whose devices keep changing has more, and its newest are what matter. */
export const HEALTH_HISTORY_LIMIT = 2000;

export const SetOpeningHoursRequest = z.strictObject({
  kioskId: z.number().int().positive(),
  /** null: back to DEFAULT_OPENING_HOURS. */
  hours: OpeningHoursSchema.nullable(),
});

export const SetOpeningHoursResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('set'), openingHours: OpeningHoursSchema, openingHoursAreDefault: z.boolean() }),
  z.object({
    outcome: z.literal('refused'),
    problems: z.array(
      z.object({ day: z.enum(WEEKDAYS), problem: z.enum(OPENING_HOURS_PROBLEMS), range: z.string().optional() }),
    ),
  }),
]);
export type SetOpeningHoursResponse = z.infer<typeof SetOpeningHoursResponse>;
