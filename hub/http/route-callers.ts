import type { AccountScope } from '../../common/hub/rights';
import type { UserRow } from '../storage/schema';
import type { HubCaller, KioskCaller, SessionCaller } from './hub-guard';

/** What the routes' handlers know of their caller, as the guard let it through. */

export const scopeOf = (user: { id: number; role: UserRow['role']; regionCode: string | null }): AccountScope => ({
  id: user.id,
  role: user.role,
  regionCode: user.regionCode,
});

/** The caller of a route that needs a session; the guard let no other through. */
export function signedIn(ctx: HubCaller): SessionCaller {
  if (ctx.session === undefined) throw new Error('a route that needs a session was reached without one');
  return ctx;
}

/** The caller of a kiosk's signed route; the guard let no other through. */
export function kioskOf(ctx: HubCaller): KioskCaller['kiosk'] {
  if (ctx.role !== 'kiosk') throw new Error('a kiosk route was reached without a kiosk');
  return ctx.kiosk;
}
