import { z } from 'zod';

/**
 * A message from the UI for the service's log, so a technician sees renderer
 * errors in one place. The service redacts personal data before writing it.
 */
export const ClientLogEntry = z.strictObject({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().min(1).max(2000),
  /** Which screen the UI was on, e.g. `home`. */
  screen: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'expected a screen name of lowercase letters, digits or "-"')
    .optional(),
});
export type ClientLogEntry = z.infer<typeof ClientLogEntry>;
