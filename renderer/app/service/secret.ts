import { SECRET_FRAGMENT_KEY } from '../../../common/api/contract';

/**
 * The per-boot secret from `#secret=…`: how tests, `npm start -- --headless`
 * and a technician's own browser open the UI. The fragment never reaches the
 * network, and leaving it in place lets a reload reconnect without anyone
 * retyping it. A kiosk shell hands the secret over as an HttpOnly cookie
 * instead (common/shell-handover.ts), which the page never sees: then this is
 * null and requests carry the cookie by themselves.
 */
export function readSecret(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const secret = params.get(SECRET_FRAGMENT_KEY)?.trim();
  return secret ? secret : null;
}
