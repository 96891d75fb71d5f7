import { SECRET_FRAGMENT_KEY } from '../../common/api/contract';
import { SHELL_SECRET_PROPERTY } from '../../common/shell-handover';

/**
 * The per-boot secret from `#secret=…`: how tests, `npm start -- --headless`
 * and a technician's own browser open the UI. The fragment never reaches the
 * network, and leaving it in place lets a reload reconnect without anyone
 * retyping it.
 */
export function readSecret(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const secret = params.get(SECRET_FRAGMENT_KEY)?.trim();
  return secret ? secret : null;
}

/**
 * The secret a kiosk shell handed over (common/shell-handover.ts), if any.
 * It is taken off the window at once, so nothing loaded later in the page
 * finds it lying there; the shell hands it over again to every new document,
 * so a reload still gets it.
 */
export function takeShellSecret(win: object): string | null {
  const value: unknown = Reflect.get(win, SHELL_SECRET_PROPERTY);
  Reflect.deleteProperty(win, SHELL_SECRET_PROPERTY);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The shell's handover first: in production the fragment carries nothing. */
export function pageSecret(win: object, hash: string): string | null {
  return takeShellSecret(win) ?? readSecret(hash);
}
