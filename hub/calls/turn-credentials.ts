import { createHmac } from 'node:crypto';
import type { IceConfig } from '../../common/hub/api/calls';

/**
 * TURN credentials of the TURN REST scheme (coturn's `use-auth-secret`):
 * the username is the expiry as Unix seconds and who it is for,
 * `1767225600:kiosk-12`, and the password is base64(HMAC-SHA1(secret,
 * username)). coturn checks both with the secret it shares with the hub,
 * so the hub hands out credentials that stop working by themselves, and
 * no TURN account is ever stored. Short-lived: a call asks again before an
 * ICE restart and after its socket reconnects.
 */

export interface TurnSettings {
  /** turn:/turns: URLs as the kiosks and consoles reach coturn, e.g. turn:turn.example.gov.cn:3478?transport=udp, turns:turn.example.gov.cn:443?transport=tcp. */
  urls: readonly string[];
  /** coturn's static-auth-secret. */
  secret: string;
  /** How long a credential lives. */
  ttlSeconds: number;
  /** Force the relay (halls where only TURN gets through; tests of the relay path). */
  relayOnly: boolean;
}

export function turnUsername(expiresAtSeconds: number, who: string): string {
  return `${expiresAtSeconds}:${who}`;
}

export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * The ICE configuration for `who` (a kiosk or a lawyer, as `kiosk-12`,
 * `user-5`: coturn logs it). No TURN configured: no servers, peer to peer
 * on the local network only.
 */
export function iceConfigFor(turn: TurnSettings | undefined, who: string, now: Date): IceConfig {
  if (turn === undefined || turn.urls.length === 0)
    return { iceServers: [], iceTransportPolicy: 'all', expiresAt: new Date(now.getTime() + 86_400_000).toISOString() };
  const expires = Math.floor(now.getTime() / 1000) + turn.ttlSeconds;
  const username = turnUsername(expires, who);
  return {
    iceServers: [{ urls: [...turn.urls], username, credential: turnPassword(turn.secret, username) }],
    iceTransportPolicy: turn.relayOnly ? 'relay' : 'all',
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}
