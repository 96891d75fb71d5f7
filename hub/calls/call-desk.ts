import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import {
  CALL_KIOSK_GRACE_MS,
  DUTY_GRACE_MS,
  type CallEndReason,
  type IceConfig,
  type LawyerQueue,
} from '../../common/hub/api/calls';
import type { LiveServerMessage } from '../../common/hub/api/live';
import { CALL_DOCUMENT_KEEP_MS } from '../../common/hub/api/call-desk';
import { lawyerAddress } from '../../common/hub/lawyer-name';
import type { LiveBus, LiveEvent } from '../live/live-bus';
import { sendLive } from '../live/socket-messages';
import { deleteDocumentsBefore, noticeById, unfetchedNotices } from '../storage/call-documents';
import { touchKioskCalls, type EndedCall } from '../storage/calls';
import { noteLawyerSeen, touchLawyers } from '../storage/lawyer-duty';
import type { CallRow, HubDb } from '../storage/schema';
import { findUserById } from '../storage/users';
import { sweepCalls } from './call-sweep';
import { lawyerQueueIn, positionIn, readDesk, type DeskSnapshot } from './desk-snapshot';
import { LocalParties } from './local-parties';
import { kioskParty, lawyerParty, SignalBuffer } from './signal-buffer';
import { iceConfigFor, type TurnSettings } from './turn-credentials';
import { estimatedWaitSeconds, recentAnswerWaitMs } from './wait-estimate';

/**
 * The call desk of one hub instance: the call parties whose sockets are
 * open here, what they are pushed, and the clock that times offers out and
 * notices parties gone. The database decides everything (see
 * storage/calls.ts and call-sweep.ts); the desk tells whoever it holds,
 * and hears through the live bus what any instance changed:
 *  - a lawyer's console gets its whole queue (LawyerQueue) when it opens,
 *    when it asks, and whenever what it shows changed — never a diff, so a
 *    console that was reconnecting misses no arrival;
 *  - a waiting kiosk gets its place in line whenever it moves;
 *  - 已被接听 (`call-gone taken`) goes to every console that was shown the
 *    call the moment the answer is committed, on every instance.
 * Every tick (CALL_TICK_MS) the desk touches the last-seen times of the
 * parties it holds and sweeps (call-sweep.ts).
 */

/** How often each instance sweeps: offers time out and callers leave the queue within this of their time. */
export const CALL_TICK_MS = 1_000;
/** How often an instance writes that the parties it holds are still here; well inside every grace. */
export const PRESENCE_TOUCH_MS = 5_000;
/** How often pushed documents past their keeping time are deleted. */
const DOCUMENT_PRUNE_MS = 60_000;

export interface CallDeskOptions {
  db: HubDb;
  now: () => Date;
  bus: LiveBus;
  logger: Logger;
  turn: TurnSettings | undefined;
  /** Default CALL_TICK_MS; tests sweep by hand with `tick()`. */
  tickMs?: number;
}

export interface CallDesk {
  /** The kiosk's socket opened here. */
  kioskOpened(socket: WebSocket, kioskId: number): void;
  /** A lawyer's console opened here (other roles have no part in calls). */
  consoleOpened(socket: WebSocket, userId: number): void;
  /** What the message handlers (call-messages.ts) work with. */
  readonly core: DeskCore;
  /** Writes that the parties whose sockets are open here were seen now. */
  touch(): Promise<void>;
  /** Sweeps now (call-sweep.ts), telling every instance what it changed. */
  sweep(): Promise<void>;
  /** Touches, then sweeps: what the timer does every tick. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

type CallStatus = Extract<LiveServerMessage, { type: 'call-status' }>['status'];

/** The desk as its message handlers see it. */
export interface DeskCore {
  db: HubDb;
  now: () => Date;
  logger: Logger;
  parties: LocalParties;
  /** Hands an event to every instance (this one too), once committed; a failure is logged. */
  publish(event: LiveEvent): Promise<void>;
  /** Tells every instance calls ended (each end, the consoles that showed them). */
  announceEnded(ended: readonly EndedCall[]): Promise<void>;
  ice(who: { kioskId: number } | { userId: number }): IceConfig;
  /** A waiting call's place in line and expected wait; undefined once it is not waiting. */
  queuedStatus(callId: string, regionCode: string): Promise<CallStatus | undefined>;
  /** What the kiosk of an answered call is told. */
  answeredStatus(call: CallRow): Promise<CallStatus>;
  /** Sends the lawyer's queue to one of their sockets, as an answer or a push. */
  sendQueue(socket: WebSocket, userId: number, inReplyTo?: string): Promise<void>;
}

export function createCallDesk(opts: CallDeskOptions): CallDesk {
  const { db, now, bus, logger } = opts;
  const parties = new LocalParties();
  const signals = new SignalBuffer();
  const startedAt = now().getTime();
  let lastTouch = Number.NEGATIVE_INFINITY;
  let lastPrune = Number.NEGATIVE_INFINITY;

  const publish = async (event: LiveEvent): Promise<void> => {
    await bus
      .publish(event)
      .catch((error: unknown) => logger.warn({ err: error, type: event.type }, 'live event not sent'));
  };
  const announceEnded = async (ended: readonly EndedCall[]): Promise<void> => {
    for (const e of ended)
      await publish({
        type: 'call-ended',
        callId: e.callId,
        kioskId: e.kioskId,
        lawyerId: e.lawyerId,
        reason: e.reason,
        wasAnswered: e.wasAnswered,
      });
  };
  const ice = (who: { kioskId: number } | { userId: number }): IceConfig =>
    iceConfigFor(opts.turn, 'kioskId' in who ? `kiosk-${who.kioskId}` : `user-${who.userId}`, now());

  /** The expected wait per place in line, by region, read once per refresh. */
  const waitPerPlace = () => {
    const byRegion = new Map<string, Promise<number | undefined>>();
    return (regionCode: string): Promise<number | undefined> => {
      let wait = byRegion.get(regionCode);
      if (wait === undefined) byRegion.set(regionCode, (wait = recentAnswerWaitMs(db, regionCode, now())));
      return wait;
    };
  };
  const queuedIn = async (
    desk: DeskSnapshot,
    callId: string,
    perPlace: (region: string) => Promise<number | undefined>,
    regionCode: string,
  ): Promise<CallStatus | undefined> => {
    const position = positionIn(desk, callId);
    if (position === undefined) return undefined;
    return {
      state: 'queued',
      position,
      estimatedWaitSeconds: estimatedWaitSeconds(position, await perPlace(regionCode)),
    };
  };

  /**
   * Calls this instance has told its consoles are gone (answered, ended),
   * with when. A refresh that read the desk just before would otherwise
   * push a queue still listing one right after 已被接听; it is left out
   * until surely no read older than the change is under way.
   */
  const departed = new Map<string, number>();
  const DEPARTED_KEEP_MS = 30_000;
  const depart = (callId: string): void => {
    const at = Date.now();
    for (const [id, when] of departed) if (at - when > DEPARTED_KEEP_MS) departed.delete(id);
    departed.set(callId, at);
  };
  const queueOf = (desk: DeskSnapshot, userId: number): LawyerQueue => {
    const queue = lawyerQueueIn(desk, userId);
    return { ...queue, calls: queue.calls.filter((c) => !departed.has(c.callId)) };
  };

  const core: DeskCore = {
    db,
    now,
    logger,
    parties,
    publish,
    announceEnded,
    ice,
    async queuedStatus(callId, regionCode) {
      return queuedIn(await readDesk(db), callId, waitPerPlace(), regionCode);
    },
    async answeredStatus(call) {
      const lawyer = call.lawyer_id === null ? undefined : await findUserById(db, call.lawyer_id);
      return {
        state: 'answered',
        lawyerName: lawyerAddress(lawyer?.display_name ?? null),
        ice: ice({ kioskId: call.kiosk_id }),
      };
    },
    async sendQueue(socket, userId, inReplyTo) {
      const queue = queueOf(await readDesk(db, { alsoLawyers: [userId] }), userId);
      const view = parties.consoleView(userId, socket);
      if (view !== undefined) {
        view.lastQueue = JSON.stringify(queue);
        view.shown = new Set(queue.calls.map((c) => c.callId));
      }
      sendLive(socket, { type: 'queue', queue, ...(inReplyTo === undefined ? {} : { inReplyTo }) });
    },
  };

  /**
   * Reads the desk once and pushes to everyone held here whose view
   * changed: each lawyer's queue, each waiting kiosk's place. Coalesced:
   * events arriving while it runs make it run once more after.
   */
  const refresh = async (): Promise<void> => {
    const lawyerIds = parties.lawyerIds();
    const kioskIds = new Set(parties.kioskIds());
    if (lawyerIds.length === 0 && kioskIds.size === 0) return;
    const desk = await readDesk(db, { alsoLawyers: lawyerIds });
    for (const userId of lawyerIds) {
      const queue = queueOf(desk, userId);
      const text = JSON.stringify(queue);
      for (const [socket, view] of parties.consoleSockets(userId)) {
        if (view.lastQueue === text) continue;
        view.lastQueue = text;
        view.shown = new Set(queue.calls.map((c) => c.callId));
        sendLive(socket, { type: 'queue', queue });
      }
    }
    const perPlace = waitPerPlace();
    for (const call of desk.waiting) {
      if (!kioskIds.has(call.kioskId)) continue;
      const status = await queuedIn(desk, call.id, perPlace, call.regionCode);
      if (status === undefined) continue;
      const text = JSON.stringify({ callId: call.id, status });
      for (const [socket, view] of parties.kioskSockets(call.kioskId)) {
        if (view.lastQueued === text) continue;
        view.lastQueued = text;
        sendLive(socket, { type: 'call-status', callId: call.id, status });
      }
    }
  };
  let refreshing = false;
  let again = false;
  const refreshSoon = (): void => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    void (async () => {
      try {
        do {
          again = false;
          await refresh();
        } while (again);
      } catch (error) {
        logger.error({ err: error }, 'call desk: queues not pushed');
      } finally {
        refreshing = false;
      }
    })();
  };

  /** Tells the consoles here that showed the call that it is gone, and why. */
  const gone = (callId: string, reason: 'taken' | 'ended', except?: number): void => {
    depart(callId);
    for (const [userId, socket, view] of parties.allConsoles()) {
      if (userId === except || !view.shown.delete(callId)) continue;
      view.lastQueue = undefined;
      sendLive(socket, { type: 'call-gone', callId, reason });
    }
  };

  const onAnswered = async (e: Extract<LiveEvent, { type: 'call-answered' }>): Promise<void> => {
    // 已被接听 first: nothing to read for it.
    gone(e.callId, 'taken', e.lawyerId);
    const kiosks = parties.kioskSockets(e.kioskId);
    if (kiosks.length === 0) return;
    const lawyer = await findUserById(db, e.lawyerId);
    for (const [socket, view] of kiosks) {
      view.lastQueued = undefined;
      const status: CallStatus = {
        state: 'answered',
        lawyerName: lawyerAddress(lawyer?.display_name ?? null),
        ice: ice({ kioskId: e.kioskId }),
      };
      sendLive(socket, { type: 'call-status', callId: e.callId, status });
    }
  };

  const onEnded = (e: Extract<LiveEvent, { type: 'call-ended' }>): void => {
    signals.forgetCall(e.callId);
    gone(e.callId, 'ended');
    const ended = (reason: CallEndReason) => ({ type: 'call-ended' as const, callId: e.callId, reason });
    for (const [socket, view] of parties.kioskSockets(e.kioskId)) {
      view.lastQueued = undefined;
      if (!parties.takeAnswered(socket, `call-status:${e.callId}`))
        sendLive(socket, { type: 'call-status', callId: e.callId, status: { state: 'ended', reason: e.reason } });
      if (e.wasAnswered && !parties.takeAnswered(socket, `call-ended:${e.callId}`)) sendLive(socket, ended(e.reason));
    }
    if (e.lawyerId !== null && e.wasAnswered)
      for (const [socket] of parties.consoleSockets(e.lawyerId))
        if (!parties.takeAnswered(socket, `call-ended:${e.callId}`)) sendLive(socket, ended(e.reason));
  };

  const onSignal = (e: Extract<LiveEvent, { type: 'call-signal' }>): void => {
    const message = { type: 'call-signal' as const, callId: e.callId, signal: e.signal };
    // A socket closing (its close not yet seen here) would drop the signal: it counts as away.
    const sockets = (e.to === 'kiosk' ? parties.kioskSockets(e.kioskId) : parties.consoleSockets(e.lawyerId)).filter(
      ([socket]) => socket.readyState === socket.OPEN,
    );
    if (sockets.length === 0) {
      const party = e.to === 'kiosk' ? kioskParty(e.kioskId) : lawyerParty(e.lawyerId);
      signals.keep(party, e.callId, e.signal, now().getTime());
      return;
    }
    for (const [socket] of sockets) sendLive(socket, message);
  };

  const onDocument = async (e: Extract<LiveEvent, { type: 'call-document' }>): Promise<void> => {
    const kiosks = parties.kioskSockets(e.kioskId);
    if (kiosks.length === 0) return;
    const document = await noticeById(db, e.documentId);
    if (document === undefined) return;
    for (const [socket] of kiosks) sendLive(socket, { type: 'call-document', callId: e.callId, document });
  };

  const failed = (what: string) => (error: unknown) => logger.error({ err: error }, `call desk: ${what}`);
  const unsubscribe = bus.subscribe((event) => {
    switch (event.type) {
      case 'calls-changed':
        return refreshSoon();
      case 'call-answered':
        void onAnswered(event).catch(failed('the answer not told'));
        return refreshSoon();
      case 'call-ended':
        onEnded(event);
        return refreshSoon();
      case 'call-signal':
        return onSignal(event);
      case 'call-document':
        return void onDocument(event).catch(failed('a document not told'));
    }
  });

  /** What was kept for a party while it was away, handed over now it is back. */
  const replaySignals = (socket: WebSocket, party: string): void => {
    for (const { callId, signal } of signals.take(party, now().getTime()))
      sendLive(socket, { type: 'call-signal', callId, signal });
  };

  const kioskOpened = (socket: WebSocket, kioskId: number): void => {
    parties.addKiosk(kioskId, socket);
    socket.on('close', () => parties.removeKiosk(kioskId, socket));
    replaySignals(socket, kioskParty(kioskId));
    void (async () => {
      await touchKioskCalls(db, [kioskId], now());
      for (const { callId, notice } of await unfetchedNotices(db, kioskId))
        sendLive(socket, { type: 'call-document', callId, document: notice });
    })().catch(failed('a kiosk’s return not noted'));
  };

  const consoleOpened = (socket: WebSocket, userId: number): void => {
    parties.addConsole(userId, socket);
    socket.on('close', () => parties.removeConsole(userId, socket));
    replaySignals(socket, lawyerParty(userId));
    void (async () => {
      await noteLawyerSeen(db, userId, now());
      // Whatever arrived while the page was reconnecting is in it.
      await core.sendQueue(socket, userId);
    })().catch(failed('a console’s queue not sent'));
  };

  const touch = async (at: Date): Promise<void> => {
    lastTouch = at.getTime();
    await touchKioskCalls(db, parties.kioskIds(), at);
    await touchLawyers(db, parties.lawyerIds(), at);
  };

  const sweep = async (at: Date): Promise<void> => {
    const age = at.getTime() - startedAt;
    const out = await sweepCalls(db, at, { kiosks: age >= CALL_KIOSK_GRACE_MS, lawyers: age >= DUTY_GRACE_MS });
    await announceEnded(out.ended);
    if (out.ended.length > 0 || out.dutyChanged.length > 0 || out.offersChanged)
      await publish({ type: 'calls-changed' });
    if (at.getTime() - lastPrune >= DOCUMENT_PRUNE_MS) {
      lastPrune = at.getTime();
      await deleteDocumentsBefore(db, new Date(at.getTime() - CALL_DOCUMENT_KEEP_MS));
      signals.prune(at.getTime());
    }
  };

  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    // A tick slower than the interval is not stacked on itself.
    running ??= (async () => {
      const at = now();
      if (at.getTime() - lastTouch >= PRESENCE_TOUCH_MS) await touch(at);
      await sweep(at);
    })()
      .catch(failed('tick failed; the next one tries again'))
      .finally(() => (running = undefined));
  }, opts.tickMs ?? CALL_TICK_MS);
  timer.unref();

  return {
    kioskOpened,
    consoleOpened,
    core,
    async touch() {
      await touch(now());
    },
    async sweep() {
      await sweep(now());
    },
    async tick() {
      await running;
      const at = now();
      await touch(at);
      await sweep(at);
    },
    async close() {
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
