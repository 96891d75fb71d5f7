import type { RegisterKioskResponse } from '../../common/hub/api/kiosks';
import { SignInThrottle, throttleKey } from '../accounts/sign-in-throttle';
import { appendAudit } from '../storage/audit-log';
import { registerKiosk, type KioskRegistration } from '../storage/kiosks';
import type { HubDb } from '../storage/schema';

/**
 * Registration is the one route anyone may call that writes: every refusal
 * is audited, with where it came from. An enrollment code's 80 random bits
 * leave nothing to guess, but without a limit anyone could append refusals
 * to the audit log — which is never pruned — as fast as the hub answers.
 * So, as at sign-in (the same per-address counting, IPv6 by its /64), an
 * address with too many refused registrations in the window is refused
 * before its code is looked at: one audit row as it crosses the line, none
 * after, and the code it sent, right or wrong, stays as it was.
 */
export type ThrottledRegistration = (
  reg: KioskRegistration,
  now: Date,
  from: string | undefined,
) => Promise<RegisterKioskResponse>;

export function createThrottledRegistration(db: HubDb): ThrottledRegistration {
  const throttle = new SignInThrottle();
  return async (reg, now, from) => {
    if (throttle.refusedUntil(from, now) !== undefined) return { outcome: 'refused', reason: 'too-many-attempts' };
    const answer = await registerKiosk(db, reg, now, from);
    if (answer.outcome !== 'refused') return answer;
    throttle.recordFailure(from, now);
    const until = throttle.refusedUntil(from, now);
    if (until !== undefined)
      await appendAudit(
        db,
        {
          actor: 'system',
          action: 'kiosk.enroll-throttled',
          details: { from: throttleKey(from), until: until.toISOString() },
        },
        now,
      );
    return answer;
  };
}
