import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import {
  LIVE_SOCKETS,
  liveClientMessages,
  type LiveClientMessageType,
  type LiveSender,
  type LiveSocketName,
} from '../../common/hub/api/live';
import { openSession } from '../storage/sessions';
import type { SessionScope } from '../storage/schema';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import {
  consoleSocket,
  kioskSocket,
  openLive,
  SAMPLE_REPORT,
  upgradeOutcome,
  type LiveClient,
} from '../testing/live-clients';
import { ENGINES } from '../testing/test-storage';
import { ORIGIN, useTestHub, type TestKiosk } from '../testing/test-hub';

/**
 * Every message a client may send on a live socket × every caller that
 * can hold one open: the kiosk on its socket, each role on the console's.
 * The message types come from the live contract, so a new one is in this
 * table the day it is added; who may send each is written out below (a
 * new type without a line here does not compile), so a message more open
 * than intended fails here even if the contract says so. And every socket
 * × every caller at the upgrade, as route-access.test.ts does for routes.
 */

const DECLARED: { [T in LiveClientMessageType]: LiveSender } = {
  heartbeat: { kind: 'kiosk' },
  ping: { kind: 'session', roles: 'any' },
  'call-request': { kind: 'kiosk' },
  'call-cancel': { kind: 'kiosk' },
  'duty-set': { kind: 'session', roles: ['lawyer'] },
  'queue-sync': { kind: 'session', roles: ['lawyer'] },
  'call-accept': { kind: 'session', roles: ['lawyer'] },
  'call-signal': { kind: 'call-party', roles: ['lawyer'] },
  'call-end': { kind: 'call-party', roles: ['lawyer'] },
  'ice-config': { kind: 'call-party', roles: ['lawyer'] },
};

/** A call no caller here is a party to: a message naming it is answered, never acted on. */
const CALL = '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90';
const SAMPLES: { [T in LiveClientMessageType]: (id: string) => unknown } = {
  heartbeat: (id) => ({ type: 'heartbeat', id, report: SAMPLE_REPORT }),
  ping: (id) => ({ type: 'ping', id }),
  'call-request': (id) => ({
    type: 'call-request',
    id,
    callId: CALL,
    topic: 'labour',
    callerName: null,
    maxWaitSeconds: 600,
  }),
  'call-cancel': (id) => ({ type: 'call-cancel', id, callId: CALL }),
  'duty-set': (id) => ({ type: 'duty-set', id, status: 'away' }),
  'queue-sync': (id) => ({ type: 'queue-sync', id }),
  'call-accept': (id) => ({ type: 'call-accept', id, callId: CALL }),
  'call-signal': (id) => ({ type: 'call-signal', id, callId: CALL, signal: { candidate: null } }),
  'call-end': (id) => ({ type: 'call-end', id, callId: CALL }),
  'ice-config': (id) => ({ type: 'ice-config', id, callId: CALL }),
};

const ROLES: { role: UserRole; regionCode: string | null }[] = [
  { role: 'administrator', regionCode: null },
  { role: 'regional-administrator', regionCode: '420000' },
  { role: 'lawyer', regionCode: '420111' },
  { role: 'case-officer', regionCode: '420111' },
];

/** Who may send a message, written out independently of the hub's own check. */
function maySend(declared: LiveSender, who: { kind: 'kiosk' } | { kind: 'session'; role: UserRole }): boolean {
  if (declared.kind === 'call-party') return who.kind === 'kiosk' || declared.roles.includes(who.role);
  if (declared.kind === 'kiosk') return who.kind === 'kiosk';
  if (who.kind !== 'session') return false;
  return declared.roles === 'any' || declared.roles.includes(who.role);
}

/** Who may open each socket, written out: an approved kiosk; any full session. */
const OPENERS: { [S in LiveSocketName]: (who: string) => boolean } = {
  kiosk: (who) => who === 'an approved kiosk',
  console: (who) => who.startsWith('a full session'),
};

const TYPES = Object.keys(liveClientMessages) as LiveClientMessageType[];

describe.each(ENGINES)('who may send each live message, on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('the contract declares exactly the senders written out here', () => {
    expect(Object.fromEntries(TYPES.map((t) => [t, liveClientMessages[t].sender]))).toEqual(DECLARED);
  });

  for (const type of TYPES) {
    it(`${type}: every caller that may not send it is refused, every one that may is answered`, async () => {
      const callers: { name: string; who: Parameters<typeof maySend>[1]; open: () => Promise<LiveClient> }[] = [];
      const kiosk = await hub.addKiosk('approved');
      callers.push({ name: 'a kiosk', who: { kind: 'kiosk' }, open: () => kioskSocket(hub, kiosk) });
      for (const { role, regionCode } of ROLES) {
        const user = await hub.addAccount(`u.${role}`, role, regionCode);
        const token = await openSession(hub.storage.storage.db, user.id, 'full', hub.now());
        callers.push({ name: role, who: { kind: 'session', role }, open: () => consoleSocket(hub, token) });
      }
      const wrong: string[] = [];
      for (const caller of callers) {
        const client = await caller.open();
        client.send(SAMPLES[type]('m1'));
        // The answer names the message; what the hub pushes by itself (a lawyer's queue as the console opens) is not one.
        const answer = await client.next(
          (m) => ('inReplyTo' in m && m.inReplyTo === 'm1') || ('id' in m && m.id === 'm1'),
        );
        const allowed = maySend(DECLARED[type], caller.who);
        const refused = answer.type === 'error' && answer.code === 'not-allowed';
        if (allowed === refused) wrong.push(`${caller.name} → ${JSON.stringify(answer)}`);
        if (!allowed && answer.type === 'error' && answer.inReplyTo !== 'm1')
          wrong.push(`${caller.name}: no inReplyTo`);
        client.ws.close();
      }
      expect(wrong).toEqual([]);
      // A refused heartbeat left nothing behind.
      const rows = await hub.storage.storage.db.selectFrom('kiosk_heartbeats').select('kiosk_id').execute();
      expect(rows.map((r) => r.kiosk_id)).toEqual(type === 'heartbeat' ? [kiosk.id] : []);
    });
  }

  for (const name of Object.keys(LIVE_SOCKETS) as LiveSocketName[]) {
    it(`${LIVE_SOCKETS[name].path}: who may open it`, async () => {
      const opens: [string, () => Promise<LiveClient>][] = [];
      for (const status of ['approved', 'pending', 'revoked'] as const) {
        const kiosk = await hub.addKiosk(status);
        opens.push([`an ${status} kiosk`, () => openAs(name, { kiosk })]);
      }
      opens.push(['nobody', () => openAs(name, {})]);
      for (const { role, regionCode } of ROLES) {
        const user = await hub.addAccount(`u.${role}`, role, regionCode);
        for (const scope of ['full', 'totp-setup'] as SessionScope[]) {
          const token = await openSession(hub.storage.storage.db, user.id, scope, hub.now());
          opens.push([
            `a ${scope === 'full' ? 'full session' : 'TOTP-set-up session'} of a ${role}`,
            () => openAs(name, { token }),
          ]);
        }
      }
      const wrong: string[] = [];
      for (const [who, open] of opens) {
        const outcome = await upgradeOutcome(open());
        const allowed = OPENERS[name](who);
        if (allowed ? outcome !== 'open' : outcome !== 401 && outcome !== 403) wrong.push(`${who} → ${outcome}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  /**
   * Opens the socket named with what a caller holds: a kiosk signs for the
   * socket's path; a person sends the cookie, from the hub's page on the
   * console's socket and, on the kiosk's, as a kiosk would (no Origin).
   */
  function openAs(name: LiveSocketName, holds: { kiosk?: TestKiosk; token?: string }): Promise<LiveClient> {
    const { path } = LIVE_SOCKETS[name];
    if (holds.kiosk !== undefined) return kioskSocket(hub, holds.kiosk, { path });
    const headers: Record<string, string> = name === 'kiosk' ? { [HUB_REQUEST_HEADER]: '1' } : { origin: ORIGIN };
    if (holds.token !== undefined) headers['cookie'] = `hub-session=${holds.token}`;
    return openLive(hub, path, headers);
  }
});
