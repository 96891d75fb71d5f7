import { SECRET_FRAGMENT_KEY } from '../../common/api/contract';

/**
 * The per-boot secret from `#secret=…`. The fragment never reaches the
 * network, and leaving it in place lets a reload (crash recovery, the
 * shell's watchdog) reconnect without anyone retyping it.
 */
export function readSecret(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const secret = params.get(SECRET_FRAGMENT_KEY)?.trim();
  return secret ? secret : null;
}
