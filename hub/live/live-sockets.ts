import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { LIVE_CLOSE, LIVE_SOCKETS } from '../../common/hub/api/live';
import { mayManageKiosksIn, mayWorkCasesIn, type AccountScope } from '../../common/hub/rights';
import type { MessageSocket } from '../../server-kit/http/server';
import type { HubCaller, KioskCaller, SessionCaller } from '../http/hub-guard';
import type { HeartbeatCommitter } from '../fleet/heartbeat-committer';
import { allowedReleaseOf, allowedReleases } from '../releases/rollouts';
import { findKiosk } from '../storage/kiosks';
import { takeOpenCommands } from '../storage/kiosk-commands';
import type { HubDb } from '../storage/schema';
import { liveSessionIds, SESSION_TOUCH_MS, slideSessionOnDuty } from '../storage/sessions';
import type { LiveBus, LiveEvent } from './live-bus';
import { readMessages, sendLive } from './socket-messages';
import type { CallDesk } from '../calls/call-desk';
import { kioskCallMessage, lawyerCallMessage } from '../calls/call-messages';

/**
 * The live sockets of one hub instance: each kiosk's and each console's,
 * and what the bus tells every instance about them. A kiosk revoked or a
 * session ended on any instance closes its sockets on this one; a kiosk
 * that changed is pushed to the consoles here whose account may see its
 * region (the rights of the kiosks route, common/hub/rights.ts). Sessions
 * also end without a word on the bus (idle too long, or ended by hubctl in
 * another process): every SESSION_CHECK_MS the consoles' sessions are
 * looked up again, and the sockets of those gone are closed. An open
 * socket keeps no session alive, except a lawyer's while they are on
 * 在线接待 or in a call and their console speaks (slideSessionOnDuty).
 */

export const SESSION_CHECK_MS = 60_000;
/**
 * Open sockets one kiosk or one session may hold on an instance: a kiosk
 * needs one (two while a reconnect overlaps a socket not yet seen dead), a
 * console one per tab. Past it a new socket is closed at once, so no client
 * can pile sockets onto the hub.
 */
export const MAX_SOCKETS_PER_KIOSK = 2;
export const MAX_SOCKETS_PER_SESSION = 8;

export interface LiveSocketsOptions {
  db: HubDb;
  /** Where heartbeats are committed, several to a commit under load. */
  heartbeats: HeartbeatCommitter;
  now: () => Date;
  bus: LiveBus;
  logger: Logger;
  sessionCheckMs?: number;
  /** The call desk of this instance: the call messages go there, and it hears of the sockets of the parties. */
  calls: CallDesk;
}

export interface LiveSockets {
  /** The kiosk's and the console's, for the server to serve. */
  sockets: readonly MessageSocket<HubCaller>[];
  /** Looks the consoles' sessions up again now (the timer does it every SESSION_CHECK_MS). */
  checkSessions(): Promise<void>;
  /**
   * Nudges every kiosk socket of this instance to check for content
   * (content-published: nothing in it to trust), each told the highest
   * release it may install now.
   */
  toKiosks(timestampVersion: number): Promise<void>;
  /** Stops hearing the bus; the server closes the sockets themselves. */
  close(): void;
}

interface ConsoleSocket {
  socket: WebSocket;
  sessionId: number;
  scope: AccountScope;
}

export function createLiveSockets(opts: LiveSocketsOptions): LiveSockets {
  const { db, now, bus, logger } = opts;
  const kiosks = new Map<number, Set<WebSocket>>();
  const consoles = new Set<ConsoleSocket>();

  const publish = (event: LiveEvent): void => {
    bus.publish(event).catch((error: unknown) => logger.warn({ err: error, type: event.type }, 'live event not sent'));
  };

  const closeKiosk = (kioskId: number): void => {
    for (const socket of kiosks.get(kioskId) ?? []) socket.close(LIVE_CLOSE.kioskRevoked, 'kiosk revoked');
  };
  const closeSession = (sessionId: number): void => {
    for (const c of consoles)
      if (c.sessionId === sessionId) c.socket.close(LIVE_CLOSE.sessionEnded, 'session ended: sign in again');
  };

  const unsubscribe = bus.subscribe((event) => {
    switch (event.type) {
      case 'kiosk-revoked':
        closeKiosk(event.kioskId);
        return pushToConsoles('kiosk-changed', event.kioskId, event.regionCode);
      case 'session-ended':
        return closeSession(Number(event.sessionId));
      case 'kiosk-changed':
      case 'alerts-changed':
        return pushToConsoles(event.type, event.kioskId, event.regionCode);
      case 'case-status':
        // Only the kiosk that took the submission: the status is its to show offline.
        for (const socket of kiosks.get(event.kioskId) ?? [])
          sendLive(socket, { type: 'case-status', status: event.status });
        return;
      case 'kiosk-command':
        if (kiosks.has(event.kioskId)) void pushCommands(event.kioskId);
        return;
      case 'cases-changed':
        for (const c of consoles)
          if (mayWorkCasesIn(c.scope, event.regionCode)) sendLive(c.socket, { type: 'cases-changed' });
        return;
      default:
        // The call desk's events: hub/calls/call-desk.ts hears them.
        return;
    }
  });

  /** The kiosk's open commands, over its sockets here; a socket that dies under them leaves them to the next heartbeat's answer. */
  async function pushCommands(kioskId: number): Promise<void> {
    try {
      const commands = await takeOpenCommands(db, kioskId, now());
      for (const socket of kiosks.get(kioskId) ?? [])
        for (const command of commands) sendLive(socket, { type: 'command', command });
    } catch (error) {
      logger.warn({ err: error, kioskId }, 'live sockets: commands not pushed');
    }
  }

  function pushToConsoles(type: 'kiosk-changed' | 'alerts-changed', kioskId: number, regionCode: string): void {
    for (const c of consoles) if (mayManageKiosksIn(c.scope, regionCode)) sendLive(c.socket, { type, kioskId });
  }

  const onKiosk = (socket: WebSocket, caller: HubCaller): void => {
    const kiosk = (caller as KioskCaller).kiosk;
    let set = kiosks.get(kiosk.id);
    if (set === undefined) kiosks.set(kiosk.id, (set = new Set()));
    if (set.size >= MAX_SOCKETS_PER_KIOSK)
      return socket.close(LIVE_CLOSE.protocol, 'this kiosk has sockets open already');
    set.add(socket);
    const changed = (): void => publish({ type: 'kiosk-changed', kioskId: kiosk.id, regionCode: kiosk.regionCode });
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0 && kiosks.get(kiosk.id) === set) kiosks.delete(kiosk.id);
      changed();
    });
    changed();
    opts.calls.kioskOpened(socket, kiosk.id);
    // What was sent while it was away (or by hubctl, which tells no socket) goes at once, not at the next beat.
    void pushCommands(kiosk.id);
    /** Revoked since its upgrade was let in (the event may have passed before the socket was listed): closed. */
    const stillApproved = async (): Promise<boolean> => {
      if ((await findKiosk(db, kiosk.id))?.status === 'approved') return true;
      socket.close(LIVE_CLOSE.kioskRevoked, 'kiosk revoked');
      return false;
    };
    void stillApproved().catch((error: unknown) => logger.error({ err: error }, 'kiosk socket: standing not read'));
    readMessages({
      socket,
      sender: { kind: 'kiosk' },
      logger,
      async handle(message) {
        if (!(await stillApproved())) return;
        if (message.type !== 'heartbeat') {
          await kioskCallMessage(opts.calls.core, socket, { kioskId: kiosk.id, regionCode: kiosk.regionCode }, message);
          return;
        }
        const at = now();
        // The heartbeat and the alerts it opens or clears are one commit.
        const { alerts, usageDaysStored, releaseEventsStored } = await opts.heartbeats.take(
          kiosk.id,
          message.report,
          at,
        );
        // The fallback to the push: what the kiosk has not reported yet, every beat.
        const commands = await takeOpenCommands(db, kiosk.id, at);
        // Committed: only now is it acknowledged, and the consoles told.
        sendLive(socket, {
          type: 'heartbeat-ack',
          id: message.id,
          receivedAt: at.toISOString(),
          ...(usageDaysStored.length > 0 ? { usageDaysStored } : {}),
          ...(releaseEventsStored.length > 0 ? { releaseEventsStored } : {}),
          allowedRelease: await allowedReleaseOf(db, kiosk.id),
          ...(commands.length > 0 ? { commands } : {}),
        });
        changed();
        if (alerts !== undefined) publish({ type: 'alerts-changed', ...alerts });
      },
    });
  };

  const onConsole = (socket: WebSocket, caller: HubCaller): void => {
    const { session } = caller as SessionCaller;
    if ([...consoles].filter((c) => c.sessionId === session.id).length >= MAX_SOCKETS_PER_SESSION)
      return socket.close(LIVE_CLOSE.protocol, 'this session has sockets open already');
    const entry: ConsoleSocket = {
      socket,
      sessionId: session.id,
      scope: { id: session.user.id, role: session.user.role, regionCode: session.user.regionCode },
    };
    consoles.add(entry);
    socket.on('close', () => consoles.delete(entry));
    // Only lawyers answer calls: no other role's console is a call party.
    const lawyer = session.user.role === 'lawyer';
    if (lawyer) opts.calls.consoleOpened(socket, session.user.id);
    // A lawyer on 在线接待 or in a call is not idle while their console speaks (storage/sessions.ts
    // slideSessionOnDuty); tried at most once per SESSION_TOUCH_MS, as a request's touch is written.
    let slideTriedAt = Number.NEGATIVE_INFINITY;
    const slideIfOnDuty = async (): Promise<void> => {
      const at = now();
      if (at.getTime() - slideTriedAt < SESSION_TOUCH_MS) return;
      slideTriedAt = at.getTime();
      // Done before the message is answered, so what the answer follows counts; a failure costs only the slide.
      await slideSessionOnDuty(db, session.id, at).catch((error: unknown) =>
        logger.warn({ err: error }, 'live sockets: an on-duty session not slid'),
      );
    };
    readMessages({
      socket,
      sender: { kind: 'session', role: session.user.role },
      logger,
      async handle(message) {
        if (lawyer) await slideIfOnDuty();
        if (message.type === 'ping') return sendLive(socket, { type: 'pong', id: message.id });
        if (lawyer) await lawyerCallMessage(opts.calls.core, socket, session.user.id, message);
      },
    });
  };

  const checkSessions = async (): Promise<void> => {
    const ids = [...new Set([...consoles].map((c) => c.sessionId))];
    const live = await liveSessionIds(db, ids, now());
    for (const id of ids) if (!live.has(id)) closeSession(id);
  };
  const timer = setInterval(() => {
    checkSessions().catch((error: unknown) => logger.warn({ err: error }, 'live sockets: sessions not checked'));
  }, opts.sessionCheckMs ?? SESSION_CHECK_MS);
  timer.unref();

  return {
    sockets: [
      { name: 'kiosk', path: LIVE_SOCKETS.kiosk.path, onOpen: onKiosk },
      { name: 'console', path: LIVE_SOCKETS.console.path, onOpen: onConsole },
    ],
    checkSessions,
    async toKiosks(timestampVersion) {
      let allowed: Map<number, number>;
      try {
        allowed = await allowedReleases(db, [...kiosks.keys()]);
      } catch (error) {
        // Nudged without an allowance, a kiosk checks and keeps to the last one it heard.
        logger.warn({ err: error }, 'kiosks’ allowed releases not read; nudged without them');
        allowed = new Map();
      }
      for (const [kioskId, set] of kiosks) {
        const allowedRelease = allowed.get(kioskId);
        for (const socket of set)
          sendLive(socket, {
            type: 'content-published',
            timestampVersion,
            ...(allowedRelease === undefined ? {} : { allowedRelease }),
          });
      }
    },
    close() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
