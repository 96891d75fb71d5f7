import { OUTBOX_RETRY_BASE_MS, OUTBOX_RETRY_CAP_MS } from './outbox-sender';

/** For end-to-end tests only: a cap on the outbox's retry waits shorter than the fleet's hour. */
export const TEST_OUTBOX_RETRY_ENV = 'KIOSK_TEST_OUTBOX_RETRY_MS';

/** Retries closer together than this would be load, not a test. */
const MIN_MS = 200;

/**
 * The outbox's retry waits a test asks for in KIOSK_TEST_OUTBOX_RETRY_MS
 * (whole milliseconds, 200 up to the fleet's cap): the cap, with the first
 * wait a tenth of it, so a test sees a submission arrive within seconds of
 * the hub coming back. Anything else, or nothing, leaves the fleet's waits.
 */
export function testOutboxRetry(env: NodeJS.ProcessEnv): { baseMs: number; capMs: number } | undefined {
  const text = env[TEST_OUTBOX_RETRY_ENV];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const capMs = Number(text);
  if (capMs < MIN_MS || capMs > OUTBOX_RETRY_CAP_MS) return undefined;
  return { baseMs: Math.min(OUTBOX_RETRY_BASE_MS, Math.max(MIN_MS / 2, Math.round(capMs / 10))), capMs };
}
