import { z } from 'zod';

/**
 * What the running shell (Electron or the Chromium fallback) says about its
 * own lockdown, so `kioskctl doctor` can report it. The shell writes it as
 * `run/shell.json` in the data directory (owner-only), next to the service's
 * `run/service.json`, and removes it when it stops. It carries no secret.
 */
export const SHELL_STATE_FILE = 'shell.json';

export const ShellState = z.object({
  pid: z.number().int(),
  shell: z.enum(['electron', 'chromium']),
  /** Path or version of the browser engine the window runs in. */
  engine: z.string(),
  /** Whether the renderer runs inside the browser's own sandbox. */
  sandbox: z.boolean(),
  runningAsRoot: z.boolean(),
  /** The managed policy file the browser was started under, when one applies (Chromium). */
  policyFile: z.string().optional(),
  startedAt: z.string(),
});
export type ShellState = z.infer<typeof ShellState>;
