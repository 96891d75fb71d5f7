import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * While the service runs it leaves `run/service.json` in the data directory
 * (readable by its own user only) so kioskctl on the same machine can find
 * the port and its technician token without anyone copying them by hand.
 * The UI's secret is kept apart from the token so that the service can tell
 * the touchscreen from a technician (a reprint of any receipt, for example).
 */
export const RuntimeInfo = z.object({
  pid: z.number().int(),
  port: z.number().int(),
  secret: z.string(),
  technicianToken: z.string(),
  version: z.string(),
  configPath: z.string(),
  startedAt: z.string(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfo>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, 'run', 'service.json');
}

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  mkdirSync(join(dataDir, 'run'), { recursive: true, mode: 0o700 });
  writeFileSync(runtimeFilePath(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
}

export function readRuntimeFile(dataDir: string): RuntimeInfo | undefined {
  try {
    return RuntimeInfo.parse(JSON.parse(readFileSync(runtimeFilePath(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Removes the file only if it is still ours (a newer service may have replaced it). */
export function removeRuntimeFile(dataDir: string, pid: number): void {
  if (readRuntimeFile(dataDir)?.pid === pid) rmSync(runtimeFilePath(dataDir), { force: true });
}
