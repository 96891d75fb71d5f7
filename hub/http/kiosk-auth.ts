import type { KioskAccess } from '../../common/hub/api/access';
import type { GuardAllow, GuardDecision, GuardRefusal } from '../../server-kit/http/guard';
import { parseKioskPublicKey } from '../../server-kit/kiosk-identity/kiosk-key';
import {
  KIOSK_CLOCK_WINDOW_MS,
  readSignatureClaim,
  verifyRequest,
} from '../../server-kit/kiosk-identity/request-signature';
import { acceptKioskNonce, findKiosk } from '../storage/kiosks';
import type { HubDb, KioskStatus } from '../storage/schema';
import type { HubCaller, KioskCaller } from './hub-guard';

/**
 * A kiosk's signed request (server-kit/kiosk-identity): the headers are
 * read first, then — once the body's bytes are in — the signature is
 * checked with the public key of the kiosk the headers name, and only
 * then is its standing told: a revoked kiosk is refused on every route, a
 * pending one on all but its status. So nobody without a kiosk's key
 * learns anything of it, and no kiosk can act as another: the key that
 * verifies is the one registered for the id it sends.
 */

const refusal = (status: 401 | 403, message: string): GuardRefusal => ({ allow: false, status, message });

const NOT_AUTHENTICATED = 'Kiosk authentication failed: unknown kiosk, wrong signature or replayed request';

export interface KioskRequest {
  header(name: string): string | undefined;
  method: string;
  /** The path of the route matched (what the kiosk signed). */
  path: string;
  access: Exclude<KioskAccess, 'enrolling-kiosk'>;
  facts: Omit<KioskCaller, 'role' | 'kiosk' | 'session'>;
}

export function decideKioskRequest(db: HubDb, now: () => Date, r: KioskRequest): GuardDecision<HubCaller> {
  const claim = readSignatureClaim(r.header);
  if (claim === undefined) return refusal(401, 'Kiosk authentication needed (signed request headers)');
  if (Math.abs(claim.time - now().getTime()) > KIOSK_CLOCK_WINDOW_MS)
    return refusal(401, 'The kiosk’s clock is more than 5 minutes off the hub’s (see the Date of this answer)');

  const afterBody: GuardAllow<HubCaller>['afterBody'] = async (body) => {
    const kiosk = await findKiosk(db, claim.kioskId);
    const key = kiosk === undefined ? undefined : parseKioskPublicKey(kiosk.public_key);
    if (kiosk === undefined || key === undefined) return refusal(401, NOT_AUTHENTICATED);
    if (!verifyRequest(key, claim, { method: r.method, path: r.path, body })) return refusal(401, NOT_AUTHENTICATED);
    const standing = standingRefusal(kiosk.status, r.access);
    if (standing !== undefined) return standing;
    if (!(await acceptKioskNonce(db, kiosk.id, claim.nonce, now()))) return refusal(401, NOT_AUTHENTICATED);
    return {
      allow: true,
      caller: {
        role: 'kiosk',
        ...r.facts,
        kiosk: { id: kiosk.id, status: kiosk.status, terminalId: kiosk.terminal_id, regionCode: kiosk.region_code },
      },
    };
  };
  return { allow: true, afterBody };
}

function standingRefusal(status: KioskStatus, access: KioskRequest['access']): GuardRefusal | undefined {
  if (status === 'revoked') return refusal(403, 'This kiosk is revoked: it must enroll again with a new code');
  if (status === 'pending' && access === 'approved-kiosk')
    return refusal(403, 'This kiosk waits for an administrator’s approval');
  return undefined;
}
