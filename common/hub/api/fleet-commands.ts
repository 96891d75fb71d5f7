import { z } from 'zod';
import { utf8Length } from '../../receipt/receipt';

/**
 * Commands an administrator sends one kiosk (console or `hubctl command`):
 * reload the touchscreen, restart the service, collect its recent log lines
 * (redacted as they were written), take a screenshot (only in the attract
 * loop, never of a citizen's data), and maintenance mode on or off (the
 * kiosk shows 设备维护中 with the hotline and starts no citizen flow).
 *
 * The hub pushes a command over the kiosk's socket and offers it again in
 * every heartbeat's acknowledgement until the kiosk reports its result; one
 * not delivered before it expires is never delivered. The kiosk runs each
 * command once (it remembers the ids it ran) and reports the result on a
 * signed route, idempotent by the command's id.
 */

export const FLEET_COMMAND_KINDS = [
  'reload-ui',
  'restart-service',
  'collect-logs',
  'screenshot',
  'maintenance-on',
  'maintenance-off',
] as const;
export const FleetCommandKindSchema = z.enum(FLEET_COMMAND_KINDS);
export type FleetCommandKind = z.infer<typeof FleetCommandKindSchema>;

/** How a kiosk ended a command: done, failed (detail says why), or not something this kiosk can do (no shell able to take a screenshot). */
export const COMMAND_RESULT_STATUSES = ['done', 'failed', 'unsupported'] as const;
export const CommandResultStatusSchema = z.enum(COMMAND_RESULT_STATUSES);
export type CommandResultStatus = z.infer<typeof CommandResultStatusSchema>;

/** Where a command stands at the hub: not delivered yet, delivered (no result yet), expired undelivered, or its result. */
export const COMMAND_STATES = ['pending', 'delivered', 'expired', ...COMMAND_RESULT_STATUSES] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** A command lives at least a minute and at most a week; ten minutes unless said. */
export const COMMAND_MIN_SECONDS = 60;
export const COMMAND_MAX_SECONDS = 7 * 24 * 60 * 60;
export const COMMAND_DEFAULT_SECONDS = 10 * 60;

/** The largest result payload the hub keeps: log text in UTF-8 bytes, a screenshot's PNG bytes. */
export const COMMAND_LOGS_MAX_BYTES = 256 * 1024;
export const COMMAND_SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024;

export const CommandId = z.uuid();

/** A command as a kiosk receives it. */
export const KioskCommand = z.strictObject({
  id: CommandId,
  kind: FleetCommandKindSchema,
  expiresAt: z.string(),
});
export type KioskCommand = z.infer<typeof KioskCommand>;

/** What a command's result carries besides its status: log lines as text, or a screenshot as base64 PNG. */
export const CommandPayload = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('logs'),
    text: z
      .string()
      .refine(
        (t) => utf8Length(t) <= COMMAND_LOGS_MAX_BYTES,
        `expected at most ${COMMAND_LOGS_MAX_BYTES} bytes of log text`,
      ),
  }),
  z.strictObject({
    kind: z.literal('png'),
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')
      .max(
        Math.ceil(COMMAND_SCREENSHOT_MAX_BYTES / 3) * 4,
        `expected a PNG of at most ${COMMAND_SCREENSHOT_MAX_BYTES} bytes`,
      ),
  }),
]);
export type CommandPayload = z.infer<typeof CommandPayload>;

/** The kiosk's report of one command; sent again until answered, and a repeat changes nothing. */
export const KioskCommandResultRequest = z.strictObject({
  commandId: CommandId,
  status: CommandResultStatusSchema,
  detail: z.string().max(500),
  payload: CommandPayload.optional(),
});
export type KioskCommandResultRequest = z.infer<typeof KioskCommandResultRequest>;

/** `already-reported`: the hub had a result for it; the first one stands. */
export const KioskCommandResultResponse = z.object({ outcome: z.enum(['stored', 'already-reported']) });

/** The body of the route a console or hubctl sends with. */
export const SendCommandRequest = z.strictObject({
  kioskId: z.number().int().positive(),
  kind: FleetCommandKindSchema,
  expiresInSeconds: z.number().int().min(COMMAND_MIN_SECONDS).max(COMMAND_MAX_SECONDS).default(COMMAND_DEFAULT_SECONDS),
});

/** A command as an administrator sees it; the payload is read on its own (commandShow). */
export const FleetCommandSummary = z.object({
  id: CommandId,
  kioskId: z.number().int(),
  kind: FleetCommandKindSchema,
  state: z.enum(COMMAND_STATES),
  /** `user:<id>` or `hubctl`, as the audit log names actors. */
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  deliveredAt: z.string().nullable(),
  resultDetail: z.string().nullable(),
  resultAt: z.string().nullable(),
  /** What the result carries (logs, png), without it. */
  payloadKind: z.enum(['logs', 'png']).nullable(),
  payloadBytes: z.number().int().nullable(),
});
export type FleetCommandSummary = z.infer<typeof FleetCommandSummary>;

export const CommandListRequest = z.strictObject({ kioskId: z.number().int().positive().optional() });
export const CommandListResponse = z.object({ commands: z.array(FleetCommandSummary) });
export const CommandById = z.strictObject({ commandId: CommandId });
export const CommandDetail = z.object({ command: FleetCommandSummary, payload: CommandPayload.nullable() });
