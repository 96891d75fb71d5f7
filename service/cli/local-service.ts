import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { RouteDef } from '../../common/api/contract';
import { ApiErrorBody } from '../../common/api/errors';
import { fail } from '../../server-kit/cli/exit-codes';
import { DatabaseTooNewError } from '../../server-kit/sqlite/migrations';
import { readRuntimeFile } from '../runtime-file';
import { openRecordsDbReadOnly, RecordsSchemaMismatchError } from '../storage/records-db';

/**
 * How kioskctl reaches the kiosk's data: records.db read directly (read-only;
 * WAL lets it look while the service writes, and after it died), and the
 * running service over its local API with the technician's token.
 */

/** Bad or unknown reference, or no running service to ask (the other exit codes are in ./exit). */
export const EXIT_REFERENCE_OR_SERVICE = 2;

export function openForReading(dataDir: string) {
  const file = join(dataDir, 'records.db');
  if (!existsSync(file))
    fail(
      `no records.db in ${dataDir}: the kiosk service has not run with this data directory (use --data-dir or KIOSK_DATA_DIR)`,
    );
  try {
    return openRecordsDbReadOnly(file);
  } catch (error) {
    if (error instanceof RecordsSchemaMismatchError || error instanceof DatabaseTooNewError) fail(error.message);
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Asks the running service on one route of the API contract. The answer comes
 * back unparsed, whatever its status: callers check the status, then parse a
 * success body with the route's response schema (an error body with
 * {@link errorMessage}).
 */
export async function callService<Body extends z.ZodType, Res extends z.ZodType>(
  dataDir: string,
  route: RouteDef<Body, Res>,
  body?: z.input<Body>,
  /** How long to wait for the answer: a few seconds, longer for work such as an install. */
  timeoutMs = 5000,
): Promise<{ status: number; json: unknown }> {
  const runtime = readRuntimeFile(dataDir);
  if (runtime === undefined)
    fail(
      `the kiosk service is not running (no ${join(dataDir, 'run', 'service.json')}); start it, then try again`,
      EXIT_REFERENCE_OR_SERVICE,
    );
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${runtime.port}${route.path}`, {
      method: route.method,
      headers: {
        authorization: `Bearer ${runtime.technicianToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    fail(
      `the kiosk service (port ${runtime.port}) does not answer, so it is probably not running: ${(error as Error).message}`,
      EXIT_REFERENCE_OR_SERVICE,
    );
  }
  return { status: res.status, json: await res.json().catch(() => null) };
}

export function errorMessage(json: unknown): string {
  const parsed = ApiErrorBody.safeParse(json);
  return parsed.success ? parsed.data.error.message : JSON.stringify(json);
}
