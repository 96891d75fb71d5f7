import { z } from 'zod';
import { COMMAND_SCREENSHOT_MAX_BYTES } from '../hub/api/fleet-commands';

/**
 * The shell's own socket to the local service: the Electron shell (never
 * the page it shows) connects with the per-boot secret it read from the
 * service's KIOSK_URL line and offers to take the screen. The service asks
 * only when a `screenshot` command from the hub is due and the kiosk is in
 * the attract loop (service/hub/hub-commands.ts); the shell answers with a
 * PNG of its window. The secret travels as a subprotocol
 * (`[SHELL_PROTOCOL, bearerProtocol(secret)]`, as on the event socket), and
 * the socket opens only without an Origin: no page, ours included, can
 * open it and pose as the shell.
 */
export const SHELL_SOCKET_PATH = '/api/shell';
export const SHELL_PROTOCOL = 'kiosk-shell.v1';

/** The service asks for a picture of the screen. */
export const ShellRequest = z.strictObject({ type: z.literal('capture'), requestId: z.string().min(1).max(64) });
export type ShellRequest = z.infer<typeof ShellRequest>;

/**
 * The longest base64 the socket takes: twice what the hub keeps, so that a
 * picture somewhat too large still arrives and the service can say how
 * large it was (the limit itself is the service's to apply).
 */
const PNG_BASE64_MAX = Math.ceil((2 * COMMAND_SCREENSHOT_MAX_BYTES) / 3) * 4;

/** The shell's answer: the PNG, or why it took none (no window, a call on screen…). */
export const ShellAnswer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('captured'),
    requestId: z.string().min(1).max(64),
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')
      .max(PNG_BASE64_MAX, `expected a PNG of at most ${2 * COMMAND_SCREENSHOT_MAX_BYTES} bytes`),
  }),
  z.strictObject({
    type: z.literal('not-captured'),
    requestId: z.string().min(1).max(64),
    reason: z.string().max(300),
  }),
]);
export type ShellAnswer = z.infer<typeof ShellAnswer>;

/** The largest message the service's sockets take: a screenshot in base64 and the few fields around it. */
export const SHELL_MESSAGE_MAX_BYTES = PNG_BASE64_MAX + 4 * 1024;
